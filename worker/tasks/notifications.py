"""Sending the outbox: one row by id (published after commit) or a drain of every due row."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings

from worker.outbox import notification_publish
from worker.sending import notification_drain, notification_send
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="worker.notification_send", **TRANSIENT_RETRY)
def notification_send_task(notification_id: int) -> str | None:
    return notification_send(notification_id=notification_id)


@shared_task(name="worker.notification_drain", **TRANSIENT_RETRY)
def notification_drain_task() -> dict:
    # Half the soft limit: the task ends on its own well before it could be killed.
    result = notification_drain(time_budget=settings.CELERY_TASK_SOFT_TIME_LIMIT / 2)
    if not result.finished and not result.stopped:
        notification_publish()
    return {k: v for k, v in vars(result).items() if k != "outcomes"}
