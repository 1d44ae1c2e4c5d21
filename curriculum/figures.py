"""A shared cache of department figures (the summary, the completions series, roster pages).

Dashboards and the departments' own tools poll these figures far more often than they change.
Each department has a version token in the cache; a cached figure is stored under the tokens of
the departments it covers (and the date in every department zone, since "overdue" moves with
it), so a change is seen at once: every write that changes what the figures count calls
`figures_changed` (after the commit), which drops the department's token and so every entry
made under it. Signals cover saved and deleted enrollments, memberships and user names; the
services' bulk writes call it themselves. Entries expire after REPAIR_FIGURES_CACHE_SECONDS whatever happens.

Only with a cache shared by every web process (Redis): with the local-memory cache a token
dropped in one process would live on in the others. REPAIR_FIGURES_CACHE_SECONDS is 0 (off)
unless REDIS_URL is set. Scope is checked before the cache is read, and every key holds the
departments it covers: a cached figure is only ever served to someone who may see it.
"""

from __future__ import annotations

import contextlib
import hashlib
import secrets
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from redis.exceptions import RedisError

from repair import clock

_VERSION = "figures:version:{}"
_VERSION_SECONDS = 24 * 60 * 60


def _enabled() -> bool:
    return settings.REPAIR_FIGURES_CACHE_SECONDS > 0


def figures_cached(
    *, kind: str, department_ids: Iterable[int], parts: Iterable[Any], compute: Callable[[], Any]
) -> Any:
    """`compute()`, or what it returned for the same departments, parts and data.

    A hit costs one cache round trip: the departments' version tokens and the entry, read
    together; the entry holds the tokens it was computed under and counts only if they match.
    """
    if not _enabled():
        return compute()
    department_ids = sorted(set(department_ids))
    version_keys = [_VERSION.format(pk) for pk in department_ids]
    material = repr((kind, department_ids, _calendar(), tuple(parts)))
    key = "figures:" + hashlib.sha256(material.encode()).hexdigest()
    try:
        found = cache.get_many([*version_keys, key])
    except RedisError:  # a cache outage costs the computation, nothing else
        return compute()
    versions = [found.get(version_key) for version_key in version_keys]
    entry = found.get(key)
    if entry is not None and None not in versions and entry[0] == versions:
        return entry[1]
    with contextlib.suppress(RedisError):
        for index, version_key in enumerate(version_keys):
            if versions[index] is None:
                # add: when two requests race, the first token stays and the other's entry
                # simply does not match it.
                cache.add(version_key, secrets.token_hex(8), _VERSION_SECONDS)
                versions[index] = cache.get(version_key)
    value = compute()
    if None not in versions:
        with contextlib.suppress(RedisError):
            cache.set(key, (versions, value), settings.REPAIR_FIGURES_CACHE_SECONDS)
    return value


def _calendar() -> tuple[tuple[str, str], ...]:
    """What "today" is in every department zone: an entry made before any zone's midnight is
    not served after it ("overdue" moves with the department's date)."""
    return tuple(
        (name, day.isoformat())
        for day, names in sorted(clock.zones_by_date().items())
        for name in names
    )


def figures_changed(department_ids: Iterable[int]) -> None:
    """The figures of these departments changed: drop their cached figures after the commit."""
    if not _enabled():
        return
    keys = [_VERSION.format(pk) for pk in set(department_ids) if pk is not None]
    if not keys:
        return

    def drop() -> None:
        with contextlib.suppress(RedisError):
            cache.delete_many(keys)

    transaction.on_commit(drop)
