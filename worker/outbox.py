"""The notification outbox, importable by every app: queue a message exactly once.

A row's unique `dedupe_key` is what makes a message exactly-once: queueing the same key twice
is a no-op. Sending is the worker's job (claim, send, mark sent).
"""

from __future__ import annotations

from django.db import transaction

from worker.models import Notification


def notification_queue(
    *,
    kind: str,
    dedupe_key: str,
    recipient=None,
    to_email: str = "",
    context: dict | None = None,
) -> bool:
    """Queue one message; returns False when a message with this key already exists."""
    with transaction.atomic():
        created = Notification.objects.bulk_create(
            [
                Notification(
                    kind=kind,
                    dedupe_key=dedupe_key,
                    recipient=recipient,
                    to_email=to_email,
                    context=context or {},
                )
            ],
            ignore_conflicts=True,
        )
    return (
        bool(created)
        and Notification.objects.filter(
            dedupe_key=dedupe_key, status=Notification.Status.PENDING
        ).exists()
    )
