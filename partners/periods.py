"""Partner reporting periods, decided in department-local time.

A partner report covers a calendar month. For each department the month ends at local midnight
in the department's time zone (`Department.timezone`): an enrollment assigned at 23:30 on
31 October in Honolulu is an October enrollment, although it is 1 November in UTC. A month is
*closed* once it has ended in every US zone, that is in the latest one: American Samoa
(Pacific/Pago_Pago, UTC-11 all year, no daylight saving). Hawaii (UTC-10) closes an hour
earlier; choosing the territory keeps the rule right if a department there ever shares data.
The month has therefore closed everywhere at 11:00 UTC on the 1st, and the beat builds the
reports at 11:15 UTC (`repair.settings.CELERY_BEAT_SCHEDULE`); it runs daily, so a missed build
is made the next day, in order.
"""

from __future__ import annotations

import calendar
import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.utils import timezone

LATEST_US_ZONE = ZoneInfo("Pacific/Pago_Pago")
# The beat's minute past the close (see the schedule): the dashboard says when to expect it.
BUILD_DELAY = dt.timedelta(minutes=15)
SITE_ZONE = "America/New_York"


def zone(name: str | None) -> ZoneInfo:
    """A department's zone; an unknown name falls back to the site's (never to UTC)."""
    try:
        return ZoneInfo(name or SITE_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(SITE_ZONE)


def month_of(day: dt.date) -> tuple[dt.date, dt.date]:
    last = calendar.monthrange(day.year, day.month)[1]
    return day.replace(day=1), day.replace(day=last)


def month_before(day: dt.date) -> tuple[dt.date, dt.date]:
    return month_of(day.replace(day=1) - dt.timedelta(days=1))


def month_after(day: dt.date) -> tuple[dt.date, dt.date]:
    return month_of(month_of(day)[1] + dt.timedelta(days=1))


def day_end(day: dt.date, zone_name: str | ZoneInfo | None) -> dt.datetime:
    """The instant (UTC) at which `day` ends in the zone: the next local midnight."""
    tz = zone_name if isinstance(zone_name, ZoneInfo) else zone(zone_name)
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=tz).astimezone(
        dt.UTC
    )


def last_closed_month(*, now: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    """The latest month that has ended in every US zone."""
    today_everywhere = (now or timezone.now()).astimezone(LATEST_US_ZONE).date()
    return month_before(today_everywhere)


def is_closed(period_end: dt.date, *, now: dt.datetime | None = None) -> bool:
    return (now or timezone.now()) >= day_end(period_end, LATEST_US_ZONE)


def release_due_at(period_end: dt.date) -> dt.datetime:
    """When the report of the month ending `period_end` is built (UTC)."""
    return day_end(period_end, LATEST_US_ZONE) + BUILD_DELAY


def next_release(*, now: dt.datetime | None = None) -> tuple[dt.date, dt.date, dt.datetime]:
    """The month whose report comes next, and when it is due."""
    start, end = month_after(last_closed_month(now=now)[1])
    return start, end, release_due_at(end)


def months_between(first_end: dt.date, last_end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every month from the one ending `first_end` to the one ending `last_end`, in order."""
    months, period = [], month_of(first_end)
    while period[1] <= last_end:
        months.append(period)
        period = month_after(period[1])
    return months
