"""Live sessions of a cohort: scheduling, attendance, and the officer's calendar feed.

Attendance is one row per session and enrollment (a unique constraint): two facilitators saving
the same sheet at once update the same rows (`update_or_create`), never duplicate them. The
minutes a row counts feed `curriculum.selectors.credit.attended_session_minutes`.
"""

from __future__ import annotations

import secrets
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_record
from accounts.tokens import token_key_hash
from curriculum.models import Attendance, CalendarFeed, Cohort, Enrollment, LiveSession, Module
from curriculum.selectors.sessions import cohort_may_manage, session_may_take_attendance
from curriculum.services.progress import LearningError

# A late arrival counts the minutes the facilitator enters; without them, the session's
# length less this much.
LATE_DEFAULT_SHORTFALL = 15


def live_session_create(
    *,
    cohort: Cohort,
    acting_user,
    title: str,
    starts_at: datetime,
    duration_minutes: int,
    format: str,
    meeting_url: str = "",
    location: str = "",
    module: Module | None = None,
    co_facilitator=None,
) -> LiveSession:
    if not cohort_may_manage(user=acting_user, cohort=cohort):
        raise PermissionDenied
    if module is not None and module.version.curriculum_id != cohort.curriculum_id:
        raise LearningError(_("Choose a module of this cohort's course."))
    if format == LiveSession.Format.ONLINE and not meeting_url:
        raise LearningError(_("An online session needs a meeting link."))
    if format == LiveSession.Format.IN_PERSON and not location:
        raise LearningError(_("An in-person session needs a place."))
    with transaction.atomic():
        session = LiveSession.objects.create(
            cohort=cohort,
            module=module,
            title=title.strip(),
            starts_at=starts_at,
            duration_minutes=duration_minutes,
            format=format,
            meeting_url=meeting_url if format == LiveSession.Format.ONLINE else "",
            location=location if format == LiveSession.Format.IN_PERSON else "",
            co_facilitator=co_facilitator,
            created_by=acting_user,
        )
        audit_record(
            action="live_session.create",
            actor=acting_user,
            obj=session,
            department=cohort.department,
            data={"cohort_id": cohort.pk, "starts_at": starts_at.isoformat()},
        )
    return session


def live_session_cancel(*, session: LiveSession, acting_user) -> LiveSession:
    """Cancel a session (it leaves the calendars, sends no reminder, counts no minutes)."""
    if not cohort_may_manage(user=acting_user, cohort=session.cohort):
        raise PermissionDenied
    if session.cancelled_at is not None:
        return session
    with transaction.atomic():
        session.cancelled_at = timezone.now()
        session.save(update_fields=["cancelled_at"])
        audit_record(
            action="live_session.cancel",
            actor=acting_user,
            obj=session,
            department=session.cohort.department,
        )
    return session


def _minutes(session: LiveSession, status: str, minutes: int | None) -> int:
    if status == Attendance.Status.PRESENT:
        return session.duration_minutes
    if status == Attendance.Status.LATE:
        if minutes is None:
            minutes = session.duration_minutes - LATE_DEFAULT_SHORTFALL
        return max(0, min(minutes, session.duration_minutes))
    return 0


def attendance_record(
    *, session: LiveSession, marks: dict[int, tuple[str, int | None]], acting_user
) -> int:
    """Record attendance: enrollment id -> (status, minutes for a late arrival or None).

    Only the session's facilitator, its co-facilitator or staff, once it has started, and only
    for current enrollments of its cohort. Returns the rows written."""
    if not session_may_take_attendance(user=acting_user, session=session):
        raise PermissionDenied
    if session.cancelled_at is not None or session.starts_at > timezone.now():
        raise LearningError(_("Attendance is taken once the session has started."))
    members = set(
        Enrollment.objects.filter(
            cohort_id=session.cohort_id, pk__in=list(marks), withdrawn_at__isnull=True
        ).values_list("pk", flat=True)
    )
    if set(marks) - members:
        raise PermissionDenied
    now = timezone.now()
    with transaction.atomic():
        for enrollment_id, (status, minutes) in marks.items():
            Attendance.objects.update_or_create(
                session=session,
                enrollment_id=enrollment_id,
                defaults={
                    "status": status,
                    "minutes": _minutes(session, status, minutes),
                    "recorded_by": acting_user,
                    "recorded_at": now,
                },
            )
        audit_record(
            action="attendance.record",
            actor=acting_user,
            obj=session,
            department=session.cohort.department,
            data={"enrollment_ids": sorted(marks), "count": len(marks)},
        )
    return len(marks)


def calendar_feed_renew(*, user) -> str:
    """A new secret feed key for the user (the old address stops working); returns the key."""
    key = secrets.token_urlsafe(24)
    CalendarFeed.objects.update_or_create(
        user=user, defaults={"key_hash": token_key_hash(key), "created_at": timezone.now()}
    )
    return key
