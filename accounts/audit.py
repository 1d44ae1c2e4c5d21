"""The tamper-evident audit trail: append-only rows chained by SHA-256."""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from accounts.models import AuditEvent, Department

GENESIS_HASH = "0" * 64
# Serializes appends on PostgreSQL so two writers never chain onto the same previous row.
_ADVISORY_LOCK_KEY = 0x5245504149  # "REPAI"


def audit_event_hash(*, event: AuditEvent) -> str:
    content = {
        "occurred_at": event.occurred_at.isoformat(),
        "actor_id": event.actor_id,
        "actor_email": event.actor_email,
        "action": event.action,
        "object_type": event.object_type,
        "object_id": event.object_id,
        "department_id": event.department_id,
        "client_ip": event.client_ip,
        "data": event.data,
        "prev_hash": event.prev_hash,
    }
    encoded = json.dumps(content, sort_keys=True, separators=(",", ":"), default=str)
    return hashlib.sha256(encoded.encode()).hexdigest()


def _lock_chain() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_ADVISORY_LOCK_KEY])


def audit_record(
    *,
    action: str,
    actor=None,
    obj: Any = None,
    department: Department | None = None,
    client_ip: str | None = None,
    data: dict | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction when there is one."""
    with transaction.atomic():
        _lock_chain()
        previous = AuditEvent.objects.order_by("-id").values_list("hash", flat=True).first()
        is_user = actor is not None and getattr(actor, "is_authenticated", False)
        event = AuditEvent(
            occurred_at=timezone.now(),
            actor=actor if is_user else None,
            actor_email=actor.email if is_user else "",
            action=action,
            object_type=obj._meta.label_lower if obj is not None else "",
            object_id=str(obj.pk) if obj is not None else "",
            department=department,
            client_ip=client_ip,
            data=data or {},
            prev_hash=previous or GENESIS_HASH,
        )
        event.hash = audit_event_hash(event=event)
        event.save(force_insert=True)
    return event


def audit_chain_first_broken() -> AuditEvent | None:
    """The first event whose hash or link does not match, or None when the chain is whole."""
    expected_prev = GENESIS_HASH
    for event in AuditEvent.objects.order_by("id").iterator(chunk_size=2000):
        if event.prev_hash != expected_prev or audit_event_hash(event=event) != event.hash:
            return event
        expected_prev = event.hash
    return None
