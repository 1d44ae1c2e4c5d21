"""The daily checkpoint of the audit chain (accounts.audit), outside the database."""

from __future__ import annotations

from celery import shared_task

from accounts.audit import audit_checkpoint_write


@shared_task(name="worker.audit_checkpoint")
def audit_checkpoint_task() -> None:
    # Idempotent enough: a repeated tick appends a second line with the same or a later head.
    audit_checkpoint_write()
