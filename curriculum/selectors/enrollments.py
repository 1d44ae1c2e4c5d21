"""Who may see which enrollments, and the department figures built from them.

The liaison pages, the officer's pages and the REST API all read through these selectors, so a
page and the API never disagree and no view filters on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.db.models.functions import Coalesce, TruncMonth, TruncWeek
from django.http import Http404

from accounts.models import Department, Membership, display_name_expression
from accounts.selectors import liaison_department_ids, managed_department_list_for
from curriculum.models import CompletionReview, Curriculum, Enrollment, Module
from repair import clock

COMPLETED = Enrollment.Status.COMPLETED


def overdue_q(*, today: dt.date | None = None, prefix: str = "") -> Q:
    """Overdue is derived: due date in the past, not completed, not withdrawn.

    "In the past" is on the department's calendar: pass its `today` when every row is of one
    department; without it, each row is compared with its own department's date.
    """
    if today is None:
        due = clock.by_local_date(
            lambda day: Q(**{f"{prefix}due_on__lt": day}),
            zone_field=f"{prefix}department__timezone",
        )
    else:
        due = Q(**{f"{prefix}due_on__lt": today})
    return due & ~Q(**{f"{prefix}status": COMPLETED}) & Q(**{f"{prefix}withdrawn_at__isnull": True})


def managed_department_get(*, user, department_id) -> Department:
    """A department the user manages (liaison) or oversees (staff); 404 for any other."""
    department = managed_department_list_for(user=user).filter(pk=department_id).first()
    if department is None:
        raise Http404
    return department


def enrollment_list_for(*, user) -> QuerySet[Enrollment]:
    """Enrollments a liaison (own departments) or staff (all) may see; withdrawn ones too."""
    base = Enrollment.objects.select_related("officer", "curriculum", "version", "department")
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return base.none()
    if user.is_staff:
        return base.all()
    return base.filter(department_id__in=liaison_department_ids(user=user))


def officer_enrollment_list(*, user) -> QuerySet[Enrollment]:
    """The signed-in officer's own current enrollments."""
    if not getattr(user, "is_authenticated", False):
        return Enrollment.objects.none()
    latest_review = CompletionReview.objects.filter(enrollment=OuterRef("pk")).order_by(
        "-requested_at", "-id"
    )
    return (
        Enrollment.objects.filter(officer=user, withdrawn_at__isnull=True)
        .select_related("curriculum", "version", "department", "cohort", "certificate")
        .annotate(review_status=Subquery(latest_review.values("status")[:1]))
        .order_by("status", "due_on", "id")
    )


def _rate(completed: int, total: int) -> float:
    return round(completed / total, 4) if total else 0.0


_STATUS_FIGURES = ("enrollments", "not_started", "in_progress", "completed", "overdue")


def _figure_conditions(department: Department) -> dict[str, Q | None]:
    """Which current enrollments each dashboard figure counts (overdue: as of the department's
    today)."""
    return {
        "enrollments": None,
        "not_started": Q(status=Enrollment.Status.NOT_STARTED),
        "in_progress": Q(status=Enrollment.Status.IN_PROGRESS),
        "completed": Q(status=COMPLETED),
        "overdue": overdue_q(today=clock.today(department)),
    }


def _figure_counts(department: Department, *names: str) -> dict[str, Count]:
    conditions = _figure_conditions(department)
    return {name: Count("id", filter=conditions[name]) for name in names}


def department_summary(*, department: Department) -> dict:
    """Headline figures and per-curriculum figures of one department, in two queries.

    The headline counts are the sums of the per-curriculum counts (one grouped scan of the
    department's current enrollments, not a second one for the totals).
    """
    per_curriculum = list(
        Enrollment.objects.filter(department=department, withdrawn_at__isnull=True)
        .values("curriculum_id", "curriculum__title")
        .annotate(**_figure_counts(department, *_STATUS_FIGURES))
        .order_by("curriculum__title")
    )
    officers = Membership.objects.filter(
        department=department, role=Membership.Role.OFFICER, status=Membership.Status.ACTIVE
    ).count()
    counts = {name: sum(row[name] for row in per_curriculum) for name in _STATUS_FIGURES}
    curricula = [
        {
            "curriculum_id": row["curriculum_id"],
            "title": row["curriculum__title"],
            "enrolled": row["enrollments"],
            "completed": row["completed"],
            "overdue": row["overdue"],
            "completion_rate": _rate(row["completed"], row["enrollments"]),
        }
        for row in per_curriculum
    ]
    return {
        "officers": officers,
        **counts,
        "completion_rate": _rate(counts["completed"], counts["enrollments"]),
        "curricula": curricula,
    }


ROSTER_ORDERINGS = {
    "name": ("user__last_name", "user__first_name", "id"),
    "-name": ("-user__last_name", "-user__first_name", "-id"),
    "badge": ("badge_number", "id"),
    "-badge": ("-badge_number", "-id"),
    "enrollments": ("enrollment_count", "user__last_name", "id"),
    "-enrollments": ("-enrollment_count", "user__last_name", "id"),
    "completed": ("completed_count", "user__last_name", "id"),
    "-completed": ("-completed_count", "user__last_name", "id"),
    "overdue": ("overdue_count", "user__last_name", "id"),
    "-overdue": ("-overdue_count", "user__last_name", "id"),
}


def _roster_search_q(search: str) -> Q:
    """Every word must match a name, the email or the badge number."""
    condition = Q()
    for word in search.split():
        condition &= (
            Q(user__first_name__icontains=word)
            | Q(user__last_name__icontains=word)
            | Q(user__email__icontains=word)
            | Q(badge_number__icontains=word)
        )
    return condition


def enrollment_scope(
    *,
    department: Department,
    curriculum_id: int | None = None,
    cohort_id: int | None = None,
    overdue: bool = False,
) -> Q:
    """The enrollments a roster filter narrows to: every filter narrows the same enrollments
    (a curriculum, a cohort, overdue), so "enrolled in X" and "overdue" means overdue in X.
    The roster's figures and its exports use the same scope (without `overdue` for the
    figures, which count each status)."""
    condition = Q()
    if curriculum_id:
        condition &= Q(curriculum_id=curriculum_id)
    if cohort_id:
        condition &= Q(cohort_id=cohort_id)
    if overdue:
        condition &= overdue_q(today=clock.today(department))
    return condition


def department_officer_list(
    *,
    department: Department,
    search: str = "",
    status: str = "",
    curriculum_id: int | None = None,
    cohort_id: int | None = None,
    overdue: bool = False,
    ordering: str = "name",
) -> QuerySet[Membership]:
    """The roster: officer memberships with their enrollment figures, in one query.

    Optional filters: a search over names, email and badge; membership status; officers with
    a current enrollment that is in the curriculum, in the cohort and overdue, as asked (one
    enrollment meets them all). With a curriculum or cohort, the figures count only its
    enrollments.
    """
    roster = Membership.objects.filter(department=department, role=Membership.Role.OFFICER)
    if search.strip():
        roster = roster.filter(_roster_search_q(search))
    if status:
        roster = roster.filter(status=status)
    scope = enrollment_scope(
        department=department, curriculum_id=curriculum_id, cohort_id=cohort_id
    )
    if curriculum_id or cohort_id or overdue:
        # Exists keeps the filter apart from the counts, so the counts stay whole.
        narrowed = enrollment_scope(
            department=department,
            curriculum_id=curriculum_id,
            cohort_id=cohort_id,
            overdue=overdue,
        )
        roster = roster.filter(
            Exists(
                Enrollment.objects.filter(
                    narrowed,
                    officer_id=OuterRef("user_id"),
                    department=department,
                    withdrawn_at__isnull=True,
                )
            )
        )
    # Each count is a correlated subquery, not a join of the whole department grouped by
    # officer: the database counts only the officers of the page it returns (bench finding 3).
    return (
        roster.select_related("user")
        .annotate(
            enrollment_count=_enrollment_count(department, "enrollments", scope),
            completed_count=_enrollment_count(department, "completed", scope),
            overdue_count=_enrollment_count(department, "overdue", scope),
        )
        .order_by(*ROSTER_ORDERINGS.get(ordering, ROSTER_ORDERINGS["name"]))
    )


def _enrollment_count(department: Department, figure: str, scope: Q | None = None) -> Coalesce:
    """One figure of the officer's current (not withdrawn) enrollments in the department, within
    the roster filter's scope."""
    enrollments = Enrollment.objects.filter(
        scope or Q(),
        officer_id=OuterRef("user_id"),
        department=department,
        withdrawn_at__isnull=True,
    )
    condition = _figure_conditions(department)[figure]
    if condition is not None:
        enrollments = enrollments.filter(condition)
    counted = enrollments.order_by().values("officer_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def department_roster_rows(*, department: Department) -> QuerySet[Membership]:
    """The department's officers as plain rows, without figures (the API pages these by user id
    and adds each page's figures with `officer_enrollment_counts`)."""
    return Membership.objects.filter(department=department, role=Membership.Role.OFFICER).values(
        "user_id",
        "badge_number",
        "status",
        display_name=display_name_expression("user__"),
        email=F("user__email"),
    )


@dataclass(frozen=True)
class OfficerCounts:
    enrollments: int = 0
    completed: int = 0
    overdue: int = 0


def officer_enrollment_counts(
    *, department: Department, officer_ids: list[int]
) -> dict[int, OfficerCounts]:
    """Current enrollment figures in the department of these officers, in one grouped query
    (the same figures as `department_officer_list`'s annotations)."""
    if not officer_ids:
        return {}
    rows = (
        Enrollment.objects.filter(
            department=department, officer_id__in=officer_ids, withdrawn_at__isnull=True
        )
        .values("officer_id")
        .annotate(**_figure_counts(department, "enrollments", "completed", "overdue"))
        .order_by()
    )
    return {
        row["officer_id"]: OfficerCounts(row["enrollments"], row["completed"], row["overdue"])
        for row in rows
    }


@dataclass(frozen=True)
class SeriesPoint:
    period_start: dt.date
    completed: int


def completion_series(
    *,
    enrollments: QuerySet[Enrollment],
    interval: str = "week",
    since: dt.date | None = None,
    until: dt.date | None = None,
    department: Department | str | None = None,
) -> list[SeriesPoint]:
    """Completions per week or month, computed in the database, on the calendar of the
    department (the site's when the series covers several)."""
    trunc = TruncMonth if interval == "month" else TruncWeek
    zone = clock.zone(department)
    rows = enrollments.filter(status=COMPLETED)
    if since:
        rows = rows.filter(completed_at__gte=clock.day_start(since, department))
    if until:
        rows = rows.filter(
            completed_at__lt=clock.day_start(until + dt.timedelta(days=1), department)
        )
    grouped = (
        rows.annotate(period=trunc("completed_at", tzinfo=zone))
        .values("period")
        .annotate(completed=Count("id"))
        .order_by("period")
    )
    return [
        SeriesPoint(period_start=_as_date(row["period"]), completed=row["completed"])
        for row in grouped
    ]


def _as_date(value) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value


def published_curriculum_list() -> QuerySet[Curriculum]:
    """Published curricula, each with the modules of its current version (`modules`)."""
    return (
        Curriculum.objects.filter(status=Curriculum.Status.PUBLISHED)
        .select_related("current_version")
        .prefetch_related(
            Prefetch(
                "current_version__modules",
                queryset=Module.objects.order_by("order"),
                to_attr="current_modules",
            )
        )
        .order_by("title")
    )
