"""Partner reports (beat: daily at 11:15 UTC, when the month has closed in every US zone; each
run builds every month still missing, oldest first, so it heals)."""

from __future__ import annotations

from celery import shared_task

from worker.partner_reports import month_period, partner_reports_catch_up, partner_reports_deliver
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="worker.partner_reports_build", **TRANSIENT_RETRY)
def partner_reports_build_task(period: str | None = None) -> list[int]:
    if period:
        period_start, period_end = month_period(period)
        delivery = partner_reports_deliver(period_start=period_start, period_end=period_end)
    else:
        delivery = partner_reports_catch_up()
    return [report.pk for report in delivery.reports]
