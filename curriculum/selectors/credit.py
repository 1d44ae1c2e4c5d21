"""Credit hours from the record.

A version's credit hours are what its content supports (its lessons' estimated minutes and its
assessment items, `curriculum.content`), or an override that staff justified in the change note
when publishing (`curriculum.services.versions.version_publish`). An officer's certificate adds
the time they spent in the cohort's live sessions: `attended_session_minutes` is the one place
that reads it.
"""

from __future__ import annotations

from decimal import Decimal

from curriculum.content import minutes_to_hours
from curriculum.models import Enrollment


def attended_session_minutes(*, enrollment: Enrollment) -> int:
    """Minutes of facilitated live sessions the officer attended in this enrollment's cohort.

    Hook for live sessions (issue 17): none are recorded yet, so none count. Once `LiveSession`
    and `Attendance` exist, sum the attended minutes of the enrollment's cohort sessions here;
    certificates, the record and its PDF all read credit hours through
    `enrollment_credit_hours`.
    """
    return 0


def enrollment_credit_hours(*, enrollment: Enrollment) -> Decimal:
    """What a completed enrollment earns: its version's hours and its attended session time."""
    version_hours = enrollment.version.credit_hours or Decimal(0)
    return version_hours + minutes_to_hours(attended_session_minutes(enrollment=enrollment))
