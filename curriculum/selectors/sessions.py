"""Reads about live sessions: a facilitator's cohort and its sessions, an attendance sheet,
the officer's sessions, and the iCalendar feed of sessions and due dates."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from accounts.models import User
from accounts.selectors import liaison_department_ids
from accounts.tokens import token_key_hash
from curriculum.models import (
    Attendance,
    CalendarFeed,
    Cohort,
    DepartmentTrainer,
    Enrollment,
    LiveSession,
)


def cohort_may_manage(*, user, cohort: Cohort) -> bool:
    """Staff, the cohort's facilitator, or a liaison of the cohort's department."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_staff or cohort.facilitator_id == user.pk:
        return True
    return cohort.department_id is not None and cohort.department_id in liaison_department_ids(
        user=user
    )


def session_may_take_attendance(*, user, session: LiveSession) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or user.pk in (session.cohort.facilitator_id, session.co_facilitator_id)


def _sessions() -> QuerySet[LiveSession]:
    return LiveSession.objects.select_related(
        "cohort__department", "cohort__facilitator", "module", "co_facilitator"
    )


def managed_cohort_get(*, user, cohort_id: int) -> Cohort:
    cohort = Cohort.objects.select_related("curriculum", "department").filter(pk=cohort_id).first()
    if cohort is None or not cohort_may_manage(user=user, cohort=cohort):
        raise Http404
    return cohort


def cohort_session_list(*, cohort: Cohort) -> QuerySet[LiveSession]:
    """The cohort's sessions with their attendance figures, in one query."""
    there = Q(attendances__status__in=[Attendance.Status.PRESENT, Attendance.Status.LATE])
    return (
        _sessions()
        .filter(cohort=cohort)
        .annotate(
            recorded=Count("attendances", distinct=True),
            attended=Count("attendances", filter=there, distinct=True),
        )
        .order_by("starts_at", "id")
    )


def attendance_session_get(*, user, session_id: int) -> LiveSession:
    session = _sessions().filter(pk=session_id).first()
    if session is None or not session_may_take_attendance(user=user, session=session):
        raise Http404
    return session


@dataclass
class SheetRow:
    enrollment: Enrollment
    attendance: Attendance | None


def attendance_sheet(*, session: LiveSession) -> list[SheetRow]:
    """Current enrollments of the session's cohort with their attendance (two queries)."""
    enrollments = (
        Enrollment.objects.filter(cohort_id=session.cohort_id, withdrawn_at__isnull=True)
        .select_related("officer")
        .order_by("officer__last_name", "officer__first_name", "id")
    )
    recorded = {a.enrollment_id: a for a in Attendance.objects.filter(session=session)}
    return [SheetRow(enrollment=e, attendance=recorded.get(e.pk)) for e in enrollments]


def enrollment_session_list(*, enrollment: Enrollment) -> list[LiveSession]:
    """The sessions of the enrollment's cohort, each with the officer's attendance."""
    if enrollment.cohort_id is None:
        return []
    sessions = list(_sessions().filter(cohort_id=enrollment.cohort_id, cancelled_at__isnull=True))
    recorded = {
        a.session_id: a
        for a in Attendance.objects.filter(
            enrollment=enrollment, session_id__in=[s.pk for s in sessions]
        )
    }
    for session in sessions:
        session.my_attendance = recorded.get(session.pk)
    return sessions


# The iCalendar feed ---------------------------------------------------------------------------


@dataclass
class CalendarEvent:
    uid: str
    title: str
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    day: dt.date | None = None  # an all-day event (a due date)
    location: str = ""
    url: str = ""


def calendar_feed_user(*, key: str):
    feed = CalendarFeed.objects.select_related("user").filter(key_hash=token_key_hash(key)).first()
    if feed is None or not feed.user.is_active:
        return None
    return feed.user


def calendar_events_for(*, user) -> list[CalendarEvent]:
    """Sessions of the user's cohorts (as officer, facilitator or co-facilitator) and the due
    dates of their open enrollments, from 30 days ago on."""
    since = timezone.now() - dt.timedelta(days=30)
    sessions = (
        _sessions()
        .filter(starts_at__gte=since, cancelled_at__isnull=True)
        .filter(
            Q(
                cohort__enrollments__officer=user,
                cohort__enrollments__withdrawn_at__isnull=True,
            )
            | Q(cohort__facilitator=user)
            | Q(co_facilitator=user)
        )
        .distinct()
    )
    events = [
        CalendarEvent(
            uid=f"session-{s.pk}@repair",
            title=f"{s.title} ({s.cohort.name})",
            starts_at=s.starts_at,
            ends_at=s.ends_at,
            location=s.location,
            url=s.meeting_url,
        )
        for s in sessions
    ]
    due = Enrollment.objects.filter(
        officer=user, withdrawn_at__isnull=True, due_on__isnull=False
    ).exclude(status=Enrollment.Status.COMPLETED)
    events += [
        CalendarEvent(uid=f"due-{e.pk}@repair", title=e.curriculum.title, day=e.due_on)
        for e in due.select_related("curriculum")
    ]
    return events


# Training of Trainers ---------------------------------------------------------------------------


def tot_candidate_list(*, department) -> QuerySet[User]:
    """Officers who take Training of Trainers (of the department when it has one)."""
    rows = Enrollment.objects.filter(
        curriculum__slug__in=settings.REPAIR_TOT_CURRICULUM_SLUGS, withdrawn_at__isnull=True
    )
    if department is not None:
        rows = rows.filter(department=department)
    return User.objects.filter(pk__in=rows.values("officer_id"), is_active=True)


def trainer_certification_list(*, user) -> QuerySet[DepartmentTrainer]:
    return DepartmentTrainer.objects.filter(user=user).select_related("department", "certified_by")
