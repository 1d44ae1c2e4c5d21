"""Partner reporting periods, on top of the one clock (`repair.clock`).

A partner report covers a calendar month. For each department the month ends at local midnight
in the department's own zone: an enrollment assigned at 23:30 on 31 October in Honolulu is an
October enrollment, although it is 1 November in UTC. A month is *closed* once it has ended in
every zone a department can have, that is in the westernmost one, Hawaii (Pacific/Honolulu,
UTC-10 all year, `repair.clock.LAST_ZONE_NAME`; American Samoa, UTC-11, is not a zone a
department can be given). So every month has closed everywhere at 10:00 UTC on the 1st; the
beat builds the reports at 10:30 UTC, daily, and each run builds every month still missing,
oldest first (`repair.settings.CELERY_BEAT_SCHEDULE`).
"""

from __future__ import annotations

import datetime as dt

from repair import clock

# The beat's minute past the close (repair.settings): the dashboard says when to expect it.
BUILD_DELAY = dt.timedelta(minutes=30)


def month_before(day: dt.date) -> tuple[dt.date, dt.date]:
    return clock.month_bounds(day.replace(day=1) - dt.timedelta(days=1))


def month_after(day: dt.date) -> tuple[dt.date, dt.date]:
    return clock.month_bounds(clock.month_bounds(day)[1] + dt.timedelta(days=1))


def day_end(day: dt.date, department=None) -> dt.datetime:
    """The instant (UTC) at which `day` ends on the department's calendar."""
    return clock.day_start(day + dt.timedelta(days=1), department)


def last_closed_month(*, at: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    return clock.last_closed_month(at=at)


def is_closed(period_end: dt.date, *, at: dt.datetime | None = None) -> bool:
    return clock.period_closed(period_end, at=at)


def release_due_at(period_end: dt.date) -> dt.datetime:
    """When the report of the month ending `period_end` is built (UTC)."""
    return day_end(period_end, clock.LAST_ZONE_NAME) + BUILD_DELAY


def next_release(*, at: dt.datetime | None = None) -> tuple[dt.date, dt.date, dt.datetime]:
    """The month whose report comes next, and when it is due."""
    start, end = month_after(last_closed_month(at=at)[1])
    return start, end, release_due_at(end)


def months_between(first_end: dt.date, last_end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every month from the one ending `first_end` to the one ending `last_end`, in order."""
    months, period = [], clock.month_bounds(first_end)
    while period[1] <= last_end:
        months.append(period)
        period = month_after(period[1])
    return months
