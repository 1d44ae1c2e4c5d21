"""Daily facilitation sweeps: each reader's digest of waiting reflections, and the escalation
to staff of reflections that waited longer than REPAIR_REFLECTION_RESPONSE_DAYS or that no one
may read.

Both are keyed by the site's date, so a second run the same day queues nothing. The digest
reads one queue per reader (a handful of people); the escalation is one query.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Min, Q
from django.urls import reverse

from accounts.models import User
from curriculum.models import Cohort, Enrollment, LiveSession
from curriculum.selectors.facilitation import (
    reflection_queue,
    reflection_readers,
    reflection_unreached_list,
    reflection_waiting_list,
    trainer_current_list,
)
from repair import clock
from worker.models import Notification
from worker.outbox import notification_queue_bulk

Kind = Notification.Kind
ESCALATION_LISTED = 25
# Daily messages wait for the morning on the site's clock (the first hourly tick after it).
DAILY_HOUR = 7


def facilitation_sweep(*, now: datetime | None = None) -> dict[str, int]:
    now = now or clock.now()
    counts = {
        "facilitator_digest": 0,
        "reflection_escalation": 0,
        "session_reminder": session_reminder_sweep(now=now),
    }
    if clock.local_datetime(now).hour >= DAILY_HOUR:
        counts["facilitator_digest"] = facilitator_digest_sweep(now=now)
        counts["reflection_escalation"] = reflection_escalation_sweep(now=now)
    return counts


def _reader_candidates() -> list[User]:
    return list(
        User.objects.filter(is_active=True).filter(
            Q(is_facilitator=True)
            | Q(pk__in=Cohort.objects.values("facilitator_id"))
            | Q(pk__in=trainer_current_list().values("user_id"))
        )
    )


def facilitator_digest_sweep(*, now: datetime | None = None) -> int:
    """Queue today's digest to every reader with reflections waiting; returns rows offered."""
    day = clock.today(None, at=now or clock.now())
    rows = []
    for user in _reader_candidates():
        waiting = reflection_queue(user=user).aggregate(
            count=Count("pk"),
            oldest=Min("submitted_at"),
        )
        if not waiting["count"]:
            continue
        rows.append(
            Notification(
                kind=Kind.FACILITATOR_DIGEST,
                recipient=user,
                dedupe_key=f"{Kind.FACILITATOR_DIGEST}:{user.pk}:{day.isoformat()}",
                context={
                    "waiting_count": waiting["count"],
                    "oldest_on": clock.local_date(waiting["oldest"]).isoformat(),
                    "url": reverse("facilitate:home"),
                },
            )
        )
    return notification_queue_bulk(rows)


def reflection_escalation_sweep(*, now: datetime | None = None) -> int:
    """Queue today's list of overdue and unreadable reflections to every active staff user.

    It names the officer's department, the module, the days waited and the responsible
    readers, never the reflection's text: staff act by assigning a reader."""
    now = now or clock.now()
    day = clock.today(None, at=now)
    limit = now - timedelta(days=settings.REPAIR_REFLECTION_RESPONSE_DAYS)
    unreached = set(reflection_unreached_list().values_list("pk", flat=True))
    late = list(
        reflection_waiting_list()
        .filter(Q(submitted_at__lt=limit) | Q(pk__in=unreached))
        .order_by("submitted_at", "id")
    )
    if not late:
        return 0
    items = [_escalation_item(response, now) for response in late[:ESCALATION_LISTED]]
    context = {
        "late_count": len(late),
        "unreached_count": len(unreached),
        "days": settings.REPAIR_REFLECTION_RESPONSE_DAYS,
        "items": items,
        "more": max(0, len(late) - ESCALATION_LISTED),
        "url": reverse("admin:curriculum_cohort_changelist"),
    }
    staff = User.objects.filter(is_staff=True, is_active=True)
    rows = (
        Notification(
            kind=Kind.REFLECTION_ESCALATION,
            recipient=user,
            dedupe_key=f"{Kind.REFLECTION_ESCALATION}:{user.pk}:{day.isoformat()}",
            context=context,
        )
        for user in staff
    )
    return notification_queue_bulk(rows)


def _escalation_item(response, now: datetime) -> dict:
    enrollment = response.enrollment
    readers = reflection_readers(response=response)
    return {
        "department": enrollment.department.name,
        "cohort": enrollment.cohort.name if enrollment.cohort else "",
        "curriculum_title": enrollment.curriculum.title,
        "module_title": response.reflection.module.title,
        "days_waiting": (now - response.submitted_at).days,
        "readers": ", ".join(user.display_name for user in readers),
    }


def session_reminder_sweep(*, now: datetime | None = None) -> int:
    """Queue a reminder to each officer and facilitator of a session that starts tomorrow on
    its cohort's department's calendar (the site's for a cohort without one)."""
    now = now or clock.now()
    sessions = LiveSession.objects.filter(
        cancelled_at__isnull=True,
        starts_at__gt=now,
        starts_at__lt=now + timedelta(days=3),
    ).select_related("cohort__department")
    rows = []
    for session in sessions:
        department = session.cohort.department
        if clock.local_date(session.starts_at, department) != clock.today(department, at=now) + (
            timedelta(days=1)
        ):
            continue
        rows += _session_reminder_rows(session)
    return notification_queue_bulk(rows)


def _session_reminder_rows(session: LiveSession) -> list[Notification]:
    officers = Enrollment.objects.filter(
        cohort_id=session.cohort_id, withdrawn_at__isnull=True, officer__is_active=True
    ).values_list("officer_id", flat=True)
    people = set(officers) | {session.cohort.facilitator_id, session.co_facilitator_id} - {None}
    context = {
        "title": session.title,
        "cohort": session.cohort.name,
        "starts_at": clock.local_datetime(session.starts_at, session.cohort.department).strftime(
            "%Y-%m-%d %H:%M"
        ),
        "zone": clock.zone_label(session.cohort.department),
        "place": session.meeting_url or session.location,
        "url": reverse("learn:home"),
    }
    return [
        Notification(
            kind=Kind.SESSION_REMINDER,
            recipient_id=user_id,
            dedupe_key=f"{Kind.SESSION_REMINDER}:{session.pk}:{user_id}",
            context=context,
        )
        for user_id in people
    ]
