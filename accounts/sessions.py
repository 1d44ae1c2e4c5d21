"""The session engine (SESSION_ENGINE): database sessions, each row holding the id of its
signed-in user, so every session of a user can be ended at once (separation, deactivation,
password change) whatever its key became after sign-in (Django rotates the key on sign-in and
on password change).

With Redis (`REPAIR_SESSION_CACHE`, on when REDIS_URL is set) sessions are read from the cache
and written through to the database, like Django's `cached_db`: a signed-in request reads its
session in one Redis round trip instead of a PostgreSQL statement. The database stays the
record (the user column, ending a user's sessions); the cache only ever holds copies.

An ended session must not live on in the cache. Ending one (sign-out, `sessions_end_for_user`)
writes a tombstone for its key before the row goes, and a read looks at the copy and the
tombstone together (one round trip): a copy written back afterwards by a request that read the
row just before it was deleted is never served. A local-memory cache is not shared between
gunicorn's processes, so without Redis the engine is plain database sessions.

A Redis outage is a 503 for signed-in requests (repair.outage), never a fallback to the
database: a sign-out or a revocation made while Redis is away could not reach the copies it
holds, and they would be served again once it is back. Requests without a session cookie never
read a session and are unaffected.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore
from django.core.cache import caches
from django.db import transaction

COPY_PREFIX = "session:"
ENDED_PREFIX = "session-ended:"
ENDED = "ended"


def session_cache_enabled() -> bool:
    return bool(getattr(settings, "REPAIR_SESSION_CACHE", False))


def _cache():
    return caches[settings.SESSION_CACHE_ALIAS]


def _tombstones_write(session_keys: list[str]) -> None:
    """Mark these sessions ended in the cache and drop their copies. Raises when the cache is
    unreachable, so the caller's transaction (the rows' deletion) rolls back with it."""
    if not session_keys or not session_cache_enabled():
        return
    cache = _cache()
    # Longer than any copy can live (a copy lives at most the session's expiry age).
    cache.set_many(
        {ENDED_PREFIX + key: ENDED for key in session_keys}, timeout=settings.SESSION_COOKIE_AGE
    )
    cache.delete_many([COPY_PREFIX + key for key in session_keys])


def sessions_end_for_user(*, user_id: int, keep_session_key: str | None = None) -> int:
    """Delete every session row of the user (but `keep_session_key`) and their cached copies;
    returns how many ended. The keys are locked and read first, and exactly those rows go, so a
    session the cache was not told about is never deleted from the database alone."""
    from accounts.models import UserBoundSession

    with transaction.atomic():
        rows = UserBoundSession.objects.filter(user_id=user_id)
        if keep_session_key:
            rows = rows.exclude(session_key=keep_session_key)
        keys = list(rows.select_for_update().values_list("session_key", flat=True))
        if not keys:
            return 0
        _tombstones_write(keys)
        ended, _by_model = UserBoundSession.objects.filter(session_key__in=keys).delete()
    return ended


class SessionStore(DbSessionStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models import UserBoundSession

        return UserBoundSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        instance.user_id = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        return instance

    def load(self):
        if not session_cache_enabled():
            return super().load()
        key = self.session_key
        copy_key, ended_key = COPY_PREFIX + key, ENDED_PREFIX + key
        found = _cache().get_many([copy_key, ended_key])
        if ended_key in found:
            self._session_key = None
            return {}
        if copy_key in found:
            return found[copy_key]
        row = self._get_session_from_db()  # None, and the key forgotten, when there is no row
        if row is None:
            return {}
        data = self.decode(row.session_data)
        _cache().set(copy_key, data, self.get_expiry_age(expiry=row.expire_date))
        return data

    def exists(self, session_key):
        if session_key and session_cache_enabled():
            found = _cache().get_many([COPY_PREFIX + session_key, ENDED_PREFIX + session_key])
            if found:
                return True
        return super().exists(session_key)

    def save(self, must_create=False):
        if self.session_key is None:
            return self.create()  # saves again, with a new key and must_create
        super().save(must_create)
        if session_cache_enabled():
            _cache().set(COPY_PREFIX + self.session_key, self._session, self.get_expiry_age())

    def delete(self, session_key=None):
        if session_key is None:
            if self.session_key is None:
                return
            session_key = self.session_key
        _tombstones_write([session_key])
        super().delete(session_key)

    def flush(self):
        self.clear()
        self.delete(self.session_key)
        self._session_key = None
