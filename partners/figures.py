"""The counting boundary: every partner table starts from these per-department figures.

`period_figures` counts, in the database, what each department did up to the end of a period
(cumulative since the program began, cut at the end of the period's last day in the
department's own time zone), broken down the ways the partner tables need: overall, by
curriculum, by month, quarter and year of assignment (local), by module, and the sums behind
the learning-gain and rating means. Everything above this function (grouping departments,
partners, suppression) works on these small dictionaries, never on rows about officers, so the
counting can be replaced (for example by incrementally maintained counts) without touching the
disclosure control. The result is deterministic for a given database state and period.

"Officers" of a row is the number of distinct officers in it *per department*, added up over
departments: an officer with enrollments in two departments counts in each (this keeps every
count additive across departments, which the disclosure control relies on).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import (
    Case,
    Count,
    DateTimeField,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import ExtractMonth, ExtractQuarter, ExtractYear

from accounts.models import Department, Membership
from curriculum.models import (
    Assessment,
    Attempt,
    DepartmentTrainer,
    DiscussionPost,
    Enrollment,
    Feedback,
    ModuleProgress,
)
from partners import periods
from repair import clock

COUNT_NAMES = (
    "officers",
    "enrolled",
    "completed",
    "completed_officers",
    "open_officers",
)


@dataclass(frozen=True)
class DepartmentInfo:
    id: int
    name: str
    state: str
    timezone: str
    roster: int


@dataclass
class PeriodFigures:
    """Per-department figures at the end of a period (see the module docstring)."""

    period_end: dt.date
    departments: dict[int, DepartmentInfo]
    # (table, key) -> department id -> {officers, enrolled, completed, completed_officers,
    # open_officers}; tables: total, curriculum, month, quarter, year, module, module_total,
    # the certified trainers' trainer (by state), trainer_month and trainer_total, and the
    # cohort discussion's discussion (by module) and discussion_total.
    counts: dict[tuple[str, str], dict[int, dict[str, int]]] = field(default_factory=dict)
    # (table, key) -> department id -> sums behind a mean: gain {n, officers, sum_pre,
    # sum_post}, rating {n, officers, sum_rating}.
    sums: dict[tuple[str, str], dict[int, dict[str, float]]] = field(default_factory=dict)
    labels: dict[tuple[str, str], str] = field(default_factory=dict)
    # (table, key) -> a sort key that orders the rows of a table.
    order: dict[tuple[str, str], tuple] = field(default_factory=dict)


def _cutoff(departments: dict[int, DepartmentInfo], field_name: str, period_end: dt.date) -> Case:
    """Each department's end of period (UTC instant), keyed on its department id column."""
    by_zone: dict[str, list[int]] = defaultdict(list)
    for info in departments.values():
        by_zone[info.timezone].append(info.id)
    whens = [
        When(
            **{f"{field_name}__in": sorted(ids)},
            then=Value(periods.day_end(period_end, zone_name)),
        )
        for zone_name, ids in sorted(by_zone.items())
    ]
    return Case(*whens, default=Value(None), output_field=DateTimeField())


def _local(extract, departments: dict[int, DepartmentInfo], field_name: str, source: str):
    by_zone: dict[str, list[int]] = defaultdict(list)
    for info in departments.values():
        by_zone[info.timezone].append(info.id)
    return Case(
        *[
            When(
                **{f"{field_name}__in": sorted(ids)},
                then=extract(source, tzinfo=clock.zone(zone_name)),
            )
            for zone_name, ids in sorted(by_zone.items())
        ],
        output_field=IntegerField(),
    )


def _departments(department_ids, period_end: dt.date) -> dict[int, DepartmentInfo]:
    on_roster = Q(memberships__role=Membership.Role.OFFICER) & (
        Q(memberships__separated_on__isnull=True) | Q(memberships__separated_on__gt=period_end)
    )
    rows = (
        Department.objects.filter(pk__in=list(department_ids))
        .annotate(roster=Count("memberships__user", filter=on_roster, distinct=True))
        .values("id", "name", "state", "timezone", "roster")
        .order_by("id")
    )
    return {
        row["id"]: DepartmentInfo(
            row["id"], row["name"], row["state"], clock.zone(row["timezone"]).key, row["roster"]
        )
        for row in rows
    }


def _columns(done: Q, officer: str = "officer", pk: str = "id") -> dict:
    open_ = ~done
    return {
        "officers": Count(officer, distinct=True),
        "enrolled": Count(pk),
        "completed": Count(pk, filter=done),
        "completed_officers": Count(officer, distinct=True, filter=done),
        "open_officers": Count(officer, distinct=True, filter=open_),
    }


def _enrollments(departments: dict[int, DepartmentInfo], period_end: dt.date):
    return (
        Enrollment.objects.filter(department_id__in=list(departments))
        .annotate(cutoff=_cutoff(departments, "department_id", period_end))
        .filter(assigned_at__lt=F("cutoff"))
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=F("cutoff")))
    )


_DONE = Q(completed_at__isnull=False) & Q(completed_at__lt=F("cutoff"))


def _store(figures: PeriodFigures, table: str, rows, key) -> None:
    for row in rows:
        cell = figures.counts.setdefault((table, key(row)), {})
        cell[row["department_id"]] = {name: row[name] or 0 for name in COUNT_NAMES}


def _count_enrollments(figures: PeriodFigures, base, departments) -> None:
    columns = _columns(_DONE)
    grouped = base.values("department_id").annotate(**columns).order_by()
    _store(figures, "total", grouped, lambda row: "all")
    by_curriculum = (
        base.values("department_id", "curriculum_id", "curriculum__title")
        .annotate(**columns)
        .order_by()
    )
    for row in by_curriculum:
        key = str(row["curriculum_id"])
        figures.labels[("curriculum", key)] = row["curriculum__title"]
        figures.order[("curriculum", key)] = (row["curriculum__title"], row["curriculum_id"])
    _store(figures, "curriculum", by_curriculum, lambda row: str(row["curriculum_id"]))
    year = _local(ExtractYear, departments, "department_id", "assigned_at")
    kinds = {
        "month": (year * 100 + _local(ExtractMonth, departments, "department_id", "assigned_at")),
        "quarter": (
            year * 10 + _local(ExtractQuarter, departments, "department_id", "assigned_at")
        ),
        "year": year,
    }
    for table, expression in kinds.items():
        rows = (
            base.annotate(period=expression)
            .values("department_id", "period")
            .annotate(**columns)
            .order_by()
        )
        _store(figures, table, rows, lambda row, table=table: period_key(table, row["period"]))


def period_key(table: str, number: int) -> str:
    """month 202610 -> "2026-10"; quarter 20264 -> "2026-Q4"; year 2026 -> "2026"."""
    if table == "month":
        return f"{number // 100:04d}-{number % 100:02d}"
    if table == "quarter":
        return f"{number // 10:04d}-Q{number % 10}"
    return f"{number:04d}"


def _count_modules(figures: PeriodFigures, base, departments) -> None:
    started = (
        ModuleProgress.objects.filter(enrollment__in=base.values("id"))
        .annotate(cutoff=_cutoff(departments, "enrollment__department_id", figures.period_end))
        .filter(started_at__isnull=False, started_at__lt=F("cutoff"))
    )
    columns = _columns(_DONE, officer="enrollment__officer")
    rows = (
        started.annotate(department_id=F("enrollment__department_id"))
        .values(
            "department_id",
            "module_id",
            "module__title",
            "module__order",
            *MODULE_VERSION,
        )
        .annotate(**columns)
        .order_by()
    )
    for row in rows:
        _module_label(figures, "module", row)
    _store(figures, "module", rows, lambda row: str(row["module_id"]))
    totals = (
        started.annotate(department_id=F("enrollment__department_id"))
        .values("department_id")
        .annotate(**columns)
        .order_by()
    )
    _store(figures, "module_total", totals, lambda row: "all")


# A module belongs to one version of its curriculum; later versions are named in the label.
MODULE_VERSION = (
    "module__version__curriculum__title",
    "module__version__curriculum_id",
    "module__version__number",
)


def _module_label(figures: PeriodFigures, table: str, row: dict) -> None:
    key = (table, str(row["module_id"]))
    title, number = row["module__version__curriculum__title"], row["module__version__number"]
    course = title if number == 1 else f"{title} (v{number})"
    figures.labels[key] = f"{course} · {row['module__order']}. {row['module__title']}"
    figures.order[key] = (
        title,
        row["module__version__curriculum_id"],
        number,
        row["module__order"],
        row["module_id"],
    )


def _first_score(kind: str):
    return Subquery(
        Attempt.objects.filter(
            enrollment_id=OuterRef("pk"),
            assessment__kind=kind,
            assessment__module__isnull=True,
            number=1,
            score__isnull=False,
            submitted_at__lt=OuterRef("cutoff"),
        )
        .order_by("pk")
        .values("score")[:1]
    )


def _sum_gains(figures: PeriodFigures, base) -> None:
    rows = (
        base.annotate(
            pre=_first_score(Assessment.Kind.PRE_TEST), post=_first_score(Assessment.Kind.POST_TEST)
        )
        .filter(pre__isnull=False, post__isnull=False)
        .values("department_id", "curriculum_id", "curriculum__title")
        .annotate(
            n=Count("id"),
            officers=Count("officer", distinct=True),
            sum_pre=Sum("pre"),
            sum_post=Sum("post"),
        )
        .order_by()
    )
    for row in rows:
        key = str(row["curriculum_id"])
        figures.labels[("gain", key)] = row["curriculum__title"]
        figures.order[("gain", key)] = (row["curriculum__title"], row["curriculum_id"])
        figures.sums.setdefault(("gain", key), {})[row["department_id"]] = {
            "n": row["n"],
            "officers": row["officers"],
            "sum_pre": float(row["sum_pre"]),
            "sum_post": float(row["sum_post"]),
        }


def _sum_ratings(figures: PeriodFigures, base, departments) -> None:
    rows = (
        Feedback.objects.filter(enrollment__in=base.values("id"))
        .annotate(cutoff=_cutoff(departments, "enrollment__department_id", figures.period_end))
        .filter(created_at__lt=F("cutoff"))
        .annotate(department_id=F("enrollment__department_id"))
        .values(
            "department_id",
            "module_id",
            "module__title",
            "module__order",
            *MODULE_VERSION,
        )
        .annotate(
            n=Count("id"),
            officers=Count("enrollment__officer", distinct=True),
            sum_rating=Sum("rating"),
        )
        .order_by()
    )
    for row in rows:
        key = str(row["module_id"])
        _module_label(figures, "rating", row)
        figures.sums.setdefault(("rating", key), {})[row["department_id"]] = {
            "n": row["n"],
            "officers": row["officers"],
            "sum_rating": float(row["sum_rating"]),
        }


def _trainer_columns(ended: Q) -> dict:
    """Certified trainers in the shape of the other counts, every figure cumulative.

    officers: trainers certified up to the end of the period (distinct per department);
    enrolled: certifications issued; completed: certifications ended (expired or revoked);
    enrolled - completed: certifications valid at the end of the period, that is trainers
    holding one (a trainer holds one current certification per department at a time).
    """
    return {
        "officers": Count("user", distinct=True),
        "enrolled": Count("id"),
        "completed": Count("id", filter=ended),
        "completed_officers": Count("user", distinct=True, filter=ended),
        "open_officers": Count("user", distinct=True, filter=~ended),
    }


def _count_trainers(figures: PeriodFigures, departments: dict[int, DepartmentInfo]) -> None:
    """`trainer` (a row per state of the sharing departments, zero included), `trainer_month`
    (month of certification, the department's date) and `trainer_total`."""
    end = figures.period_end
    ended = Q(expires_on__lt=end) | Q(revoked_at__lt=F("cutoff"))
    certified = (
        DepartmentTrainer.objects.filter(department_id__in=list(departments), certified_on__lte=end)
        .annotate(cutoff=_cutoff(departments, "department_id", end))
        .order_by()
    )
    columns = _trainer_columns(ended)
    found = {
        row["department_id"]: row for row in certified.values("department_id").annotate(**columns)
    }
    for department, info in departments.items():
        row = found.get(department, {})
        values = {name: row.get(name) or 0 for name in COUNT_NAMES}
        figures.counts.setdefault(("trainer", info.state), {})[department] = values
        figures.counts.setdefault(("trainer_total", "all"), {})[department] = dict(values)
    by_month = (
        certified.annotate(period=ExtractYear("certified_on") * 100 + ExtractMonth("certified_on"))
        .values("department_id", "period")
        .annotate(**columns)
    )
    _store(figures, "trainer_month", by_month, lambda row: period_key("month", row["period"]))


def _count_posts(figures: PeriodFigures, departments: dict[int, DepartmentInfo]) -> None:
    """Posts of officers in their cohort's module threads (counts only: no text, no author).

    A post belongs to the department of its author's enrollment in the cohort (a facilitator's
    posts belong to no department and are not counted). officers: officers who posted;
    enrolled: posts (a post hidden later was still posted: counts never go down); completed:
    replies among them.
    """
    department = Subquery(
        Enrollment.objects.filter(cohort_id=OuterRef("cohort_id"), officer_id=OuterRef("author_id"))
        .order_by("pk")
        .values("department_id")[:1]
    )
    posts = (
        DiscussionPost.objects.filter(module__isnull=False)
        .annotate(department_id=department)
        .filter(department_id__in=list(departments))
        .annotate(cutoff=_cutoff(departments, "department_id", figures.period_end))
        .filter(created_at__lt=F("cutoff"))
    )
    reply = Q(parent__isnull=False)
    columns = {
        "officers": Count("author", distinct=True),
        "enrolled": Count("id"),
        "completed": Count("id", filter=reply),
        "completed_officers": Count("author", distinct=True, filter=reply),
        "open_officers": Count("author", distinct=True, filter=~reply),
    }
    rows = posts.values(
        "department_id", "module_id", "module__title", "module__order", *MODULE_VERSION
    )
    rows = rows.annotate(**columns).order_by()
    for row in rows:
        _module_label(figures, "discussion", row)
    _store(figures, "discussion", rows, lambda row: str(row["module_id"]))
    totals = posts.values("department_id").annotate(**columns).order_by()
    _store(figures, "discussion_total", totals, lambda row: "all")


def period_figures(*, department_ids, period_end: dt.date) -> PeriodFigures:
    """The per-department figures of the departments at the end of the period."""
    departments = _departments(department_ids, period_end)
    figures = PeriodFigures(period_end=period_end, departments=departments)
    if not departments:
        return figures
    base = _enrollments(departments, period_end)
    _count_enrollments(figures, base, departments)
    _count_modules(figures, base, departments)
    _sum_gains(figures, base)
    _sum_ratings(figures, base, departments)
    _count_trainers(figures, departments)
    _count_posts(figures, departments)
    return figures
