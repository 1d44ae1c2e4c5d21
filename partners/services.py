"""Partner writes: building the periodic report (CSV and PDF of the R-11 tables)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from partners.models import PartnerOrganization, PartnerReport
from partners.reports_pdf import snapshot_pdf
from partners.selectors import (
    CSV_COLUMNS,
    Snapshot,
    partner_aggregates,
    snapshot_csv_rows,
)
from repair import clock

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def _csv_safe(value):
    # A label a spreadsheet would run as a formula is written as text.
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def snapshot_csv(*, snapshot: Snapshot) -> bytes:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, extrasaction="ignore")
    writer.writeheader()
    for row in snapshot_csv_rows(snapshot=snapshot):
        writer.writerow({name: _csv_safe(row.get(name)) for name in CSV_COLUMNS})
    return buffer.getvalue().encode("utf-8")


def _check_period(*, partner: PartnerOrganization, period_start: dt.date, period_end: dt.date):
    if period_end < period_start:
        raise ValueError(_("The period ends before it starts."))
    if not clock.period_closed(period_end):  # the day has ended in every department's zone
        raise ValueError(_("A report covers a period that has ended."))
    later = PartnerReport.objects.filter(partner=partner, period_end__gte=period_end)
    if later.exists():
        # Each report is suppressed against the ones before it; a report slipped in before a
        # published one would not be checked against it.
        raise ValueError(_("Reports are built in order: a report ending later already exists."))


def _existing(partner, period_start, period_end) -> PartnerReport | None:
    return PartnerReport.objects.filter(
        partner=partner, period_start=period_start, period_end=period_end
    ).first()


def partner_report_build(
    *, partner: PartnerOrganization, period_start: dt.date, period_end: dt.date
) -> PartnerReport:
    """The partner's report for the period, built once (idempotent, safe when run twice at once).

    The files hold the R-11 tables as of the end of the period, suppressed against what the
    partner's earlier reports published (see `partners.selectors`).
    """
    existing = _existing(partner, period_start, period_end)
    if existing is not None:
        return existing
    _check_period(partner=partner, period_start=period_start, period_end=period_end)
    try:
        with transaction.atomic():
            report = PartnerReport.objects.create(
                partner=partner, period_start=period_start, period_end=period_end
            )
            _write_files(report=report)
    except IntegrityError:
        # Another caller built it between our check and our insert.
        existing = _existing(partner, period_start, period_end)
        if existing is None:
            raise
        return existing
    return report


def _write_files(*, report: PartnerReport) -> None:
    snapshot = partner_aggregates(
        partner=report.partner, period_start=report.period_start, period_end=report.period_end
    )
    snapshot.generated_at = report.generated_at
    csv_bytes = snapshot_csv(snapshot=snapshot)
    pdf_bytes = snapshot_pdf(snapshot=snapshot, partner_name=report.partner.name)
    stem = f"{report.partner.slug}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"
    report.csv_file.save(f"{stem}.csv", ContentFile(csv_bytes), save=False)
    report.pdf_file.save(f"{stem}.pdf", ContentFile(pdf_bytes), save=False)
    report.checksum = hashlib.sha256(csv_bytes + pdf_bytes).hexdigest()
    report.save(update_fields=["csv_file", "pdf_file", "checksum"])
    withheld = sum(
        1 for row in snapshot_csv_rows(snapshot=snapshot) if row.get("suppressed") is True
    )
    audit_record(
        action="partner_report.build",
        obj=report,
        data={
            "period_start": report.period_start.isoformat(),
            "period_end": report.period_end.isoformat(),
            "checksum": report.checksum,
            "min_cell": snapshot.min_cell,
            "rows_withheld": withheld,
        },
    )


def partner_report_download_record(
    *, report: PartnerReport, user, kind: str, client_ip: str | None
) -> None:
    """Audit one download of a report file by the acting user."""
    audit_record(
        action="partner_report.download",
        actor=user,
        obj=report,
        client_ip=client_ip,
        data={"kind": kind, "partner_id": report.partner_id, "checksum": report.checksum},
    )
