"""Partner reports for the previous month (beat: daily at 02:00; idempotent, so it heals)."""

from __future__ import annotations

from celery import shared_task

from worker.partner_reports import month_period, partner_reports_deliver, previous_month
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="worker.partner_reports_build", **TRANSIENT_RETRY)
def partner_reports_build_task(period: str | None = None) -> list[int]:
    period_start, period_end = month_period(period) if period else previous_month()
    delivery = partner_reports_deliver(period_start=period_start, period_end=period_end)
    return [report.pk for report in delivery.reports]
