"""Partner reads: scope (which partner and reports a user may see) and the published tables.

A partner sees only what a stored report published: the dashboard and the API read the latest
report's ledger rows (`PartnerReportRow`), never a live computation, so that a figure shown once
is a figure the ledger binds every later report to (`partners.services`). The tables and the
rule are described in `partners.tables` and `partners.disclosure`, and in docs/partners.md.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.roles import Role
from accounts.selectors import user_roles
from partners import periods
from partners.models import PartnerOrganization, PartnerReport, PartnerReportRow
from partners.tables import (
    COUNT_TABLES,
    MEAN_TABLES,
    TOTAL_OF,
    TOTALS,
    TRAINER_ROWS,
    TRAINER_TABLES,
    group_label,
)
from repair.params import parse_id

GROUPINGS = (
    "department",
    "state",
    "curriculum",
    "module",
    "month",
    "quarter",
    "year",
    *TRAINER_TABLES,
    "discussion",
)
_LATER = (*TRAINER_TABLES, "discussion")
# The report's order: enrollments, means, then certified trainers and the cohort discussion.
TABLES = (
    *(name for name in COUNT_TABLES if name not in _LATER),
    *MEAN_TABLES,
    *_LATER,
)
FIGURE_NAMES = ("officers", "enrolled", "completed")


# --- scope -------------------------------------------------------------------------------


def partner_list_for(*, user) -> QuerySet[PartnerOrganization]:
    """Partners whose aggregates the user may see: their own, or all for staff."""
    roles = user_roles(user=user)
    if Role.STAFF in roles:
        return PartnerOrganization.objects.all()
    if Role.PARTNER in roles:
        return PartnerOrganization.objects.filter(memberships__user=user).distinct()
    return PartnerOrganization.objects.none()


def partner_get_for(*, user, partner_id: int | str | None = None) -> PartnerOrganization | None:
    partners = partner_list_for(user=user).order_by("name")
    if partner_id in (None, ""):
        return partners.first()
    pk = parse_id(partner_id)
    return None if pk is None else partners.filter(pk=pk).first()


def partner_report_list_for(*, user, partner: PartnerOrganization) -> QuerySet[PartnerReport]:
    if not partner_list_for(user=user).filter(pk=partner.pk).exists():
        return PartnerReport.objects.none()
    return PartnerReport.objects.filter(partner=partner).order_by("-period_end", "-period_start")


def partner_report_get_for(*, user, report_id: int) -> PartnerReport | None:
    return (
        PartnerReport.objects.select_related("partner")
        .filter(partner__in=partner_list_for(user=user), pk=report_id)
        .first()
    )


# --- periods -----------------------------------------------------------------------------


def last_closed_month(*, at: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    """The last month that has ended in every department's zone."""
    return periods.last_closed_month(at=at)


def next_release() -> dict:
    start, end, due = periods.next_release()
    return {"period_start": start, "period_end": end, "due_at": due}


# --- the published tables ----------------------------------------------------------------


def partner_report_latest(*, partner: PartnerOrganization) -> PartnerReport | None:
    """The partner's newest report with its rows (what the dashboard and the API show)."""
    has_rows = PartnerReportRow.objects.filter(report=OuterRef("pk"))
    return (
        PartnerReport.objects.filter(Exists(has_rows), partner=partner)
        .order_by("-period_end", "-period_start")
        .prefetch_related("rows")
        .first()
    )


def row_label(row: PartnerReportRow) -> str:
    """The row's label in the reader's language (names of places and courses as stored)."""
    if row.table in TOTALS:
        return _("Total")
    if row.table == "department" and ":" in row.key:
        return group_label(row.key)
    if row.table in ("month", "trainer_month"):
        year, month = (int(part) for part in row.key.split("-"))
        return date_format(dt.date(year, month, 1), "YEAR_MONTH_FORMAT")
    if row.table == "quarter":
        year, quarter = row.key.split("-Q")
        return _("Q%(quarter)s %(year)s") % {"quarter": quarter, "year": year}
    return row.label


def report_tables(*, rows) -> OrderedDict:
    """name -> {"rows": [...], "total": row or None}, in the report's order."""
    rows = sorted(rows, key=lambda row: row.position)
    totals = {row.table: row for row in rows if row.table in TOTALS}
    tables = OrderedDict((name, {"rows": [], "total": None}) for name in TABLES)
    for row in rows:
        if row.table in tables:
            tables[row.table]["rows"].append(row)
    for name in COUNT_TABLES:
        tables[name]["total"] = totals.get(TOTAL_OF[name])
    return tables


def _figures(row: PartnerReportRow, names: tuple[str, ...]) -> dict:
    return {name: getattr(row, name) for name in names}


def count_row_dict(row: PartnerReportRow) -> dict:
    data = {
        "key": row.key,
        "label": row_label(row),
        **_figures(row, FIGURE_NAMES),
        "completion_rate": row.completion_rate,
        "suppressed": bool(row.withheld or row.ranges),
        "withheld": dict(row.withheld),
        "ranges": {name: list(value) for name, value in row.ranges.items()},
        # The change since the previous report (partners.changes): int, [low, high] or absent.
        "in_period": dict(row.in_period or {}),
    }
    if row.table in TRAINER_ROWS:
        data["valid"] = trainers_valid(row)
    return data


def trainers_valid(row: PartnerReportRow) -> int | None:
    """Trainers holding a valid certification at the end of the period: certifications issued
    minus those ended, when the report published both (None otherwise: it follows from them,
    so it is withheld with them)."""
    if row.enrolled is None or row.completed is None:
        return None
    return row.enrolled - row.completed


def mean_row_dict(row: PartnerReportRow) -> dict:
    names = (
        ("pairs", "mean_pre", "mean_post", "mean_gain", "normalised_gain")
        if row.table == "gain"
        else ("ratings", "mean_rating")
    )
    return {
        "key": row.key,
        "label": row_label(row),
        **_figures(row, names),
        "suppressed": bool(row.withheld),
        "withheld": dict(row.withheld),
    }


def table_as_dict(*, report: PartnerReport | None, name: str) -> dict:
    """The DESIGN.md shape: group_by, min_cell, rows[...], totals{...}; empty before a report."""
    data = {
        "group_by": name,
        "min_cell": report.min_cell if report else None,
        "period_start": report.period_start.isoformat() if report else None,
        "period_end": report.period_end.isoformat() if report else None,
        # "in_period" of each row is the change since the report that ended on this day.
        "change_since": report.change_since.isoformat() if report and report.change_since else None,
        # null for a report issued before reports listed them
        "not_counted": None
        if report is None or report.not_counted is None
        else list(report.not_counted),
        "rows": [],
        "totals": None,
    }
    if report is None:
        return data
    table = report_tables(rows=report.rows.all())[name]
    as_row = mean_row_dict if name in MEAN_TABLES else count_row_dict
    data["rows"] = [as_row(row) for row in table["rows"]]
    if table["total"] is not None:
        totals = count_row_dict(table["total"])
        totals.pop("key")
        totals.pop("label")
        data["totals"] = totals
    return data


def departments_reached(*, report: PartnerReport | None) -> int | None:
    if report is None:
        return None
    total = next((row for row in report.rows.all() if row.table == "total"), None)
    return None if total is None else total.departments
