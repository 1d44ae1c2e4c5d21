"""Credit hours from the record.

A version's credit hours are what its content supports (its lessons' estimated minutes and its
assessment items, `curriculum.content`), or an override that staff justified in the change note
when publishing (`curriculum.services.versions.version_publish`). An officer's certificate adds
the time they spent in the cohort's live sessions: `attended_session_minutes` is the one place
that reads it.
"""

from __future__ import annotations

from decimal import Decimal

from django.db.models import IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from curriculum.content import minutes_to_hours
from curriculum.models import Attendance, Enrollment


def attended_session_minutes(*, enrollment: Enrollment) -> int:
    """Minutes of facilitated live sessions the officer attended in this enrollment's cohort
    (present or late; a cancelled session counts nothing). Certificates, the record and its
    PDF all read credit hours through `enrollment_credit_hours`."""
    if enrollment.cohort_id is None:
        return 0
    total = Attendance.objects.filter(
        enrollment=enrollment,
        session__cohort_id=enrollment.cohort_id,
        session__cancelled_at__isnull=True,
    ).aggregate(minutes=Sum("minutes"))["minutes"]
    return total or 0


def enrollment_credit_hours(*, enrollment: Enrollment) -> Decimal:
    """What a completed enrollment earns: its version's hours and its attended session time."""
    version_hours = enrollment.version.credit_hours or Decimal(0)
    return version_hours + minutes_to_hours(attended_session_minutes(enrollment=enrollment))


def attended_minutes_subquery(enrollment_ref: str = "pk") -> Coalesce:
    """`attended_session_minutes` as an annotation on an Enrollment queryset (exports)."""
    minutes = (
        Attendance.objects.filter(
            enrollment_id=OuterRef(enrollment_ref),
            session__cohort_id=OuterRef("cohort_id"),
            session__cancelled_at__isnull=True,
        )
        .order_by()
        .values("enrollment_id")
        .annotate(total=Sum("minutes"))
        .values("total")
    )
    return Coalesce(Subquery(minutes, output_field=IntegerField()), 0)
