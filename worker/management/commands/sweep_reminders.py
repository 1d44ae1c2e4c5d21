"""Run the reminder sweeps and send what is due, in this process (no beat needed)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from worker.reminders import liaison_digest_sweep, reminder_sweep
from worker.sending import notification_drain

DRAIN_BUDGET_SECONDS = 60 * 60


class Command(BaseCommand):
    help = "Queue due reminders, overdue notices, module openings and digests, then send them."

    def handle(self, *args, **options) -> None:
        counts = dict(reminder_sweep())
        counts["liaison_digest"] = liaison_digest_sweep()
        for kind, offered in sorted(counts.items()):
            self.stdout.write(f"{kind}: {offered} due")
        result = notification_drain(time_budget=DRAIN_BUDGET_SECONDS)
        self.stdout.write(f"sent {result.sent}, to retry {result.retried}, failed {result.failed}")
