"""Sending the outbox: claim one due row at a time, send it, mark it sent.

A claim marks the row "sending" with `claimed_at` in its own short transaction (SELECT ... FOR
UPDATE SKIP LOCKED where the database has it, and a compare-and-set update everywhere), so two
drains never take the same row. A worker killed after the SMTP server accepted a message but
before the row was marked sent leaves it "sending"; once the claim is older than the task hard
time limit (no live task can still hold it) it is claimed again. So the message in flight may
go out twice and none is lost. Transient SMTP errors put the row back with exponential backoff;
after MAX_ATTEMPTS it is marked failed.
"""

from __future__ import annotations

import contextlib
import smtplib
import time
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from worker.channels import DeliveryRefused, DeliveryRetry, channel_for
from worker.emails import notification_address, notification_email
from worker.models import Notification

MAX_ATTEMPTS = 6
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 60 * 60
# Transient: the message may go through later. Only these are retried.
TRANSIENT_SEND_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
# Refusals of one message on a working connection; anything else stops the drain so one SMTP
# outage does not use up the attempts of every pending row.
MESSAGE_REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)

SENT, RETRY, FAILED, STOP = "sent", "retry", "failed", "stop"


@dataclass
class DrainResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    finished: bool = False  # nothing due is left
    stopped: bool = False  # the SMTP server is unreachable: wait for the next drain


def claim_timeout() -> timedelta:
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def retry_delay(attempts: int) -> timedelta:
    """60 s after the first failed attempt, then doubling, at most an hour."""
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_MAX_SECONDS))


def _claimable(now: datetime) -> Q:
    pending = Q(status=Notification.Status.PENDING, next_attempt_at__lte=now)
    stale = Q(status=Notification.Status.SENDING, claimed_at__lt=now - claim_timeout())
    return (pending | stale) & Q(attempts__lt=MAX_ATTEMPTS)


def notification_claim(*, notification_id: int | None = None) -> Notification | None:
    now = timezone.now()
    with transaction.atomic():
        # The recipient comes with the claim: sending reads its address, language and state.
        candidates = (
            Notification.objects.select_related("recipient")
            .filter(_claimable(now))
            .order_by("next_attempt_at", "id")
        )
        if notification_id is not None:
            candidates = candidates.filter(pk=notification_id)
        if db_connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True, of=("self",))
        notification = candidates.first()
        if notification is None:
            return None
        claimed = Notification.objects.filter(
            pk=notification.pk, status=notification.status, claimed_at=notification.claimed_at
        ).update(status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1)
    if not claimed:
        return None
    notification.status = Notification.Status.SENDING
    notification.claimed_at = now
    notification.attempts += 1
    return notification


def notification_deliver(notification: Notification, *, connection) -> str:
    """Send one claimed row and record the outcome: SENT, RETRY, FAILED or STOP."""
    channel = channel_for(notification.kind)
    if channel is not None:
        return _deliver_through(channel, notification)
    if notification.recipient_id is not None and not notification.recipient.is_active:
        _finish(notification, status=Notification.Status.FAILED, error="Recipient is inactive.")
        return FAILED
    if not notification_address(notification):
        _finish(notification, status=Notification.Status.FAILED, error="No email address.")
        return FAILED
    try:
        notification_email(notification, connection=connection).send()
    except TRANSIENT_SEND_ERRORS as exc:
        _close_quietly(connection)
        outcome = _retry_later(notification, error=exc)
        return outcome if isinstance(exc, MESSAGE_REFUSALS) else STOP
    _finish(notification, status=Notification.Status.SENT)
    return SENT


def _deliver_through(channel, notification: Notification) -> str:
    """A registered channel (worker.channels): its outage retries only its own rows."""
    try:
        channel(notification)
    except DeliveryRetry as exc:
        return _retry_later(notification, error=exc)
    except DeliveryRefused as exc:
        _finish(notification, status=Notification.Status.FAILED, error=repr(exc))
        return FAILED
    _finish(notification, status=Notification.Status.SENT)
    return SENT


def notification_send(*, notification_id: int) -> str | None:
    """Send one row now if it is still due; None when another sender has it or it is done."""
    notification = notification_claim(notification_id=notification_id)
    if notification is None:
        return None
    connection = get_connection()
    try:
        return notification_deliver(notification, connection=connection)
    finally:
        _close_quietly(connection)


def notification_drain(*, time_budget: float) -> DrainResult:
    """Send due rows one by one until none is left or `time_budget` seconds have passed."""
    _abandon_exhausted()
    deadline = time.monotonic() + time_budget
    result = DrainResult()
    connection = get_connection()
    try:
        while time.monotonic() < deadline:
            notification = notification_claim()
            if notification is None:
                result.finished = True
                break
            outcome = notification_deliver(notification, connection=connection)
            if outcome == SENT:
                result.sent += 1
            elif outcome == FAILED:
                result.failed += 1
            else:
                result.retried += 1
            if outcome == STOP:
                result.stopped = True
                break
    finally:
        _close_quietly(connection)
    return result


def _retry_later(notification: Notification, *, error: Exception) -> str:
    if notification.attempts >= MAX_ATTEMPTS:
        _finish(notification, status=Notification.Status.FAILED, error=repr(error))
        return FAILED
    _finish(
        notification,
        status=Notification.Status.PENDING,
        error=repr(error),
        next_attempt_at=timezone.now() + retry_delay(notification.attempts),
    )
    return RETRY


def _finish(notification: Notification, *, status: str, error: str = "", **fields) -> None:
    if status == Notification.Status.SENT:
        fields["sent_at"] = timezone.now()
    # Only the holder of this claim may record its outcome.
    Notification.objects.filter(
        pk=notification.pk,
        status=Notification.Status.SENDING,
        claimed_at=notification.claimed_at,
    ).update(status=status, last_error=error[:2000], **fields)


def _abandon_exhausted() -> None:
    """A row whose last allowed attempt was killed mid-send is not retried forever."""
    Notification.objects.filter(
        status=Notification.Status.SENDING,
        claimed_at__lt=timezone.now() - claim_timeout(),
        attempts__gte=MAX_ATTEMPTS,
    ).update(status=Notification.Status.FAILED, last_error="Abandoned after the last attempt.")


def _close_quietly(connection) -> None:
    with contextlib.suppress(*TRANSIENT_SEND_ERRORS):
        connection.close()
