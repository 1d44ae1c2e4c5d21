"""The one clock: what day it is for a department, and on which day an instant fell.

Instants are stored in UTC. Every date the portal decides or shows (module release, due and
overdue, reminder windows, nudges, completion dates, exports, partner periods) is a local date
in the time zone of the department it concerns, through the functions below; a user or a task
without a department uses the site's zone (REPAIR_SITE_TIMEZONE).

`department` arguments take anything with a `timezone` attribute (a `Department`), a zone name,
or None (the site's zone). Nothing here reads the database.

Queries over several departments cannot use one "today": at any instant the zones a department
may use fall on at most two calendar dates, so `by_local_date` builds one condition per date
(`timezone IN (...) AND <condition for that date>`), and a query stays one statement.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections import defaultdict
from collections.abc import Callable
from functools import cache

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The zones a department may use (Department.timezone's choices): the 50 states, DC and
# Puerto Rico. Ordered east to west.
TIME_ZONES: list[tuple[str, str]] = [
    ("America/Puerto_Rico", _("Atlantic (Puerto Rico)")),
    ("America/New_York", _("Eastern")),
    ("America/Detroit", _("Eastern (Michigan)")),
    ("America/Indiana/Indianapolis", _("Eastern (Indiana)")),
    ("America/Kentucky/Louisville", _("Eastern (Kentucky)")),
    ("America/Chicago", _("Central")),
    ("America/Indiana/Knox", _("Central (Indiana)")),
    ("America/Denver", _("Mountain")),
    ("America/Boise", _("Mountain (Idaho)")),
    ("America/Phoenix", _("Mountain, no daylight saving (Arizona)")),
    ("America/Los_Angeles", _("Pacific")),
    ("America/Anchorage", _("Alaska")),
    ("America/Adak", _("Hawaii-Aleutian (Aleutian Islands)")),
    ("Pacific/Honolulu", _("Hawaii")),
]
ZONE_NAMES: tuple[str, ...] = tuple(name for name, _label in TIME_ZONES)
# A month has closed everywhere once it has closed here (the westernmost zone, UTC-10 all year):
# partner periods and reports follow this zone so that every department's month is complete.
LAST_ZONE_NAME = "Pacific/Honolulu"


@cache
def _zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def site_zone() -> zoneinfo.ZoneInfo:
    return _zone(settings.REPAIR_SITE_TIMEZONE)


def zone(department=None) -> zoneinfo.ZoneInfo:
    """The zone of a department (or of a zone name); the site's for None or an unknown name."""
    name = department if isinstance(department, str) or department is None else None
    if name is None:
        name = getattr(department, "timezone", None)
    if not name:
        return site_zone()
    try:
        return _zone(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return site_zone()


def now() -> dt.datetime:
    """The current instant (aware, UTC)."""
    return timezone.now()


def today(department=None, *, at: dt.datetime | None = None) -> dt.date:
    """The department's calendar date now (or at the instant `at`)."""
    return (at or now()).astimezone(zone(department)).date()


def local_date(instant: dt.datetime | None, department=None) -> dt.date | None:
    """The department's calendar date on which the instant fell."""
    if instant is None:
        return None
    return instant.astimezone(zone(department)).date()


def local_datetime(instant: dt.datetime | None, department=None) -> dt.datetime | None:
    """The instant on the department's wall clock (for display)."""
    if instant is None:
        return None
    return instant.astimezone(zone(department))


def day_start(day: dt.date, department=None) -> dt.datetime:
    """The first instant of the department's calendar day (its local midnight), in UTC."""
    local = dt.datetime.combine(day, dt.time.min, tzinfo=zone(department))
    return local.astimezone(dt.UTC)


def days_bounds(first: dt.date, last: dt.date, department=None) -> tuple[dt.datetime, dt.datetime]:
    """Instants [start, end) covering the department's calendar days first..last."""
    return day_start(first, department), day_start(last + dt.timedelta(days=1), department)


def zone_label(department=None) -> str:
    """The zone's name as people read it on a record, e.g. "Central (America/Chicago)"."""
    name = str(zone(department))
    labels = dict(TIME_ZONES)
    return f"{labels[name]} ({name})" if name in labels else name


# --- queries over several departments ---------------------------------------------------------


def zones_by_date(*, at: dt.datetime | None = None) -> dict[dt.date, list[str]]:
    """The department zones grouped by their calendar date at the instant (at most two dates)."""
    at = at or now()
    groups: dict[dt.date, list[str]] = defaultdict(list)
    for name in ZONE_NAMES:
        groups[today(name, at=at)].append(name)
    return dict(groups)


def by_local_date(
    condition: Callable[[dt.date], Q], *, zone_field: str, at: dt.datetime | None = None
) -> Q:
    """`condition(today)` where "today" is each row's department's date.

    `zone_field` is the lookup of the department's time zone (e.g. "department__timezone").
    A zone outside the list (not creatable through the forms) counts as the site's.
    """
    at = at or now()
    combined = Q()
    for day, names in zones_by_date(at=at).items():
        combined |= Q(**{f"{zone_field}__in": names}) & condition(day)
    site_day = today(None, at=at)
    return combined | (~Q(**{f"{zone_field}__in": ZONE_NAMES}) & condition(site_day))


def by_day_end(day: dt.date, condition: Callable[[dt.datetime], Q], *, zone_field: str) -> Q:
    """`condition(end)` where `end` is the instant the department's calendar day `day` ends
    (its next local midnight), for each row's department: "by the end of the 31st" means
    03:59:59 UTC in New York and 09:59:59 UTC in Honolulu."""
    following = day + dt.timedelta(days=1)
    groups: dict[dt.datetime, list[str]] = defaultdict(list)
    for name in ZONE_NAMES:
        groups[day_start(following, name)].append(name)
    combined = Q()
    for end, names in groups.items():
        combined |= Q(**{f"{zone_field}__in": names}) & condition(end)
    site_end = day_start(following, None)
    return combined | (~Q(**{f"{zone_field}__in": ZONE_NAMES}) & condition(site_end))


# --- partner periods ---------------------------------------------------------------------------


def last_zone() -> zoneinfo.ZoneInfo:
    return _zone(LAST_ZONE_NAME)


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    """The first and last day of the month of `day`."""
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def last_closed_month(*, at: dt.datetime | None = None) -> tuple[dt.date, dt.date]:
    """The last calendar month that has ended in every department's zone."""
    this_month = today(LAST_ZONE_NAME, at=at).replace(day=1)
    return month_bounds(this_month - dt.timedelta(days=1))


def period_closed(period_end: dt.date, *, at: dt.datetime | None = None) -> bool:
    """Whether the local day `period_end` has ended in every department's zone."""
    return period_end < today(LAST_ZONE_NAME, at=at)


# --- training cycles and validity -------------------------------------------------------------


def cycle_of(day: dt.date) -> str:
    """The training cycle a department date belongs to: its calendar year ("2027")."""
    return str(day.year)


def current_cycle(department=None, *, at: dt.datetime | None = None) -> str:
    """The department's training cycle now (the site's for None; model default for fixtures)."""
    return cycle_of(today(department, at=at))


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later; the 31st becomes the month's last day (Jan 31 + 1 = Feb 28)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    last = month_bounds(dt.date(year, month, 1))[1].day
    return dt.date(year, month, min(day.day, last))
