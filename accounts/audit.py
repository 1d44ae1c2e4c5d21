"""The tamper-evident audit trail: append-only rows chained by a keyed MAC, with checkpoints.

Each row's `hash` is HMAC-SHA256, under REPAIR_AUDIT_KEY (the environment, never the
database), of its content and the previous row's hash: whoever holds the database but not the
key cannot rewrite a row and re-chain the rows after it. PostgreSQL refuses UPDATE, DELETE
and TRUNCATE (a trigger that fires even with `session_replication_role = replica`), and the
application's role does not own the table, so it cannot disable the trigger (docs/operations.md).
What the chain alone cannot show, rows cut off its end or all of them, the checkpoints show:
the head's hash and the count, written daily to the log and to an append-only file outside the
database (`audit_checkpoint_write`), checked by `audit_verify --checkpoints FILE`.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

from accounts.models import AuditEvent, Department

GENESIS_HASH = "0" * 64
# Serializes appends on PostgreSQL so two writers never chain onto the same previous row.
_ADVISORY_LOCK_KEY = 0x5245504149  # "REPAI"


logger = logging.getLogger("repair.audit")


def _audit_content(event) -> bytes:
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
    return json.dumps(content, sort_keys=True, separators=(",", ":"), default=str).encode()


def audit_event_hash(*, event: AuditEvent, key: str | None = None) -> str:
    """HMAC-SHA256 of the event's content and its link, under the audit key."""
    secret = (key if key is not None else settings.REPAIR_AUDIT_KEY).encode()
    return hmac.new(secret, _audit_content(event), hashlib.sha256).hexdigest()


def audit_event_hash_unkeyed(*, event) -> str:
    """The chain's first scheme (plain SHA-256), for re-keying a chain made before the key."""
    return hashlib.sha256(_audit_content(event)).hexdigest()


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
        expected = audit_event_hash(event=event)
        if event.prev_hash != expected_prev or not hmac.compare_digest(expected, event.hash):
            return event
        expected_prev = event.hash
    return None


# Checkpoints: the head of the chain, kept outside the database --------------------------------


def audit_checkpoint() -> dict:
    """The chain's head now: its id and hash, and how many events there are up to it."""
    head = AuditEvent.objects.order_by("-id").values("id", "hash").first()
    return {
        "at": timezone.now().isoformat(),
        "count": AuditEvent.objects.count(),
        "head_id": head["id"] if head else None,
        "head_hash": head["hash"] if head else GENESIS_HASH,
    }


def audit_checkpoint_write(*, path: str | Path | None = None) -> dict:
    """Append the checkpoint to the file (one JSON line) and to the log."""
    checkpoint = audit_checkpoint()
    target = Path(path or settings.REPAIR_AUDIT_CHECKPOINT_FILE)
    target.parent.mkdir(parents=True, exist_ok=True)
    with target.open("a", encoding="utf-8") as file:
        file.write(json.dumps(checkpoint, sort_keys=True) + "\n")
    logger.info(
        "audit checkpoint: %s events, head %s %s",
        checkpoint["count"],
        checkpoint["head_id"],
        checkpoint["head_hash"],
        extra={"event": "audit.checkpoint"},
    )
    return checkpoint


def audit_checkpoints_problems(*, lines: list[str]) -> list[str]:
    """What the published checkpoints show that the chain lost: a checkpointed head that is
    gone or differs (rows cut off the end, or the chain rewritten), or fewer events up to it
    than there were (rows removed and the chain re-linked)."""
    problems = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            checkpoint = json.loads(line)
            count, head_id, head_hash = (
                int(checkpoint["count"]),
                checkpoint["head_id"],
                str(checkpoint["head_hash"]),
            )
        except (ValueError, KeyError, TypeError):
            problems.append(f"checkpoint line {number} cannot be read")
            continue
        if head_id is None:
            continue
        head = AuditEvent.objects.filter(pk=head_id).values_list("hash", flat=True).first()
        if head is None or not hmac.compare_digest(head, head_hash):
            problems.append(
                f"checkpoint line {number} ({checkpoint.get('at')}): head event {head_id} "
                f"{'is missing' if head is None else 'differs'}"
            )
            continue
        now = AuditEvent.objects.filter(pk__lte=head_id).count()
        if now != count:
            problems.append(
                f"checkpoint line {number} ({checkpoint.get('at')}): {count} events up to "
                f"{head_id} then, {now} now"
            )
    return problems
