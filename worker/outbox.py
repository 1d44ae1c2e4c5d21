"""The notification outbox, importable by every app: queue a message exactly once.

A row's unique `dedupe_key` is what makes a message exactly-once: queueing the same key twice
is a no-op. Once the surrounding transaction commits, a send task is published; when Redis is
down the publish gives up within about a second and the row simply waits, pending, for the
next drain (beat runs one every minute). A rolled-back transaction publishes nothing.

`context["url"]` may be a site path ("/learn/"); emails make it absolute with SITE_URL.
Sending is `worker.sending` (claim, send, mark sent).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from itertools import islice

from django.db import IntegrityError, transaction

from worker.models import Notification

logger = logging.getLogger(__name__)

BULK_BATCH_SIZE = 1000


def notification_queue(
    *,
    kind: str,
    dedupe_key: str,
    recipient=None,
    to_email: str = "",
    context: dict | None = None,
) -> bool:
    """Queue one message; True only when this call inserted it (False: the key exists)."""
    notification = Notification(
        kind=kind,
        dedupe_key=dedupe_key,
        recipient=recipient,
        to_email=to_email,
        context=context or {},
    )
    try:
        with transaction.atomic():
            notification.save(force_insert=True)
    except IntegrityError:
        if Notification.objects.filter(dedupe_key=dedupe_key).exists():
            return False
        raise
    # A lambda, not functools.partial: robust on_commit logs failures by __qualname__.
    transaction.on_commit(
        lambda: notification_publish(notification_id=notification.pk), robust=True
    )
    return True


def notification_queue_bulk(
    rows: Iterable[Notification], *, batch_size: int = BULK_BATCH_SIZE
) -> int:
    """Insert unsaved rows, skipping existing keys, one INSERT per batch; returns rows offered.

    Publishes one drain after commit when anything was offered.
    """
    offered = 0
    for batch in _batched(rows, batch_size):
        Notification.objects.bulk_create(batch, ignore_conflicts=True)
        offered += len(batch)
    if offered:
        transaction.on_commit(notification_publish, robust=True)
    return offered


def notification_publish(*, notification_id: int | None = None) -> bool:
    """Ask a worker to send one notification, or to drain every due one.

    Returns False when the broker is unreachable: the row stays pending for the next drain.
    The publishing lives with the tasks (`worker.tasks.notifications.publish`), which do not
    import this module: the dependency goes one way.
    """
    from worker.tasks.notifications import publish

    return publish(notification_id=notification_id)


def _batched(rows: Iterable[Notification], size: int) -> Iterator[list[Notification]]:
    iterator = iter(rows)
    while batch := list(islice(iterator, size)):
        yield batch
