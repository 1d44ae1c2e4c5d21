"""Assignment rules applied for every department (beat: hourly; idempotent, so a missed or a
repeated tick changes nothing)."""

from __future__ import annotations

from celery import shared_task

from compliance.services import rules_apply
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="compliance.rules_apply", **TRANSIENT_RETRY)
def rules_apply_task() -> dict:
    result = rules_apply()
    return {"rules": result.rules, "created": result.created}
