"""Facilitated learning in the demo world: the running leadership cohort's two past sessions
with attendance and one to come, its discussion with a facilitator's reply, an announcement,
rubric criteria, and a certified trainer in Demo City (Training of Trainers done, practicum
confirmed). Natural keys throughout, so a second run writes nothing new."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import User
from curriculum.models import (
    Announcement,
    Attendance,
    Cohort,
    Curriculum,
    DepartmentTrainer,
    DiscussionPost,
    Enrollment,
    LiveSession,
    RubricCriterion,
)
from repair import clock

RUBRIC = [
    (
        "Names a specific situation",
        "The reflection describes a real or likely situation from work.",
    ),
    ("Connects to a right", "It names the right or the dignity at stake."),
    ("Commits to an action", "It says what the officer will do differently."),
]
STATUSES = ["present", "present", "late", "present", "absent", "present", "excused"]


def _session(cohort: Cohort, title: str, day: dt.date, **extra) -> LiveSession:
    starts_at = clock.day_start(day, cohort.department) + dt.timedelta(hours=18)
    session, _ = LiveSession.objects.get_or_create(
        cohort=cohort,
        title=title,
        defaults={
            "starts_at": starts_at,
            "duration_minutes": 90,
            "format": LiveSession.Format.ONLINE,
            "meeting_url": "https://meet.repair.test/leadership-fall-2026",
            "created_by": cohort.facilitator,
            **extra,
        },
    )
    return session


def _attendance(session: LiveSession, enrollments: list[Enrollment]) -> None:
    for index, enrollment in enumerate(enrollments):
        status = STATUSES[index % len(STATUSES)]
        minutes = {"present": 90, "late": 60}.get(status, 0)
        Attendance.objects.get_or_create(
            session=session,
            enrollment=enrollment,
            defaults={
                "status": status,
                "minutes": minutes,
                "recorded_by": session.cohort.facilitator,
            },
        )


def _trainer(tot: Curriculum, trainer: User, department, facilitator: User, session) -> None:
    Enrollment.objects.get_or_create(
        officer=trainer,
        curriculum=tot,
        defaults={
            "version": tot.current_version,
            "department": department,
            "status": Enrollment.Status.COMPLETED,
            "progress": 100,
            "started_at": timezone.now() - dt.timedelta(days=40),
            "completed_at": timezone.now() - dt.timedelta(days=20),
        },
    )
    today = clock.today(department)
    DepartmentTrainer.objects.get_or_create(
        user=trainer,
        department=department,
        revoked_at=None,
        defaults={
            "certified_on": today - dt.timedelta(days=3),
            "expires_on": today + dt.timedelta(days=727),
            "certified_by": facilitator,
            "code": "DEMO-TRNR-2026-0001",
        },
    )
    if session.practicum_confirmed_at is None:
        session.practicum_confirmed_by = facilitator
        session.practicum_confirmed_at = session.starts_at + dt.timedelta(hours=2)
        session.save(update_fields=["practicum_confirmed_by", "practicum_confirmed_at"])


def _discussion(cohort: Cohort, members: list[User]) -> None:
    module = cohort.curriculum.current_version.modules.get(order=1)
    post, _ = DiscussionPost.objects.get_or_create(
        cohort=cohort,
        module=module,
        author=members[1],
        parent=None,
        defaults={
            "body": "Has anyone changed how they open a stop after this module? I started "
            "explaining the reason first and it went better than I expected."
        },
    )
    for author, body in (
        (members[2], "Same here. It takes ten seconds and people calm down."),
        (cohort.facilitator, "Good to hear. Bring one example to Thursday's session."),
    ):
        DiscussionPost.objects.get_or_create(
            cohort=cohort, module=module, author=author, parent=post, defaults={"body": body}
        )
    Announcement.objects.get_or_create(
        cohort=cohort,
        title="Week 3 session: bring one example",
        defaults={
            "author": cohort.facilitator,
            "body": "Our next live session is on Thursday at 18:00. Bring one situation from "
            "your shifts where dignity was at stake.",
        },
    )


def facilitation_demo_build(*, cohort: Cohort, tot: Curriculum, trainer: User) -> None:
    for order, (name, description) in enumerate(RUBRIC, start=1):
        RubricCriterion.objects.get_or_create(
            name=name, defaults={"description": description, "order": order}
        )
    enrollments = list(
        Enrollment.objects.filter(cohort=cohort).select_related("officer").order_by("id")
    )
    first = _session(
        cohort, "Week 1: dignity as a leadership duty", cohort.starts_on + dt.timedelta(days=2)
    )
    second = _session(
        cohort,
        "Week 2: lessons of history",
        cohort.starts_on + dt.timedelta(days=9),
        co_facilitator=trainer,
    )
    _session(
        cohort, "Week 3: leading change in your unit", cohort.starts_on + dt.timedelta(days=23)
    )
    _attendance(first, enrollments)
    _attendance(second, enrollments)
    _trainer(tot, trainer, cohort.department, cohort.facilitator, second)
    _discussion(cohort, [e.officer for e in enrollments])
