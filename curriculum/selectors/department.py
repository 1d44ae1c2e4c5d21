"""Reads behind the liaison's pages: which department, one officer, overdue and fast lists,
the chart's series and the rows of the exports.

Everything here starts from a department the caller already obtained through
`managed_department_get` (scoped by the user), or from `enrollment_list_for(user=...)`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import (
    CharField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Cast, Concat
from django.http import Http404

from accounts.models import Department, Membership
from accounts.selectors import liaison_department_ids
from curriculum.models import (
    Attempt,
    Cohort,
    CompletionReview,
    Curriculum,
    Enrollment,
    LessonProgress,
    ReflectionResponse,
)
from curriculum.selectors.credit import attended_minutes_subquery
from curriculum.selectors.enrollments import (
    SeriesPoint,
    completion_series,
    department_officer_list,
    enrollment_list_for,
    managed_department_get,
    overdue_q,
)
from repair import clock
from repair.params import parse_id
from worker.models import Notification

REMINDER_KINDS = (
    Notification.Kind.NUDGE,
    Notification.Kind.OVERDUE,
    Notification.Kind.DUE_SOON_1D,
    Notification.Kind.DUE_SOON_7D,
)

OVERDUE_LIST_LIMIT = 50
FLAGGED_LIST_LIMIT = 25


def department_for_request(*, user, department_id: str | None) -> Department:
    """The department a page is about: the one asked for, else the user's own; 404 otherwise.

    Staff must name a department; a liaison of several gets the first by name unless asked.
    The result carries `can_manage`: writes (enroll, due dates, withdrawals, nudges) are the
    department's liaison's, staff only read.
    """
    own = liaison_department_ids(user=user)
    if department_id:
        pk = parse_id(department_id)
        if pk is None:
            raise Http404
        department = managed_department_get(user=user, department_id=pk)
    else:
        department = Department.objects.filter(pk__in=own).order_by("name").first()
        if department is None:
            raise Http404
    department.can_manage = department.pk in own
    return department


def department_enrollments(*, user, department: Department) -> QuerySet[Enrollment]:
    """The department's enrollments the user may see (withdrawn ones too)."""
    return enrollment_list_for(user=user).filter(department=department)


def department_officer_get(*, department: Department, membership_id: int) -> Membership:
    """One officer of the roster, with the roster's figures; 404 outside the department."""
    membership = department_officer_list(department=department).filter(pk=membership_id).first()
    if membership is None:
        raise Http404
    return membership


def department_enrollment_get(*, user, department: Department, enrollment_id: int) -> Enrollment:
    enrollment = department_enrollments(user=user, department=department).filter(pk=enrollment_id)
    enrollment = enrollment.first()
    if enrollment is None:
        raise Http404
    return enrollment


def department_curriculum_list() -> QuerySet[Curriculum]:
    return Curriculum.objects.filter(status=Curriculum.Status.PUBLISHED).order_by("title")


def department_cohort_list(*, department: Department) -> QuerySet[Cohort]:
    """Cohorts the department may enroll into: its own and program-wide ones, still running."""
    return (
        Cohort.objects.filter(Q(department=department) | Q(department__isnull=True))
        .filter(curriculum__status=Curriculum.Status.PUBLISHED)
        .select_related("curriculum")
        .order_by("-starts_on", "name")
    )


def with_officer_page(enrollments: QuerySet[Enrollment], department: Department) -> QuerySet:
    """Each enrollment with `membership_id`, the officer's roster entry (the officer page)."""
    return enrollments.annotate(
        membership_id=Subquery(
            Membership.objects.filter(
                user_id=OuterRef("officer_id"),
                department=department,
                role=Membership.Role.OFFICER,
            ).values("pk")[:1]
        )
    )


def _last_reminded() -> Subquery:
    """When the officer was last reminded of this enrollment: a due-soon or overdue email, or
    the liaison's nudge (the outbox keys each one `<kind>:<enrollment id>:...`)."""
    prefix = Concat(Value(":"), Cast(OuterRef("pk"), CharField()), Value(":"))
    about_it = Q()
    for kind in REMINDER_KINDS:
        about_it |= Q(dedupe_key__startswith=Concat(Value(kind), prefix))
    reminders = Notification.objects.filter(
        about_it, recipient_id=OuterRef("officer_id"), kind__in=REMINDER_KINDS
    ).exclude(status=Notification.Status.FAILED)
    return Subquery(
        reminders.order_by().values("recipient_id").annotate(last=Max("created_at")).values("last")
    )


def _last_attempt() -> Subquery:
    return Subquery(
        Attempt.objects.filter(enrollment_id=OuterRef("pk"), submitted_at__isnull=False)
        .order_by()
        .values("enrollment_id")
        .annotate(last=Max("submitted_at"))
        .values("last")
    )


def department_overdue_list(
    *,
    enrollments: QuerySet[Enrollment],
    department: Department,
    limit: int | None = OVERDUE_LIST_LIMIT,
) -> list[Enrollment]:
    """Overdue enrollments (of `department_enrollments`), longest overdue first, each with
    `days_overdue` (on the department's calendar), `last_activity` (the last lesson page,
    submitted attempt or start; None before any), `last_reminded` and `membership_id`."""
    today = clock.today(department)
    rows = (
        with_officer_page(enrollments.filter(overdue_q(today=today)), department)
        .annotate(
            last_beat=F("lesson_clock__beat_at"),
            last_attempt=_last_attempt(),
            last_reminded=_last_reminded(),
        )
        .order_by("due_on", "officer__last_name", "id")
    )
    rows = list(rows[:limit] if limit else rows)
    for row in rows:
        row.days_overdue = (today - row.due_on).days
        moments = [m for m in (row.last_beat, row.last_attempt, row.started_at) if m]
        row.last_activity = max(moments) if moments else None
    return rows


def department_flagged_fast_list(
    *, enrollments: QuerySet[Enrollment], limit: int = FLAGGED_LIST_LIMIT
) -> list[Enrollment]:
    """Completions far faster than the curriculum's estimate, most recent first (those that
    wait for review are listed apart: `department_review_list`)."""
    return list(
        enrollments.filter(
            flagged_fast=True, withdrawn_at__isnull=True, status=Enrollment.Status.COMPLETED
        ).order_by("-completed_at", "id")[:limit]
    )


def department_review_list(*, enrollments: QuerySet[Enrollment]) -> list[CompletionReview]:
    """Fast completions of `department_enrollments` waiting for review, oldest first."""
    return list(
        CompletionReview.objects.filter(
            status=CompletionReview.Status.PENDING,
            enrollment__in=enrollments.filter(withdrawn_at__isnull=True),
        )
        .select_related("enrollment__officer", "enrollment__curriculum", "enrollment__version")
        .order_by("requested_at", "id")
    )


def department_review_get(*, enrollments: QuerySet[Enrollment], review_id: int) -> CompletionReview:
    review = (
        CompletionReview.objects.filter(pk=review_id, enrollment__in=enrollments)
        .select_related("enrollment")
        .first()
    )
    if review is None:
        raise Http404
    return review


@dataclass(frozen=True)
class ChartBar:
    period_start: dt.date
    completed: int


def department_completion_weeks(
    *, enrollments: QuerySet[Enrollment], department: Department, weeks: int = 12
) -> list[ChartBar]:
    """Completions per week for the last `weeks` weeks (Monday starts, on the department's
    calendar), empty weeks as zero."""
    today = clock.today(department)
    first = today - dt.timedelta(days=today.weekday()) - dt.timedelta(weeks=weeks - 1)
    points: list[SeriesPoint] = completion_series(
        enrollments=enrollments,
        interval="week",
        since=first,
        until=today,
        department=department,
    )
    found = {point.period_start: point.completed for point in points}
    starts = [first + dt.timedelta(weeks=i) for i in range(weeks)]
    return [ChartBar(period_start=start, completed=found.get(start, 0)) for start in starts]


def _time_spent() -> Subquery:
    """Seconds on the lesson clock over the enrollment's lessons (lessons taken before the
    clock existed were not measured and add nothing)."""
    spent = (
        LessonProgress.objects.filter(enrollment=OuterRef("pk"))
        .values("enrollment")
        .annotate(total=Sum("seconds_spent"))
        .values("total")
    )
    return Subquery(spent, output_field=IntegerField())


def officer_enrollment_list(*, user, department: Department, officer_id: int) -> list[Enrollment]:
    """One officer's enrollments in the department with scores, time spent and the dates of
    their reflections, in three queries. Reflection text is never read: it is private to the
    officer and the facilitator."""
    attempts = Attempt.objects.filter(submitted_at__isnull=False).select_related("assessment")
    enrollments = list(
        department_enrollments(user=user, department=department)
        .filter(officer_id=officer_id)
        .select_related("cohort", "version")
        .annotate(time_spent=_time_spent())
        .prefetch_related(Prefetch("attempts", queryset=attempts, to_attr="submitted_attempts"))
        .order_by("withdrawn_at", "-assigned_at", "id")
    )
    dates: dict[int, list[dt.datetime]] = {row.pk: [] for row in enrollments}
    for enrollment_id, submitted_at in (
        ReflectionResponse.objects.filter(enrollment_id__in=dates)
        .order_by("submitted_at")
        .values_list("enrollment_id", "submitted_at")
    ):
        dates[enrollment_id].append(submitted_at)
    for row in enrollments:
        row.reflection_dates = dates[row.pk]
    return enrollments


def _badge_number(department: Department) -> Subquery:
    return Subquery(
        Membership.objects.filter(
            user_id=OuterRef("officer_id"),
            department=department,
            role=Membership.Role.OFFICER,
        ).values("badge_number")[:1]
    )


def _membership_status(department: Department) -> Subquery:
    return Subquery(
        Membership.objects.filter(
            user_id=OuterRef("officer_id"),
            department=department,
            role=Membership.Role.OFFICER,
        ).values("status")[:1]
    )


def department_export_enrollments(
    *, user, department: Department, officer_ids: QuerySet | None = None, scope: Q | None = None
) -> QuerySet[Enrollment]:
    """Every enrollment of the department (withdrawn ones too: the record is whole), one row
    each, with the officer's badge number, ordered by officer and curriculum. A roster filter
    gives the officers and the scope (`enrollment_scope`): the rows are then the enrollments
    the filtered roster counts."""
    rows = department_enrollments(user=user, department=department)
    if officer_ids is not None:
        rows = rows.filter(officer_id__in=officer_ids)
    if scope:
        rows = rows.filter(scope)
    return rows.annotate(
        badge_number=_badge_number(department),
        membership_status=_membership_status(department),
    ).order_by("officer__last_name", "officer__first_name", "officer_id", "curriculum__title")


def department_transcript_enrollments(*, user, department: Department) -> QuerySet[Enrollment]:
    """Completed, current enrollments: what a state training record lists."""
    return (
        department_export_enrollments(user=user, department=department)
        .filter(status=Enrollment.Status.COMPLETED, withdrawn_at__isnull=True)
        .annotate(
            certificate_code=F("certificate__code"),
            session_minutes=attended_minutes_subquery(),
        )
        .order_by("officer__last_name", "officer__first_name", "officer_id", "completed_at")
    )


def department_recent_enrollment_list(*, enrollments: QuerySet[Enrollment], limit: int = 10):
    """The latest assignments, so a liaison sees what they just did."""
    return list(
        enrollments.filter(withdrawn_at__isnull=True).order_by("-assigned_at", "-id")[:limit]
    )
