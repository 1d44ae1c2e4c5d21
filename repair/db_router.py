"""Reads that may come from a read replica (docs/scaling.md).

With DATABASE_REPLICA_URL set, the settings add a "replica" database; the code that reads a lot
and may lag a little behind (the partner aggregates and dashboard, which show a stored monthly
report) runs its reads inside `replica_reads()`. Everything else, and every write, uses the
primary ("default"). Without a replica the context changes nothing.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextvars import ContextVar

from django.conf import settings

REPLICA = "replica"
_replica_reads: ContextVar[bool] = ContextVar("repair_replica_reads", default=False)


@contextlib.contextmanager
def replica_reads() -> Iterator[None]:
    token = _replica_reads.set(True)
    try:
        yield
    finally:
        _replica_reads.reset(token)


def replica_reads_active() -> bool:
    return _replica_reads.get()


class ReplicaRouter:
    def db_for_read(self, model, **hints):
        if _replica_reads.get() and REPLICA in settings.DATABASES:
            return REPLICA
        return None

    def db_for_write(self, model, **hints):
        return None

    def allow_relation(self, obj1, obj2, **hints):
        # The replica holds the primary's rows: objects read from either may be related.
        if {obj1._state.db, obj2._state.db} <= {"default", REPLICA}:
            return True
        return None

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return False if db == REPLICA else None
