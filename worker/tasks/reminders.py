"""Beat-scheduled reminder sweeps (every 15 minutes) and the weekly liaison digest."""

from __future__ import annotations

from celery import shared_task

from compliance.supervisors import supervisor_digest_sweep
from worker.reminders import liaison_digest_sweep, reminder_sweep
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="worker.reminder_sweep", **TRANSIENT_RETRY)
def reminder_sweep_task() -> dict[str, int]:
    counts = dict(reminder_sweep())
    # The digest is keyed by ISO week: the 15-minute sweep heals a missed Monday tick.
    counts["liaison_digest"] = liaison_digest_sweep()
    counts["supervisor_digest"] = supervisor_digest_sweep()
    return counts


@shared_task(name="worker.liaison_digest", **TRANSIENT_RETRY)
def liaison_digest_task() -> int:
    return liaison_digest_sweep()
