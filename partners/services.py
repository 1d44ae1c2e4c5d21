"""Partner writes: the monthly release (every partner's report of a period, decided at once).

A release is the only way figures reach a partner: the dashboard and the API show the last
stored report, never a live computation, so what a partner has seen is exactly what the ledger
(`PartnerReportRow`) holds. Each period is built once, after it has closed in every US zone
(`partners.periods`), in order, for all partners together (`partners.disclosure` needs every
partner's tables to stop one partner's figures from being subtracted from another's); a
partner whose report of the period comes later (a new partner) is built against the figures
already published for that period. The files (CSV and PDF) are rendered from the ledger rows,
byte for byte the same each time, so a lost file can be rebuilt and checked against the
report's checksum.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import logging
from collections import defaultdict

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from curriculum.models import Curriculum
from partners import periods
from partners.changes import report_changes
from partners.disclosure import (
    FIGURES,
    SMALL_CELL,
    min_cell,
    protect,
    protect_means,
    size_bands,
)
from partners.figures import period_figures
from partners.models import (
    DataSharingAgreement,
    PartnerOrganization,
    PartnerReport,
    PartnerReportRow,
)
from partners.reports_pdf import report_pdf
from partners.tables import (
    MEAN_TABLES,
    NO_RATE,
    TOTALS,
    Layout,
    ledger_entries,
    mean_ledger_entries,
    previous_cells,
    release_layout,
    unit_rank,
)
from partners.wording import report_notes

logger = logging.getLogger(__name__)

_FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CSV_COLUMNS = (
    "table",
    "key",
    "label",
    "parent",
    "officers",
    "enrolled",
    "completed",
    "completion_rate",
    "officers_in_period",
    "enrolled_in_period",
    "completed_in_period",
    "pairs",
    "mean_pre",
    "mean_post",
    "mean_gain",
    "normalised_gain",
    "ratings",
    "mean_rating",
    "departments",
    "withheld",
)
WITHHELD_TEXT = "withheld"


# --- which departments, which periods ------------------------------------------------------


def sharing_departments(
    *, partner_ids, period_start: dt.date, period_end: dt.date
) -> dict[int, frozenset[int]]:
    """Per partner, the departments with an agreement in force at some time in the period."""
    found: dict[int, set[int]] = {partner_id: set() for partner_id in partner_ids}
    rows = (
        DataSharingAgreement.objects.filter(partner_id__in=list(found), starts_on__lte=period_end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period_start))
        .values_list("partner_id", "department_id")
    )
    for partner_id, department_id in rows:
        found[partner_id].add(department_id)
    return {partner_id: frozenset(ids) for partner_id, ids in found.items()}


def partner_check_period(
    *, partner: PartnerOrganization, period_start: dt.date, period_end: dt.date
):
    if period_end < period_start:
        raise ValueError(_("The period ends before it starts."))
    if not periods.is_closed(period_end):
        raise ValueError(_("A report covers a period that has ended."))
    later = PartnerReport.objects.filter(partner=partner, period_end__gte=period_end)
    if later.exclude(period_start=period_start, period_end=period_end).exists():
        # Each report is checked against the ones before it; one slipped in before a
        # published report would not be checked against it.
        raise ValueError(_("Reports are built in order: a report ending later already exists."))


def unit_floor(*, before: dt.date, bands: tuple[int, ...]) -> dict[int, int]:
    """Per department, the rank of the largest row a report before `before` put it in (any
    partner): it never moves to a smaller group (`partners.tables.unit_of`)."""
    floor: dict[int, int] = {}
    rows = (
        PartnerReportRow.objects.filter(table="department", report__period_end__lt=before)
        .values_list("key", "members")
        .distinct()
    )
    for key, members in rows:
        rank = unit_rank(key, bands)
        for department in members or ([int(key)] if key.isdigit() else []):
            floor[department] = max(floor.get(department, 0), rank)
    return floor


# --- the ledger as the disclosure control needs it ----------------------------------------------


def _rows_by_report(partner_id: int, before: dt.date) -> list[list[PartnerReportRow]]:
    rows = PartnerReportRow.objects.filter(
        report__partner_id=partner_id, report__period_end__lt=before
    ).order_by("report__period_end", "report__period_start", "report_id", "position")
    grouped: dict[int, list[PartnerReportRow]] = defaultdict(list)
    for row in rows:
        grouped[row.report_id].append(row)
    return list(grouped.values())


def _bind_ledger(layout: Layout, partner_id: int, period_end: dt.date) -> None:
    release = layout.release
    history = _rows_by_report(partner_id, period_end)
    prefix = f"p{partner_id}:"
    for (table, key), entry in ledger_entries(history).items():
        release.ledger[f"{prefix}{table}:{key}"] = entry
    for (table, key), entry in mean_ledger_entries(history).items():
        layout.mean_ledger[f"{prefix}{table}:{key}"] = entry
    if history:
        before = ledger_entries(history[:-1])
        cells, lines = previous_cells(partner_id, history[-1], before)
        release.previous.update(cells)
        release.previous_lines += lines


def _bind_nested_means(layout: Layout, departments: dict[int, frozenset[int]], every) -> None:
    """Means another partner published for a subset of a partner's departments."""
    for partner_id in every:
        own = departments.get(partner_id)
        if own is None:
            continue
        others = [q for q, theirs in departments.items() if q != partner_id and theirs < own]
        if not others:
            continue
        last = {}
        for other in others:
            for row in PartnerReportRow.objects.filter(
                report__partner_id=other, table__in=MEAN_TABLES
            ).order_by("report__period_end"):
                count = row.pairs if row.table == "gain" else row.ratings
                if count is not None:
                    last[(other, row.table, row.key)] = count
        for cell in layout.means.values():
            if cell.partner == partner_id:
                cell.nested_counts = tuple(
                    count
                    for (_, table, key), count in last.items()
                    if (table, key) == (cell.table, cell.key)
                )


def _previous_release(period_start: dt.date, partner_ids, k: int):
    """Every partner's report of the month before, as published, over its own atoms."""
    start, end = periods.month_before(period_start)
    reports = list(
        PartnerReport.objects.filter(partner_id__in=partner_ids, period_end=end).prefetch_related(
            "rows"
        )
    )
    if not reports:
        return None
    departments = sharing_departments(
        partner_ids=[report.partner_id for report in reports], period_start=start, period_end=end
    )
    union = frozenset().union(*departments.values())
    layout = release_layout(
        figures=period_figures(department_ids=union, period_end=end),
        partners=departments,
        bands=size_bands(),
        k=k,
        floor=unit_floor(before=end, bands=size_bands()),
    )
    for report in reports:
        _fix_published(layout, report)
    return layout.release


def _fix_published(layout: Layout, report: PartnerReport) -> None:
    """Another partner's report of this period exists: its figures are given, not decided."""
    stored = {(row.table, row.key): row for row in report.rows.all()}
    prefix = f"p{report.partner_id}:"
    for cell in layout.release.cells.values():
        if not cell.id.startswith(prefix):
            continue
        cell.fixed = True
        row = stored.get((cell.table, cell.key))
        for name in FIGURES:
            value = None if row is None else getattr(row, name)
            if row is not None and name in row.ranges:
                cell.ranges[name] = tuple(row.ranges[name])
            if value is None:
                cell.withheld[name] = (row.withheld.get(name) if row else None) or SMALL_CELL
            else:
                cell.values[name] = value
    for cell in layout.means.values():
        if cell.id.startswith(prefix):
            cell.fixed = True
            row = stored.get((cell.table, cell.key))
            count = None if row is None else (row.pairs if cell.table == "gain" else row.ratings)
            cell.withheld = None if count is not None else SMALL_CELL


# --- the rows and the files -------------------------------------------------------------------


def _rate(values: dict, known) -> float | None:
    enrolled = values["enrolled"]
    if not (known("enrolled") and known("completed")) or enrolled < min_cell():
        return None
    return round(values["completed"] / enrolled, 4)


def _count_row(spec, cell, position: int, departments: int | None) -> PartnerReportRow:
    published = {name: None if not cell.known(name) else cell.values[name] for name in FIGURES}
    return PartnerReportRow(
        position=position,
        table=spec.table,
        key=spec.key,
        label=spec.label,
        parent=spec.parent,
        members=list(spec.members),
        **published,
        completion_rate=None if spec.table in NO_RATE else _rate(cell.values, cell.known),
        departments=departments,
        withheld=dict(sorted(cell.withheld.items())),
        ranges={name: list(value) for name, value in sorted(cell.ranges.items())},
    )


def _mean_row(spec, cell, position: int) -> PartnerReportRow:
    count_name = "pairs" if cell.table == "gain" else "ratings"
    withheld = bool(cell.withheld)
    means = {
        name: None if withheld or value is None else round(float(value), 2)
        for name, value in cell.means.items()
    }
    return PartnerReportRow(
        position=position,
        table=spec.table,
        key=spec.key,
        label=spec.label,
        **{count_name: None if withheld else cell.n},
        **means,
        withheld=dict.fromkeys((count_name, *cell.means), cell.withheld) if withheld else {},
    )


def _rows_for(layout: Layout, partner_id: int) -> list[PartnerReportRow]:
    view = layout.views[partner_id]
    rows = []
    for position, spec in enumerate(view.rows):
        if spec.table in MEAN_TABLES:
            rows.append(_mean_row(spec, layout.means[spec.cell_id], position))
            continue
        cell = layout.release.cells[spec.cell_id]
        reached = view.departments_reached if spec.table == "total" else None
        rows.append(_count_row(spec, cell, position, reached))
    return rows


def _csv_safe(value):
    # A label a spreadsheet would run as a formula is written as text.
    if isinstance(value, str) and value.startswith(_FORMULA_PREFIXES):
        return "'" + value
    return "" if value is None else value


def _csv_figure(row: PartnerReportRow, name: str):
    if name in row.ranges:
        low, high = row.ranges[name]
        return f"{low}-{high}"
    if name in row.withheld:
        return WITHHELD_TEXT
    return getattr(row, name)


def _csv_change(row: PartnerReportRow, name: str):
    value = (row.in_period or {}).get(name)
    if isinstance(value, list):
        return f"{value[0]}-{value[1]}"
    return value


def report_csv(*, rows: list[PartnerReportRow], report: PartnerReport | None = None) -> bytes:
    """The report's CSV: one line per row, each table followed by its total, then the notes
    (table "note"): what "in the period" means, the curricula not counted, the rate."""
    from partners.selectors import report_tables

    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for name, table in report_tables(rows=rows).items():
        lines = [*table["rows"], *([table["total"]] if table["total"] is not None else [])]
        for row in lines:
            values = {column: getattr(row, column, None) for column in CSV_COLUMNS}
            values["table"] = name
            values["key"] = "total" if row.table in TOTALS else row.key
            values["label"] = _("Total") if values["key"] == "total" else row.label
            for figure in (*FIGURES, "pairs", "ratings"):
                values[figure] = _csv_figure(row, figure)
            for figure in FIGURES:
                values[f"{figure}_in_period"] = _csv_change(row, figure)
            values["withheld"] = ";".join(f"{k}:{v}" for k, v in sorted(row.withheld.items()))
            writer.writerow({column: _csv_safe(values[column]) for column in CSV_COLUMNS})
    for key, text in report_notes(report=report) if report is not None else []:
        writer.writerow({"table": "note", "key": key, "label": _csv_safe(text)})
    return buffer.getvalue().encode("utf-8")


def _render(report: PartnerReport, rows: list[PartnerReportRow]) -> tuple[bytes, bytes]:
    with translation.override(settings.LANGUAGE_CODE):
        csv_bytes = report_csv(rows=rows, report=report)
        pdf_bytes = report_pdf(report=report, rows=rows)
    return csv_bytes, pdf_bytes


def _stem(report: PartnerReport) -> str:
    return f"{report.partner.slug}-{report.period_start:%Y%m%d}-{report.period_end:%Y%m%d}"


def _change_base(partner_id: int, period_start: dt.date, departments: frozenset[int]):
    """The partner's report of the month before, when it covered the same departments: the
    end of its period and its rows (what "in the period" is measured from), else (None, None)."""
    start, end = periods.month_before(period_start)
    before = (
        PartnerReport.objects.filter(partner_id=partner_id, period_end=end)
        .prefetch_related("rows")
        .first()
    )
    if before is None:
        return None, None
    shared = sharing_departments(partner_ids=[partner_id], period_start=start, period_end=end)
    if shared[partner_id] != departments:
        return None, None
    return end, list(before.rows.all())


def curricula_not_counted(*, rows: list[PartnerReportRow]) -> list[str]:
    """Titles of the published curricula the report has no row for (no enrollment counted)."""
    counted = {row.key for row in rows if row.table == "curriculum"}
    published = Curriculum.objects.filter(status=Curriculum.Status.PUBLISHED).order_by("title")
    return [title for pk, title in published.values_list("pk", "title") if str(pk) not in counted]


def _write_report(
    layout: Layout, partner: PartnerOrganization, period, k: int, departments: frozenset[int]
) -> PartnerReport:
    change_since, previous_rows = _change_base(partner.pk, period[0], departments)
    with translation.override(settings.LANGUAGE_CODE):
        rows = _rows_for(layout, partner.pk)
    report_changes(rows, previous_rows)
    report = PartnerReport.objects.create(
        partner=partner,
        period_start=period[0],
        period_end=period[1],
        min_cell=k,
        change_since=change_since,
        not_counted=curricula_not_counted(rows=rows),
    )
    for row in rows:
        row.report = report
    PartnerReportRow.objects.bulk_create(rows)
    csv_bytes, pdf_bytes = _render(report, rows)
    report.csv_file.save(f"{_stem(report)}.csv", ContentFile(csv_bytes), save=False)
    report.pdf_file.save(f"{_stem(report)}.pdf", ContentFile(pdf_bytes), save=False)
    report.checksum = hashlib.sha256(csv_bytes + pdf_bytes).hexdigest()
    report.save(update_fields=["csv_file", "pdf_file", "checksum"])
    withheld = defaultdict(int)
    for row in rows:
        for reason in set(row.withheld.values()):
            withheld[reason] += 1
    audit_record(
        action="partner_report.build",
        obj=report,
        data={
            "period_start": report.period_start.isoformat(),
            "period_end": report.period_end.isoformat(),
            "checksum": report.checksum,
            "min_cell": k,
            "rows": len(rows),
            "rows_withheld": dict(sorted(withheld.items())),
        },
    )
    return report


# --- building ---------------------------------------------------------------------------------


def _existing(partner_ids, period_start, period_end) -> dict[int, PartnerReport]:
    reports = PartnerReport.objects.filter(
        partner_id__in=list(partner_ids), period_start=period_start, period_end=period_end
    ).prefetch_related("rows")
    return {report.partner_id: report for report in reports}


def partner_release_build(
    *, period_start: dt.date, period_end: dt.date, partners: list[PartnerOrganization]
) -> dict[int, PartnerReport]:
    """The reports of the period for these partners, decided together (idempotent).

    Raises ValueError when the period is not over or a partner already has a later report.
    """
    for partner in partners:
        partner_check_period(partner=partner, period_start=period_start, period_end=period_end)
    every = list(PartnerOrganization.objects.order_by("pk").values_list("pk", flat=True))
    existing = _existing(every, period_start, period_end)
    missing = [partner for partner in partners if partner.pk not in existing]
    if not missing:
        return {partner.pk: existing[partner.pk] for partner in partners}
    try:
        with transaction.atomic():
            built = _build(period_start, period_end, missing, existing)
    except IntegrityError:
        # Another caller built them between our look and our insert.
        existing = _existing([partner.pk for partner in partners], period_start, period_end)
        if len(existing) < len(partners):
            raise
        return existing
    return {**{p.pk: existing[p.pk] for p in partners if p.pk in existing}, **built}


def _build(period_start, period_end, missing, existing) -> dict[int, PartnerReport]:
    k = min_cell()
    involved = sorted({partner.pk for partner in missing} | set(existing))
    departments = sharing_departments(
        partner_ids=involved, period_start=period_start, period_end=period_end
    )
    union = frozenset().union(*departments.values()) if departments else frozenset()
    figures = period_figures(department_ids=union, period_end=period_end)
    layout = release_layout(
        figures=figures,
        partners=departments,
        bands=size_bands(),
        k=k,
        floor=unit_floor(before=period_end, bands=size_bands()),
    )
    for report in existing.values():
        _fix_published(layout, report)
    for partner in missing:
        _bind_ledger(layout, partner.pk, period_end)
    layout.release.previous_release = _previous_release(period_start, involved, k)
    _bind_nested_means(layout, departments, [partner.pk for partner in missing])
    protect(layout.release)
    protect_means(layout.means.values(), layout.mean_ledger, k)
    return {
        partner.pk: _write_report(
            layout, partner, (period_start, period_end), k, departments[partner.pk]
        )
        for partner in missing
    }


def partner_report_build(
    *, partner: PartnerOrganization, period_start: dt.date, period_end: dt.date
) -> PartnerReport:
    """One partner's report of the period (built with every partner that has none yet)."""
    partner_check_period(partner=partner, period_start=period_start, period_end=period_end)
    existing = _existing([partner.pk], period_start, period_end)
    if partner.pk in existing:
        return existing[partner.pk]
    others = [
        other
        for other in PartnerOrganization.objects.exclude(pk=partner.pk).order_by("pk")
        if _may_build(other, period_start, period_end)
    ]
    built = partner_release_build(
        period_start=period_start, period_end=period_end, partners=[partner, *others]
    )
    return built[partner.pk]


def _may_build(partner: PartnerOrganization, period_start, period_end) -> bool:
    try:
        partner_check_period(partner=partner, period_start=period_start, period_end=period_end)
    except ValueError:
        return False
    return True


def partner_reports_due(*, at: dt.datetime | None = None) -> list[tuple[dt.date, dt.date]]:
    """The months to build, oldest first: from each partner's first missing month to the last
    closed one (a partner with no report starts at the last closed month)."""
    last = periods.last_closed_month(at=at)
    firsts = []
    for partner in PartnerOrganization.objects.order_by("pk"):
        latest = partner.reports.order_by("-period_end").values_list("period_end", flat=True)
        latest = latest.first()
        firsts.append(periods.month_after(latest) if latest else last)
    if not firsts:
        return []
    return periods.months_between(min(first[1] for first in firsts), last[1])


def partner_report_files_restore(*, report: PartnerReport) -> bool:
    """Render a report's files again from its ledger rows; True when they match its checksum.

    A lost or damaged file is rewritten only when the rendering reproduces the checksum
    recorded at build time (so the partner gets back exactly what it was given).
    """
    rows = list(report.rows.order_by("position"))
    csv_bytes, pdf_bytes = _render(report, rows)
    if hashlib.sha256(csv_bytes + pdf_bytes).hexdigest() != report.checksum:
        logger.error("partner report %s: its rows no longer render to its checksum", report.pk)
        return False
    report.csv_file.save(f"{_stem(report)}.csv", ContentFile(csv_bytes), save=False)
    report.pdf_file.save(f"{_stem(report)}.pdf", ContentFile(pdf_bytes), save=False)
    report.save(update_fields=["csv_file", "pdf_file"])
    return True


def partner_report_file_open(*, report: PartnerReport, kind: str):
    """The report's file ("csv" or "pdf") opened for reading; a lost file is first rebuilt from
    the ledger (when it renders to the recorded checksum). None when it cannot be had."""
    stored = report.csv_file if kind == "csv" else report.pdf_file
    if stored and stored.storage.exists(stored.name):
        try:
            return stored.open("rb")
        except FileNotFoundError:  # removed between the check and the open
            pass
    logger.error("partner report %s: its %s file is missing; rebuilding it", report.pk, kind)
    if not partner_report_files_restore(report=report):
        return None
    stored = report.csv_file if kind == "csv" else report.pdf_file
    return stored.open("rb")


def partner_report_download_record(
    *, report: PartnerReport, user, kind: str, client_ip: str | None
) -> None:
    """Audit one download of a report file by the acting user, once the file is open."""
    audit_record(
        action="partner_report.download",
        actor=user,
        obj=report,
        client_ip=client_ip,
        data={"kind": kind, "partner_id": report.partner_id, "checksum": report.checksum},
    )
