"""Roster CSV imports too large for one web request: validate, then write, in the worker."""

from __future__ import annotations

from celery import shared_task

from accounts.models import User
from accounts.roster import (
    ROSTER_COMMIT_TASK,
    ROSTER_VALIDATE_TASK,
    roster_import_commit,
    roster_import_requeue,
    roster_import_state,
    roster_import_stuck_list,
    roster_import_validate,
)
from worker.publish import task_publish


@shared_task(name=ROSTER_VALIDATE_TASK)
def roster_import_validate_task(import_id: str) -> None:
    state = roster_import_state(import_id=import_id)
    # Idempotent: a redelivered message for a file already checked does nothing.
    if state is None or state["status"] not in {"uploaded", "validating"}:
        return
    roster_import_validate(import_id=import_id)


@shared_task(name=ROSTER_COMMIT_TASK)
def roster_import_commit_task(import_id: str, user_id: int) -> None:
    state = roster_import_state(import_id=import_id)
    if state is None or state["status"] != "queued":
        return
    roster_import_commit(import_id=import_id, acting_user=User.objects.get(pk=user_id))


@shared_task(name="roster.import_sweep")
def roster_import_sweep_task() -> int:
    """Beat: publish again the task of every import stuck in an intermediate state."""
    published = 0
    for state in roster_import_stuck_list():
        step = roster_import_requeue(state=state)
        if step == "validate":
            published += task_publish(roster_import_validate_task, state["id"])
        elif step == "commit":
            published += task_publish(roster_import_commit_task, state["id"], state["user_id"])
    return published
