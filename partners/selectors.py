"""Partner reads: scope (which partner and reports a user may see) and the R-11 aggregates.

The aggregates are a fixed set of tables, counted in the database, never rows about officers:

- `department`, `state`, `curriculum`, `month`: enrollments of the sharing departments, grouped
  by department, US state, curriculum, and month of assignment; each row gives officers reached
  (distinct), enrollments, enrollments completed and the completion rate. All four add up to the
  same grand total. Departments with fewer than k active officers are merged into one
  "other departments" row (in the state table too, so that a state never reveals a small
  department inside it).
- `module`: officers who started each module, how many completed it.
- `gain`: learning gain per curriculum over matched pairs: enrollments with a submitted first
  attempt (attempt number 1) at both the pre-test and the post-test. The first attempt is the
  measure before any retake lets an officer learn the items; best attempts would overstate the
  gain. Mean pre, mean post, mean gain and normalised gain (Hake); never min or max.
- `rating`: mean module rating (1..5) per module.

Periods and differencing (why reports stay safe across periods): every table is a snapshot *as
of the end of a period* (cumulative to date: enrollments assigned by then and not withdrawn by
then; completions, attempts and ratings by then). Successive snapshots could be subtracted,
so each snapshot is suppressed against a ledger of what earlier reports of the same partner
published (`partners.disclosure`, rule 2): a row whose count moved by 1..k-1 since it was last
published is withheld, and so is the sum of the changes of the rows withheld on a line. The
reports are built in order of period end and never rebuilt, the dashboard and the API show the
snapshot of the last closed month (the stored report when it exists, otherwise the same
computation the report will make), and no figure is ever published for a month still running.
So no two things a partner can hold differ by a figure of 1..k-1 about any row.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    DateField,
    F,
    FilteredRelation,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import translation
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from redis.exceptions import RedisError

from accounts.models import US_STATES, Department, Membership
from accounts.roles import Role
from accounts.selectors import user_roles
from curriculum.models import Assessment, Enrollment, Feedback, ModuleProgress
from partners.disclosure import Cell, LedgerEntry, Line, min_cell, suppress
from partners.models import DataSharingAgreement, PartnerOrganization, PartnerReport
from repair import clock

logger = logging.getLogger(__name__)

GROUPINGS = ("department", "state", "curriculum", "module", "month")
MEAN_TABLES = ("gain", "rating")
OTHER_KEY = "other"
_STATE_NAMES = dict(US_STATES)


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
    try:
        return partners.filter(pk=int(partner_id)).first()
    except (TypeError, ValueError):
        return None


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
    return clock.last_closed_month(at=at)


@dataclass(frozen=True)
class AsOf:
    """The end of a period's last day on each department's calendar: what happened on the 31st
    in Honolulu counts in the month, whatever UTC said."""

    day: dt.date

    def by(self, field: str, *, department: str = "department") -> Q:
        """Rows whose instant `field` came before the end of the day, in their department."""
        return clock.by_day_end(
            self.day, lambda end: Q(**{f"{field}__lt": end}), zone_field=f"{department}__timezone"
        )

    def after(self, field: str, *, department: str = "department") -> Q:
        return clock.by_day_end(
            self.day, lambda end: Q(**{f"{field}__gte": end}), zone_field=f"{department}__timezone"
        )


# --- the snapshot --------------------------------------------------------------------------


@dataclass
class Row:
    key: str
    label: str
    cell: Cell
    group: str = ""


@dataclass
class Table:
    name: str
    rows: list[Row]
    total: Cell | None = None


@dataclass
class Snapshot:
    partner_id: int
    period_start: dt.date
    period_end: dt.date
    min_cell: int
    departments_reached: int
    tables: dict[str, Table] = field(default_factory=dict)
    generated_at: dt.datetime | None = None


def sharing_department_ids(
    *, partner: PartnerOrganization, period_start: dt.date, period_end: dt.date
) -> list[int]:
    """Departments with an agreement in force at some time in the period."""
    return list(
        DataSharingAgreement.objects.filter(partner=partner, starts_on__lte=period_end)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=period_start))
        .values_list("department_id", flat=True)
        .distinct()
    )


def _large_departments(*, department_ids: list[int], day: dt.date, k: int) -> dict[int, dict]:
    """Departments with at least k officers on their roster at the end of `day`.

    An officer counts unless separated by then (the start date of a membership is when the
    portal learned of it, not when the officer joined, so it is not used).
    """
    on_roster = Q(memberships__role=Membership.Role.OFFICER) & (
        Q(memberships__separated_on__isnull=True) | Q(memberships__separated_on__gt=day)
    )
    rows = (
        Department.objects.filter(pk__in=department_ids)
        .annotate(roster=Count("memberships__user", filter=on_roster, distinct=True))
        .filter(roster__gte=k)
        .values("id", "name", "state")
    )
    return {row["id"]: row for row in rows}


def _count_columns(as_of: AsOf, prefix: str = "", department: str = "department") -> dict:
    done = as_of.by(f"{prefix}completed_at", department=department)
    open_ = Q(**{f"{prefix}completed_at__isnull": True}) | as_of.after(
        f"{prefix}completed_at", department=department
    )
    officer = f"{prefix}officer"
    return {
        "officers": Count(officer, distinct=True),
        "enrolled": Count(f"{prefix}id"),
        "completed": Count(f"{prefix}id", filter=done),
        "completed_officers": Count(officer, distinct=True, filter=done),
        "open_officers": Count(officer, distinct=True, filter=open_),
    }


def _count_cell(cell_id: str, values: dict) -> Cell:
    enrolled, completed = values.get("enrolled") or 0, values.get("completed") or 0
    return Cell(
        id=cell_id,
        counts={
            "officers": values.get("officers") or 0,
            "enrolled": enrolled,
            "completed": completed,
            "not_completed": enrolled - completed,
        },
        officer_counts=(
            values.get("officers") or 0,
            values.get("completed_officers") or 0,
            values.get("open_officers") or 0,
        ),
    )


def _enrollments(*, department_ids: list[int], as_of: AsOf) -> QuerySet[Enrollment]:
    return (
        Enrollment.objects.filter(department_id__in=department_ids)
        .filter(as_of.by("assigned_at"))
        .filter(Q(withdrawn_at__isnull=True) | as_of.after("withdrawn_at"))
    )


def _group_by_department(base, large: dict[int, dict], as_of, other: Cell) -> Table:
    group = (
        Case(When(department_id__in=list(large), then=F("department_id")), default=Value(0))
        if large
        else Value(0)
    )
    found = {
        row["group"]: row
        for row in base.annotate(group=group)
        .values("group")
        .annotate(**_count_columns(as_of))
        .order_by()
    }
    rows = [
        Row(
            str(pk), info["name"], _count_cell(f"department:{pk}", found.get(pk, {})), info["state"]
        )
        for pk, info in sorted(large.items(), key=lambda item: item[1]["name"])
    ]
    _fill(other, found.get(0, {}))
    return Table("department", [*rows, *_other_row(other)])


def _fill(cell: Cell, values: dict) -> None:
    filled = _count_cell(cell.id, values)
    cell.counts, cell.officer_counts = filled.counts, filled.officer_counts


def _other_row(other: Cell) -> list[Row]:
    # No small department shares data: no such row (it would only ever read 0).
    return [] if other.is_empty() else [Row(OTHER_KEY, _other_label(), other)]


def _other_label() -> str:
    return _("Other departments (fewer than %(k)s officers each)") % {"k": min_cell()}


def _group_by_state(base, large: dict[int, dict], as_of, other: Cell) -> Table:
    group = (
        Case(
            When(department_id__in=list(large), then=F("department__state")),
            default=Value(""),
            output_field=CharField(),
        )
        if large
        else Value("", output_field=CharField())
    )
    found = {
        row["group"]: row
        for row in base.annotate(group=group)
        .values("group")
        .annotate(**_count_columns(as_of))
        .order_by()
    }
    states = sorted({info["state"] for info in large.values()})
    rows = [
        Row(code, _STATE_NAMES.get(code, code), _count_cell(f"state:{code}", found.get(code, {})))
        for code in states
    ]
    return Table("state", [*rows, *_other_row(other)])


def _group_by_curriculum(base, as_of) -> Table:
    found = (
        base.values("curriculum_id", "curriculum__title")
        .annotate(**_count_columns(as_of))
        .order_by("curriculum__title", "curriculum_id")
    )
    return Table(
        "curriculum",
        [
            Row(
                str(row["curriculum_id"]),
                row["curriculum__title"],
                _count_cell(f"curriculum:{row['curriculum_id']}", row),
            )
            for row in found
        ],
    )


def _group_by_month(base, as_of) -> Table:
    found = (
        base.annotate(month=_local_month("assigned_at"))
        .values("month")
        .annotate(**_count_columns(as_of))
        .order_by("month")
    )
    rows = []
    for row in found:
        key = f"{row['month']:%Y-%m}"
        label = date_format(row["month"], "YEAR_MONTH_FORMAT")
        rows.append(Row(key, label, _count_cell(f"month:{key}", row)))
    return Table("month", rows)


def _local_month(field: str) -> Case:
    """The first day of the month of the instant, on its department's calendar."""
    return Case(
        *(
            When(
                department__timezone=name,
                then=TruncMonth(field, tzinfo=clock.zone(name), output_field=DateField()),
            )
            for name in clock.ZONE_NAMES
        ),
        default=TruncMonth(field, tzinfo=clock.site_zone(), output_field=DateField()),
        output_field=DateField(),
    )


def _group_by_module(base, as_of) -> Table:
    via = "enrollment__department"
    started = ModuleProgress.objects.filter(enrollment__in=base.values("id")).filter(
        as_of.by("started_at", department=via)
    )
    columns = _count_columns(as_of, department=via)
    done = as_of.by("completed_at", department=via)
    columns.update(
        officers=Count("enrollment__officer", distinct=True),
        completed_officers=Count("enrollment__officer", distinct=True, filter=done),
        open_officers=Count(
            "enrollment__officer",
            distinct=True,
            filter=Q(completed_at__isnull=True) | as_of.after("completed_at", department=via),
        ),
    )
    found = (
        started.values("module_id", "module__title", "module__order", "module__curriculum__title")
        .annotate(**columns)
        .order_by("module__curriculum__title", "module__order")
    )
    rows = [
        Row(
            str(row["module_id"]),
            _module_label(row),
            _count_cell(f"module:{row['module_id']}", row),
        )
        for row in found
    ]
    total = _count_cell("module-total", started.aggregate(**columns))
    return Table("module", rows, total)


def _module_label(row: dict) -> str:
    return f"{row['module__curriculum__title']} · {row['module__order']}. {row['module__title']}"


def _gain_table(base, as_of) -> Table:
    tests = dict.fromkeys((Assessment.Kind.PRE_TEST, Assessment.Kind.POST_TEST), ())
    for kind in tests:
        tests[kind] = list(Assessment.objects.filter(kind=kind).values_list("id", flat=True))
    if not all(tests.values()):
        return Table("gain", [])

    def first_attempt(kind: str) -> FilteredRelation:
        return FilteredRelation(
            "attempts",
            condition=Q(
                attempts__assessment__in=tests[kind],
                attempts__number=1,
                attempts__score__isnull=False,
            ),
        )

    found = (
        base.annotate(pre=first_attempt("pre_test"), post=first_attempt("post_test"))
        .filter(pre__score__isnull=False, post__score__isnull=False)
        # First attempts submitted by the end of the period (a later first attempt: no pair).
        .filter(as_of.by("pre__submitted_at"), as_of.by("post__submitted_at"))
        .values("curriculum_id", "curriculum__title")
        .annotate(
            pairs=Count("id"),
            officers=Count("officer", distinct=True),
            mean_pre=Avg("pre__score"),
            mean_post=Avg("post__score"),
            mean_gain=Avg(F("post__score") - F("pre__score")),
        )
        .order_by("curriculum__title", "curriculum_id")
    )
    return Table("gain", [_gain_row(row) for row in found])


def _gain_row(row: dict) -> Row:
    pre, post = row["mean_pre"], row["mean_post"]
    normalised = (post - pre) / (100 - pre) if pre is not None and pre < 100 else None
    cell = Cell(
        id=f"gain:{row['curriculum_id']}",
        counts={"pairs": row["pairs"]},
        officer_counts=(row["officers"],),
        means={
            "mean_pre": pre,
            "mean_post": post,
            "mean_gain": row["mean_gain"],
            "normalised_gain": normalised,
        },
    )
    return Row(str(row["curriculum_id"]), row["curriculum__title"], cell)


def _rating_table(base, as_of) -> Table:
    found = (
        Feedback.objects.filter(enrollment__in=base.values("id"))
        .filter(as_of.by("created_at", department="enrollment__department"))
        .values("module_id", "module__title", "module__order", "module__curriculum__title")
        .annotate(
            ratings=Count("id"),
            officers=Count("enrollment__officer", distinct=True),
            mean_rating=Avg("rating"),
        )
        .order_by("module__curriculum__title", "module__order")
    )
    rows = [
        Row(
            str(row["module_id"]),
            _module_label(row),
            Cell(
                id=f"rating:{row['module_id']}",
                counts={"ratings": row["ratings"]},
                officer_counts=(row["officers"],),
                means={"mean_rating": row["mean_rating"]},
            ),
        )
        for row in found
    ]
    return Table("rating", rows)


def _lines(tables: dict[str, Table], grand: Cell) -> list[Line]:
    lines = [
        Line(tuple(row.cell.id for row in tables[name].rows), grand.id)
        for name in ("department", "state", "curriculum", "month")
    ]
    module = tables["module"]
    lines.append(Line(tuple(row.cell.id for row in module.rows), module.total.id))
    state_cells = {row.key: row.cell.id for row in tables["state"].rows}
    for code, cell_id in state_cells.items():
        members = tuple(
            row.cell.id
            for row in tables["department"].rows
            if row.group == code and code != OTHER_KEY
        )
        if members:
            lines.append(Line(members, cell_id))
    return lines


def partner_aggregates(
    *,
    partner: PartnerOrganization,
    period_start: dt.date,
    period_end: dt.date,
    ledger: dict[str, LedgerEntry] | None = None,
) -> Snapshot:
    """Every R-11 table of a partner as of the end of the period, suppressed.

    `ledger` is what earlier reports published (`partner_ledger`); pass None to compute it.
    """
    k = min_cell()
    if ledger is None:
        ledger = partner_ledger(partner=partner, before=period_end)
    as_of = AsOf(period_end)
    department_ids = sharing_department_ids(
        partner=partner, period_start=period_start, period_end=period_end
    )
    large = _large_departments(department_ids=department_ids, day=period_end, k=k)
    base = _enrollments(department_ids=department_ids, as_of=as_of)
    grand_values = base.aggregate(
        **_count_columns(as_of), departments=Count("department", distinct=True)
    )
    grand = _count_cell("grand", grand_values)
    other = Cell(id="other", counts={})
    tables = {
        "department": _group_by_department(base, large, as_of, other),
        "state": _group_by_state(base, large, as_of, other),
        "curriculum": _group_by_curriculum(base, as_of),
        "month": _group_by_month(base, as_of),
        "module": _group_by_module(base, as_of),
        "gain": _gain_table(base, as_of),
        "rating": _rating_table(base, as_of),
    }
    for name in ("department", "state", "curriculum", "month"):
        tables[name].total = grand
    cells = {grand.id: grand}
    for table in tables.values():
        cells.update({row.cell.id: row.cell for row in table.rows})
        if table.total is not None:
            cells[table.total.id] = table.total
    suppress(cells, _lines(tables, grand), ledger=ledger, k=k)
    return Snapshot(
        partner_id=partner.pk,
        period_start=period_start,
        period_end=period_end,
        min_cell=k,
        departments_reached=grand_values["departments"] or 0,
        tables=tables,
    )


# --- output --------------------------------------------------------------------------------


def _rate(cell: Cell) -> float | None:
    enrolled = cell.counts.get("enrolled", 0)
    if cell.suppressed or enrolled < min_cell():
        return None
    return round(cell.counts.get("completed", 0) / enrolled, 4)


def _published(cell: Cell, names: tuple[str, ...]) -> dict:
    return {name: None if cell.suppressed else cell.counts.get(name, 0) for name in names}


def count_row_dict(*, key: str, label: str, cell: Cell) -> dict:
    return {
        "key": key,
        "label": label,
        **_published(cell, ("officers", "enrolled", "completed")),
        "completion_rate": _rate(cell),
        "suppressed": cell.suppressed,
    }


def mean_row_dict(*, key: str, label: str, cell: Cell) -> dict:
    means = {
        name: None if cell.suppressed or value is None else round(float(value), 2)
        for name, value in cell.means.items()
    }
    return {
        "key": key,
        "label": label,
        **_published(cell, tuple(cell.counts)),
        **means,
        "suppressed": cell.suppressed,
    }


def table_as_dict(*, snapshot: Snapshot, name: str) -> dict:
    """The DESIGN.md shape: group_by, min_cell, rows[...], totals{...}."""
    table = snapshot.tables[name]
    as_row = mean_row_dict if name in MEAN_TABLES else count_row_dict
    data = {
        "group_by": name,
        "min_cell": snapshot.min_cell,
        "period_start": snapshot.period_start.isoformat(),
        "period_end": snapshot.period_end.isoformat(),
        "rows": [as_row(key=row.key, label=row.label, cell=row.cell) for row in table.rows],
        "totals": None,
    }
    if table.total is not None:
        totals = count_row_dict(key="total", label=_("Total"), cell=table.total)
        totals.pop("key")
        totals.pop("label")
        data["totals"] = totals
    return data


# --- the ledger of published reports -------------------------------------------------------

CSV_COLUMNS = (
    "table",
    "cell",
    "key",
    "label",
    "officers",
    "enrolled",
    "completed",
    "completion_rate",
    "pairs",
    "mean_pre",
    "mean_post",
    "mean_gain",
    "normalised_gain",
    "ratings",
    "mean_rating",
    "suppressed",
    "departments",
)
_COUNT_FIELDS = ("officers", "enrolled", "completed", "pairs", "ratings")
_MEAN_FIELDS = ("mean_pre", "mean_post", "mean_gain", "normalised_gain", "mean_rating")


def snapshot_csv_rows(*, snapshot: Snapshot) -> list[dict]:
    """Every published figure of a snapshot, one dict per row (also the report's CSV)."""
    out = []
    for name, table in snapshot.tables.items():
        as_row = mean_row_dict if name in MEAN_TABLES else count_row_dict
        rows = [(row.key, row.label, row.cell) for row in table.rows]
        if table.total is not None:
            rows.append(("total", _("Total"), table.total))
        for key, label, cell in rows:
            data = as_row(key=key, label=label, cell=cell)
            if name == "department" and key == "total":
                data["departments"] = snapshot.departments_reached
            out.append({"table": name, "cell": cell.id, **data})
    return out


def _parse_number(text: str | None) -> float | None:
    if text in (None, ""):
        return None
    return float(text)


def report_csv_rows(*, report: PartnerReport) -> list[dict]:
    if not report.csv_file:
        return []
    with report.csv_file.open("rb") as handle:
        text = handle.read().decode("utf-8")
    return list(csv.DictReader(io.StringIO(text)))


def partner_ledger(*, partner: PartnerOrganization, before: dt.date) -> dict[str, LedgerEntry]:
    """What the partner's reports ending before `before` published, cell by cell."""
    last: dict[str, dict] = {}
    withheld: dict[str, bool] = {}
    reports = PartnerReport.objects.filter(partner=partner, period_end__lt=before).order_by(
        "period_end", "period_start", "pk"
    )
    for report in reports:
        for row in report_csv_rows(report=report):
            cell = row["cell"]
            if row["suppressed"] == "true":
                withheld[cell] = cell in last
                continue
            last[cell] = row
            withheld[cell] = False
    return {cell: _ledger_entry(row, withheld.get(cell, False)) for cell, row in last.items()}


def _ledger_entry(row: dict, withheld_since: bool) -> LedgerEntry:
    counts = {name: int(row[name]) for name in _COUNT_FIELDS if row.get(name) not in (None, "")}
    means = {name: _parse_number(row.get(name)) for name in _MEAN_FIELDS if row.get(name)}
    return LedgerEntry(counts=counts, means=means, withheld_since=withheld_since)


# Parsed stored reports, per process: a stored report never changes (a rebuild is a new file
# and a new generation time), so each worker parses its CSV once instead of on every request.
_PARSED_REPORTS: OrderedDict[tuple, Snapshot] = OrderedDict()
_PARSED_REPORTS_MAX = 32
_PARSED_REPORTS_LOCK = threading.Lock()


def snapshot_from_report(*, report: PartnerReport) -> Snapshot:
    """The published tables of a stored report (only what it published); read-only, shared."""
    key = (report.pk, report.partner_id, report.csv_file.name, report.generated_at)
    with _PARSED_REPORTS_LOCK:
        snapshot = _PARSED_REPORTS.get(key)
        if snapshot is not None:
            _PARSED_REPORTS.move_to_end(key)
            return snapshot
    snapshot = _snapshot_parse(report=report)
    with _PARSED_REPORTS_LOCK:
        _PARSED_REPORTS[key] = snapshot
        while len(_PARSED_REPORTS) > _PARSED_REPORTS_MAX:
            _PARSED_REPORTS.popitem(last=False)
    return snapshot


def _snapshot_parse(*, report: PartnerReport) -> Snapshot:
    tables: dict[str, Table] = {}
    reached = 0
    for row in report_csv_rows(report=report):
        if row.get("departments"):
            reached = int(row["departments"])
        table = tables.setdefault(row["table"], Table(row["table"], []))
        cell = _stored_cell(row)
        if row["key"] == "total":
            table.total = cell
        else:
            table.rows.append(Row(row["key"], row["label"], cell))
    for name in (*GROUPINGS, *MEAN_TABLES):
        tables.setdefault(name, Table(name, []))
    return Snapshot(
        partner_id=report.partner_id,
        period_start=report.period_start,
        period_end=report.period_end,
        min_cell=min_cell(),
        departments_reached=reached,
        tables=tables,
        generated_at=report.generated_at,
    )


def _stored_cell(row: dict) -> Cell:
    suppressed = row["suppressed"] == "true"
    counts = {name: int(row[name]) for name in _COUNT_FIELDS if row.get(name) not in (None, "")}
    if counts.get("enrolled") is not None and counts.get("completed") is not None:
        counts["not_completed"] = counts["enrolled"] - counts["completed"]
    if row["table"] in MEAN_TABLES:
        counts = {
            name: counts.get(name, 0)
            for name in ("pairs" if row["table"] == "gain" else "ratings",)
        }
    means = {
        name: _parse_number(row.get(name))
        for name in _MEAN_FIELDS
        if name in _table_means(row["table"])
    }
    return Cell(id=row["cell"], counts=counts, means=means, suppressed=suppressed)


def _table_means(name: str) -> tuple[str, ...]:
    if name == "gain":
        return ("mean_pre", "mean_post", "mean_gain", "normalised_gain")
    if name == "rating":
        return ("mean_rating",)
    return ()


def partner_snapshot(*, partner: PartnerOrganization, at: dt.datetime | None = None) -> Snapshot:
    """What the dashboard and the API show: the last closed month's snapshot.

    The stored report of that month when it exists (what was published is what is shown),
    otherwise the same computation the report will make.
    """
    period_start, period_end = last_closed_month(at=at)
    report = (
        PartnerReport.objects.filter(partner=partner, period_end=period_end)
        .exclude(csv_file="")
        .order_by("period_start")
        .first()
    )
    if report is not None:
        try:
            return snapshot_from_report(report=report)
        except FileNotFoundError:  # lost media: show the live figures rather than fail
            logger.error("partner report %s: its CSV file is missing", report.pk)
    # Until the month's report is stored, one request computes the snapshot and the next ones
    # reuse it; a new report (a new ledger) or another language makes a new key.
    key = _snapshot_cache_key(partner=partner, period_end=period_end)
    snapshot = _cache_get(key)
    if snapshot is None:
        snapshot = partner_aggregates(
            partner=partner, period_start=period_start, period_end=period_end
        )
        _cache_set(key, snapshot)
    return snapshot


_SNAPSHOT_SECONDS = 10 * 60


def _snapshot_cache_key(*, partner: PartnerOrganization, period_end: dt.date) -> str:
    latest = (
        PartnerReport.objects.filter(partner=partner)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )
    parts = (
        partner.pk,
        int(partner.created_at.timestamp() * 1_000_000),
        period_end.isoformat(),
        latest or 0,
        min_cell(),
        translation.get_language() or "",
    )
    return "partners:snapshot:" + ":".join(str(part) for part in parts)


def _cache_get(key: str) -> Snapshot | None:
    try:
        return cache.get(key)
    except RedisError:  # a cache outage only costs the computation
        return None


def _cache_set(key: str, snapshot: Snapshot) -> None:
    with contextlib.suppress(RedisError):
        cache.set(key, snapshot, _SNAPSHOT_SECONDS)
