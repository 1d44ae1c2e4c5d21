"""Supervisors: the weekly digest of their officers overdue by more than
REPAIR_ESCALATE_AFTER_DAYS, and their read-only view of their team.

A supervisor is named on an officer's `OfficerProfile` and must be an active member of the same
department. Only the officer's enrollments in that department count.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Membership
from compliance.models import OfficerProfile
from curriculum.models import Enrollment
from repair import clock
from worker.models import Notification
from worker.outbox import BULK_BATCH_SIZE, notification_queue_bulk

DIGEST_WEEKDAY, DIGEST_HOUR = 0, 7  # Monday 07:00 on the department's wall clock, as liaisons'
DIGEST_LIST_LIMIT = 100
TEAM_URL = "/team/"


def _supervised(user_field: str, department_field: str, supervisor_id=None) -> Exists:
    profiles = OfficerProfile.objects.filter(
        membership__user_id=OuterRef(user_field),
        membership__department_id=OuterRef(department_field),
        membership__role=Membership.Role.OFFICER,
        membership__status=Membership.Status.ACTIVE,
        supervisor__is_active=True,
    )
    if supervisor_id is not None:
        profiles = profiles.filter(supervisor_id=supervisor_id)
    return Exists(profiles)


def supervisor_digest_sweep(*, now: dt.datetime | None = None, batch_size=BULK_BATCH_SIZE) -> int:
    """Queue this ISO week's digest to each supervisor with officers overdue by more than
    REPAIR_ESCALATE_AFTER_DAYS (once per week: the dedupe key holds the week); rows offered."""
    now = now or clock.now()
    escalate = dt.timedelta(days=settings.REPAIR_ESCALATE_AFTER_DAYS)
    overdue = clock.by_local_date(
        lambda today: Q(due_on__lt=today - escalate), zone_field="department__timezone", at=now
    )
    profile = OfficerProfile.objects.filter(
        membership__user_id=OuterRef("officer_id"),
        membership__department_id=OuterRef("department_id"),
    )
    rows = (
        Enrollment.objects.filter(withdrawn_at__isnull=True, officer__is_active=True)
        .exclude(status=Enrollment.Status.COMPLETED)
        .filter(overdue)
        .filter(_supervised("officer_id", "department_id"))
        .annotate(supervisor_id=profile.values("supervisor_id")[:1])
        .values(
            "supervisor_id",
            "department_id",
            "department__name",
            "department__timezone",
            "due_on",
            "curriculum__title",
            "officer__first_name",
            "officer__last_name",
            "officer__email",
        )
        .order_by("supervisor_id", "department_id", "due_on", "officer__last_name")
    )
    digests: dict[tuple[int, int], dict] = defaultdict(
        lambda: {"count": 0, "officers": [], "department": "", "zone": ""}
    )
    for row in rows.iterator(chunk_size=2000):
        digest = digests[(row["supervisor_id"], row["department_id"])]
        digest["count"] += 1
        digest["department"], digest["zone"] = row["department__name"], row["department__timezone"]
        if len(digest["officers"]) < DIGEST_LIST_LIMIT:
            name = f"{row['officer__first_name']} {row['officer__last_name']}".strip()
            digest["officers"].append(
                {
                    "name": name or row["officer__email"],
                    "curriculum_title": row["curriculum__title"],
                    "due_on": row["due_on"].isoformat(),
                }
            )
    return notification_queue_bulk(_digest_rows(digests, now), batch_size=batch_size)


def _digest_rows(digests: dict, now: dt.datetime):
    for (supervisor_id, department_id), digest in digests.items():
        local = clock.local_datetime(now, digest["zone"])
        if local.weekday() == DIGEST_WEEKDAY and local.hour < DIGEST_HOUR:
            continue  # not yet due on the department's wall clock
        year, week, _day = local.date().isocalendar()
        yield Notification(
            kind=Notification.Kind.SUPERVISOR_DIGEST,
            recipient_id=supervisor_id,
            dedupe_key=f"supervisor_digest:{department_id}:{supervisor_id}:{year}-W{week:02d}",
            context={
                "department": digest["department"],
                "overdue_count": digest["count"],
                "officers": digest["officers"],
                "more": digest["count"] - len(digest["officers"]),
                "escalate_after_days": settings.REPAIR_ESCALATE_AFTER_DAYS,
                "url": TEAM_URL,
            },
        )


def team_enrollments(*, user) -> QuerySet[Enrollment]:
    """The enrollments (in their department) of the active officers this user supervises."""
    return (
        Enrollment.objects.filter(withdrawn_at__isnull=True)
        .filter(_supervised("officer_id", "department_id", supervisor_id=user.pk))
        .select_related("officer", "curriculum", "department", "certificate")
        .order_by("officer__last_name", "officer__first_name", "officer_id", "curriculum__title")
    )
