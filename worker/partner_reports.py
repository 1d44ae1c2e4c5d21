"""Monthly partner reports: build one per partner and period, then email a link (never data).

Building belongs to the partners app (`partners.services.partner_report_build`, idempotent: one
report per partner and period), so running this twice, or from two beats at once, still yields
one report and one message per recipient.
"""

from __future__ import annotations

import calendar
import logging
from dataclasses import dataclass, field
from datetime import date, datetime

from django.utils import timezone

from partners.models import PartnerMembership, PartnerOrganization, PartnerReport
from repair import clock
from worker.models import Notification
from worker.outbox import notification_queue_bulk

logger = logging.getLogger(__name__)

PARTNER_URL = "/partner/"


def previous_month(*, at: datetime | None = None) -> tuple[date, date]:
    """The last month that has ended in every department's zone (`repair.clock`)."""
    return clock.last_closed_month(at=at)


def month_period(value: str) -> tuple[date, date]:
    """ "2026-10" -> (2026-10-01, 2026-10-31); ValueError when malformed."""
    year, month = (int(part) for part in value.split("-"))
    last_day = calendar.monthrange(year, month)[1]
    return date(year, month, 1), date(year, month, last_day)


@dataclass
class Delivery:
    reports: list[PartnerReport] = field(default_factory=list)
    refused: dict[str, str] = field(default_factory=dict)  # partner name -> reason


def partner_reports_deliver(*, period_start: date, period_end: date) -> Delivery:
    """Every partner's report for the period; a period the partners app refuses for one
    partner (not ended yet, or older than a report it already has) does not stop the others."""
    delivery = Delivery()
    for partner in PartnerOrganization.objects.order_by("pk"):
        try:
            report = partner_report_deliver(
                partner=partner, period_start=period_start, period_end=period_end
            )
        except ValueError as exc:
            logger.warning("No report for %s, %s to %s: %s", partner, period_start, period_end, exc)
            delivery.refused[partner.name] = str(exc)
        else:
            delivery.reports.append(report)
    return delivery


def partner_report_deliver(
    *, partner: PartnerOrganization, period_start: date, period_end: date
) -> PartnerReport:
    # Imported when called: the partners app builds reports from its own selectors.
    from partners.services import partner_report_build

    report = partner_report_build(partner=partner, period_start=period_start, period_end=period_end)
    recipients = (
        PartnerMembership.objects.filter(
            partner=partner, receives_reports=True, user__is_active=True
        )
        .values_list("user_id", flat=True)
        .order_by("user_id")
    )
    notification_queue_bulk(
        Notification(
            kind=Notification.Kind.PARTNER_REPORT_READY,
            recipient_id=user_id,
            dedupe_key=f"{Notification.Kind.PARTNER_REPORT_READY}:{report.pk}:{user_id}",
            context={
                "partner": partner.name,
                "period_start": report.period_start.isoformat(),
                "period_end": report.period_end.isoformat(),
                "url": PARTNER_URL,
            },
        )
        for user_id in recipients
    )
    # The links are in the outbox, which sends each exactly once: the report is delivered.
    PartnerReport.objects.filter(pk=report.pk, delivered_at__isnull=True).update(
        delivered_at=timezone.now()
    )
    return report
