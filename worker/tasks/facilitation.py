"""The hourly facilitation sweep: digests, escalations (once a day each) and session reminders."""

from __future__ import annotations

from celery import shared_task

from worker.facilitation import facilitation_sweep
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="worker.facilitation_sweep", **TRANSIENT_RETRY)
def facilitation_sweep_task() -> dict[str, int]:
    return facilitation_sweep()
