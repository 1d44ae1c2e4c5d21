"""Sending the outbox: claim due rows in batches, send them over one kept SMTP connection, mark
them sent in bulk.

A claim marks up to BATCH_SIZE rows "sending" with one `claimed_at` (the claim's token) in one
short transaction (SELECT ... FOR UPDATE SKIP LOCKED where the database has it, and a
compare-and-set update everywhere), so two drains never take the same row. Each message the
SMTP server accepts is written to the sender's journal (worker.journal) before anything that can
fail; the batch is marked sent with one statement at its end. A sender killed mid-batch, or one
whose database connection was killed, leaves its journal: the next drain on the host marks what
it sent, gives back what it never attempted, and leaves only the message in flight claimed.
Once a claim is older than the task hard time limit (no live task can still hold it) it is
claimed again. So the message in flight may go out twice and none is lost. Transient SMTP errors
put the row back with exponential backoff; after MAX_ATTEMPTS it is marked failed.
"""

from __future__ import annotations

import contextlib
import os
import smtplib
import time
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.db import connection as db_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from worker.channels import DeliveryRefused, DeliveryRetry, channel_for
from worker.emails import (
    EmailTemplates,
    notification_address,
    notification_email,
    notification_wire,
)
from worker.journal import Journal, journal_discard, journal_parse, journal_read, journals_abandoned
from worker.models import Notification

MAX_ATTEMPTS = 6
# Rows a drain claims at once: a claim and a bulk mark (four statements) per batch.
BATCH_SIZE = 100
BACKOFF_BASE_SECONDS = 60
BACKOFF_MAX_SECONDS = 60 * 60
# Transient: the message may go through later. Only these are retried.
TRANSIENT_SEND_ERRORS = (smtplib.SMTPException, ConnectionError, TimeoutError)
# Refusals of one message on a working connection; anything else stops the drain so one SMTP
# outage does not use up the attempts of every pending row.
MESSAGE_REFUSALS = (smtplib.SMTPRecipientsRefused, smtplib.SMTPSenderRefused, smtplib.SMTPDataError)

SENT, RETRY, FAILED, STOP = "sent", "retry", "failed", "stop"
# Render the batch in a thread while this one waits on the SMTP server (False: inline, for A/B).
RENDER_IN_THREAD = True


@dataclass
class DrainResult:
    sent: int = 0
    retried: int = 0
    failed: int = 0
    finished: bool = False  # nothing due is left
    stopped: bool = False  # the SMTP server is unreachable: wait for the next drain
    outcomes: list[str] = field(default_factory=list, repr=False)


def claim_timeout() -> timedelta:
    return timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)


def retry_delay(attempts: int) -> timedelta:
    """60 s after the first failed attempt, then doubling, at most an hour."""
    return timedelta(seconds=min(BACKOFF_BASE_SECONDS * 2 ** (attempts - 1), BACKOFF_MAX_SECONDS))


def _claimable(now: datetime) -> Q:
    pending = Q(status=Notification.Status.PENDING, next_attempt_at__lte=now)
    stale = Q(status=Notification.Status.SENDING, claimed_at__lt=now - claim_timeout())
    return (pending | stale) & Q(attempts__lt=MAX_ATTEMPTS)


def notifications_claim(
    *, limit: int = BATCH_SIZE, notification_id: int | None = None
) -> tuple[datetime, list[Notification]]:
    """Claim up to `limit` due rows in one short transaction; returns the claim's token (its
    `claimed_at`) and the rows with their recipients, in sending order."""
    now = timezone.now()
    with transaction.atomic():
        candidates = Notification.objects.filter(_claimable(now)).order_by("next_attempt_at", "id")
        if notification_id is not None:
            candidates = candidates.filter(pk=notification_id)
        if db_connection.features.has_select_for_update_skip_locked:
            candidates = candidates.select_for_update(skip_locked=True)
        ids = list(candidates.values_list("pk", flat=True)[:limit])
        if not ids:
            return now, []
        # Compare-and-set: where the database cannot lock rows, a row another drain claimed
        # since it was read is no longer claimable and is left out.
        Notification.objects.filter(_claimable(now), pk__in=ids).update(
            status=Notification.Status.SENDING, claimed_at=now, attempts=F("attempts") + 1
        )
    # The recipient comes with the claim: sending reads its address, language and state.
    rows = list(
        Notification.objects.select_related("recipient")
        .filter(pk__in=ids, status=Notification.Status.SENDING, claimed_at=now)
        .order_by("next_attempt_at", "id")
    )
    return now, rows


def notification_claim(*, notification_id: int | None = None) -> Notification | None:
    """Claim one due row (the oldest, or that one); None when there is none to claim."""
    _, rows = notifications_claim(limit=1, notification_id=notification_id)
    return rows[0] if rows else None


@dataclass(frozen=True)
class Rendered:
    message: EmailMultiAlternatives | None
    # (from, recipients, bytes) as Django's SMTP backend would send them; None for others.
    wire: tuple[str, list[str], bytes] | None


def _render(notification: Notification, connection, templates: EmailTemplates) -> Rendered:
    """For the SMTP backend, the bytes on the wire (worker.emails.notification_wire: what the
    backend's `_send` would compute); for other backends, the message."""
    if isinstance(connection, SmtpBackend):
        return Rendered(None, notification_wire(notification, templates=templates))
    return Rendered(
        notification_email(notification, connection=connection, templates=templates), None
    )


def notification_deliver(
    notification: Notification,
    *,
    connection,
    rendered: Future | None = None,
    templates: EmailTemplates | None = None,
) -> str:
    """Send one claimed row: SENT (the caller records it), or RETRY, FAILED or STOP (recorded
    here, one statement each). `rendered`: its message, being rendered in the background."""
    channel = channel_for(notification.kind)
    if channel is not None:
        return _deliver_through(channel, notification)
    if notification.recipient_id is not None and not notification.recipient.is_active:
        _finish(notification, status=Notification.Status.FAILED, error="Recipient is inactive.")
        return FAILED
    if not notification_address(notification):
        _finish(notification, status=Notification.Status.FAILED, error="No email address.")
        return FAILED
    prepared = (
        rendered.result()
        if rendered is not None
        else _render(notification, connection, templates or EmailTemplates())
    )
    try:
        # Opened once and kept: Django's backend opens and closes a connection around every
        # message it was not already holding open. open() is a no-op on an open connection.
        connection.open()
        if prepared.wire is not None:
            connection.connection.sendmail(*prepared.wire)
        else:
            prepared.message.send()
    except TRANSIENT_SEND_ERRORS as exc:
        _close_quietly(connection)
        outcome = _retry_later(notification, error=exc)
        return outcome if isinstance(exc, MESSAGE_REFUSALS) else STOP
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
    return SENT


def notification_send(*, notification_id: int) -> str | None:
    """Send one row now if it is still due; None when another sender has it or it is done."""
    result = _drain(time_budget=None, notification_id=notification_id)
    return result.outcomes[0] if result.outcomes else None


def notification_drain(*, time_budget: float) -> DrainResult:
    """Send due rows, a batch at a time, until none is left or `time_budget` seconds passed."""
    return _drain(time_budget=time_budget)


def _drain(*, time_budget: float | None, notification_id: int | None = None) -> DrainResult:
    journals_recover()
    _abandon_exhausted()
    deadline = None if time_budget is None else time.monotonic() + time_budget
    result = DrainResult()
    connection = get_connection()
    journal = Journal()
    templates = EmailTemplates()
    renderer = (
        ThreadPoolExecutor(max_workers=1, thread_name_prefix="render") if RENDER_IN_THREAD else None
    )
    try:
        while deadline is None or time.monotonic() < deadline:
            token, batch = notifications_claim(notification_id=notification_id)
            if not batch:
                result.finished = True
                break
            journal.claim(token, [n.pk for n in batch])
            _send_batch(
                batch,
                token,
                connection=connection,
                journal=journal,
                result=result,
                deadline=deadline,
                renderer=renderer,
                templates=templates,
            )
            if result.stopped or notification_id is not None:
                break
    finally:
        # Kept, and left for journals_recover(), when a database error cut a batch short.
        if renderer is not None:
            renderer.shutdown(cancel_futures=True)
        journal.close()
        _close_quietly(connection)
    return result


def _send_batch(
    batch, token, *, connection, journal, result, deadline, renderer, templates
) -> None:
    sent: list[int] = []
    left: list[int] = []
    # Rendering (templates, MIME) runs in a thread while this one waits on the SMTP server.
    rendered = (
        {
            n.pk: renderer.submit(_render, n, connection, templates)
            for n in batch
            if channel_for(n.kind) is None
        }
        if renderer is not None
        else {}
    )
    for position, notification in enumerate(batch):
        if deadline is not None and time.monotonic() >= deadline:
            left = [n.pk for n in batch[position:]]
            break
        outcome = notification_deliver(
            notification,
            connection=connection,
            rendered=rendered.get(notification.pk),
            templates=templates,
        )
        result.outcomes.append(outcome)
        if outcome == SENT:
            # Recorded before anything that can fail: the database is written once per batch.
            journal.sent(notification.pk)
            sent.append(notification.pk)
            result.sent += 1
            continue
        journal.done(notification.pk)
        if outcome == FAILED:
            result.failed += 1
        else:
            result.retried += 1
        if outcome == STOP:
            result.stopped = True
            left = [n.pk for n in batch[position + 1 :]]
            break
    _mark_sent(sent, token)
    _release(left, token)
    journal.settled()


def _mark_sent(ids: list[int], token: datetime) -> None:
    if ids:
        # Only the holder of this claim may record its outcome.
        Notification.objects.filter(
            pk__in=ids, status=Notification.Status.SENDING, claimed_at=token
        ).update(status=Notification.Status.SENT, sent_at=timezone.now(), last_error="")


def _release(ids: list[int], token: datetime) -> None:
    """Give back claimed rows that were never attempted, without using up an attempt."""
    if ids:
        Notification.objects.filter(
            pk__in=ids, status=Notification.Status.SENDING, claimed_at=token
        ).update(status=Notification.Status.PENDING, attempts=F("attempts") - 1)


def journals_recover() -> int:
    """Settle the journals of senders on this host that are gone; returns the rows marked sent.

    The row a sender was on when it stopped stays claimed: the stale-claim rule sends it again
    after the task time limit (it may have been accepted: the one message that may repeat).
    """
    marked = 0
    taken = journals_abandoned()
    try:
        while taken:
            fd, path = taken[0]
            for claim in journal_parse(journal_read(fd)):
                _mark_sent(claim.sent, claim.token)
                _release(claim.untouched, claim.token)
                marked += len(claim.sent)
            journal_discard(fd, path)
            taken.pop(0)
    finally:
        for fd, _ in taken:
            os.close(fd)
    return marked


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
