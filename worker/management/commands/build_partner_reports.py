"""Build the partner reports still missing (or those of one month) and email the links."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from worker.partner_reports import month_period, partner_reports_catch_up, partner_reports_deliver
from worker.sending import notification_drain

DRAIN_BUDGET_SECONDS = 60 * 60


class Command(BaseCommand):
    help = (
        "Build every partner report still missing up to the last closed month, oldest first "
        "(or those of --period), and send the links."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--period", metavar="YYYY-MM", help="Month to report on.")

    def handle(self, *args, period: str | None = None, **options) -> None:
        if period:
            try:
                period_start, period_end = month_period(period)
            except ValueError as exc:
                raise CommandError(f"--period must look like 2026-10: {exc}") from exc
            delivery = partner_reports_deliver(period_start=period_start, period_end=period_end)
        else:
            delivery = partner_reports_catch_up()
        for report in delivery.reports:
            self.stdout.write(
                f"{report.partner}: report {report.pk} for {report.period_start:%Y-%m}"
            )
        for partner, reason in delivery.refused.items():
            self.stderr.write(f"{partner}: no report: {reason}")
        result = notification_drain(time_budget=DRAIN_BUDGET_SECONDS)
        self.stdout.write(f"sent {result.sent}, to retry {result.retried}, failed {result.failed}")
