"""The sender against a real SMTP server: claim, send, mark sent; backoff; stale claims."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.utils import timezone

from tests import factories
from tests.worker.conftest import free_port
from worker.models import Notification
from worker.sending import (
    MAX_ATTEMPTS,
    notification_claim,
    notification_drain,
    notification_send,
    retry_delay,
)

pytestmark = pytest.mark.django_db

CONTEXT = {"curriculum_title": "Dignity", "due_on": "2026-12-01", "url": "/learn/"}


def _pending(officer, key: str, **fields) -> Notification:
    return Notification.objects.create(
        kind=Notification.Kind.NUDGE, dedupe_key=key, recipient=officer, context=CONTEXT, **fields
    )


def _statuses() -> dict[str, tuple[str, int]]:
    return {n.dedupe_key: (n.status, n.attempts) for n in Notification.objects.all()}


def test_drain_sends_each_due_row_once_and_marks_it_sent(officer, smtp_settings):
    for key in ("a", "b", "c"):
        _pending(officer, key)

    first = notification_drain(time_budget=30)
    second = notification_drain(time_budget=30)

    assert (first.sent, first.finished, second.sent) == (3, True, 0)
    assert smtp_settings.received == {"a": 1, "b": 1, "c": 1}
    assert _statuses() == {"a": ("sent", 1), "b": ("sent", 1), "c": ("sent", 1)}
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
    assert smtp_settings.messages[0]["To"] == "officer@example.test"


def test_rows_not_yet_due_wait(officer, smtp_settings):
    _pending(officer, "later", next_attempt_at=timezone.now() + timedelta(minutes=5))

    result = notification_drain(time_budget=30)

    assert (result.sent, smtp_settings.total) == (0, 0)
    assert _statuses() == {"later": ("pending", 0)}


def test_refused_message_is_retried_with_exponential_backoff_then_sent_once(officer, smtp_settings):
    row = _pending(officer, "flaky")
    _pending(officer, "fine")
    smtp_settings.refuse_keys = {"flaky"}

    before = timezone.now()
    first = notification_drain(time_budget=30)
    row.refresh_from_db()

    assert (first.sent, first.retried, first.stopped) == (1, 1, False)
    assert (row.status, row.attempts) == ("pending", 1)
    assert "451" in row.last_error
    assert before + timedelta(seconds=60) <= row.next_attempt_at
    assert row.next_attempt_at <= timezone.now() + timedelta(seconds=60)

    # Due again only after the backoff: an immediate drain leaves it alone.
    assert notification_drain(time_budget=30).retried == 0
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    notification_drain(time_budget=30)
    row.refresh_from_db()
    assert (row.status, row.attempts) == ("pending", 2)
    assert row.next_attempt_at >= timezone.now() + timedelta(seconds=119)

    smtp_settings.refuse_keys = set()
    Notification.objects.filter(pk=row.pk).update(next_attempt_at=timezone.now())
    notification_drain(time_budget=30)

    assert smtp_settings.refused == {"flaky": 2}
    assert smtp_settings.received == {"fine": 1, "flaky": 1}
    assert _statuses() == {"flaky": ("sent", 3), "fine": ("sent", 1)}


def test_backoff_doubles_up_to_an_hour():
    assert [retry_delay(n).total_seconds() for n in range(1, 9)] == [
        60,
        120,
        240,
        480,
        960,
        1920,
        3600,
        3600,
    ]


def test_gives_up_after_the_last_attempt(officer, smtp_settings):
    row = _pending(officer, "doomed", attempts=MAX_ATTEMPTS - 1)
    smtp_settings.refuse_keys = {"doomed"}

    result = notification_drain(time_budget=30)
    row.refresh_from_db()

    assert (result.failed, row.status, row.attempts) == (1, "failed", MAX_ATTEMPTS)
    assert notification_drain(time_budget=30).failed == 0
    assert smtp_settings.refused == {"doomed": 1}


def test_unreachable_smtp_server_stops_the_drain_without_using_up_other_attempts(officer, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()
    for key in ("a", "b", "c"):
        _pending(officer, key)

    result = notification_drain(time_budget=30)

    assert (result.retried, result.stopped, result.finished) == (1, True, False)
    assert _statuses() == {"a": ("pending", 1), "b": ("pending", 0), "c": ("pending", 0)}


def test_stale_claim_of_a_killed_worker_is_sent_again_fresh_claim_is_not(
    officer, smtp_settings, settings
):
    limit = timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT)
    now = timezone.now()
    _pending(
        officer,
        "stale",
        status="sending",
        attempts=1,
        claimed_at=now - limit - timedelta(seconds=1),
    )
    _pending(officer, "in-flight", status="sending", attempts=1, claimed_at=now)

    result = notification_drain(time_budget=30)

    assert result.sent == 1
    assert smtp_settings.received == {"stale": 1}
    assert _statuses() == {"stale": ("sent", 2), "in-flight": ("sending", 1)}


def test_stale_claim_after_the_last_attempt_is_marked_failed(officer, smtp_settings, settings):
    long_ago = timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 1)
    _pending(officer, "gone", status="sending", attempts=MAX_ATTEMPTS, claimed_at=long_ago)

    notification_drain(time_budget=30)

    assert smtp_settings.total == 0
    assert _statuses() == {"gone": ("failed", MAX_ATTEMPTS)}


def test_inactive_recipient_is_not_mailed(smtp_settings):
    former = factories.UserFactory(is_active=False)
    _pending(former, "former")

    result = notification_drain(time_budget=30)

    assert (result.failed, smtp_settings.total) == (1, 0)
    assert _statuses() == {"former": ("failed", 1)}


def test_send_by_id_sends_only_that_row_and_only_once(officer, smtp_settings):
    row = _pending(officer, "one")
    _pending(officer, "other")

    outcomes = [
        notification_send(notification_id=row.pk),
        notification_send(notification_id=row.pk),
    ]

    assert outcomes == ["sent", None]
    assert smtp_settings.received == {"one": 1}


def test_a_claimed_row_cannot_be_claimed_twice(officer):
    row = _pending(officer, "x")

    claimed = notification_claim()

    assert (claimed.pk, claimed.status, claimed.attempts) == (row.pk, "sending", 1)
    assert notification_claim() is None


def test_address_only_message_goes_to_that_address(smtp_settings):
    Notification.objects.create(
        kind=Notification.Kind.NUDGE,
        dedupe_key="plain",
        to_email="someone@example.test",
        context=CONTEXT,
    )

    notification_drain(time_budget=30)

    assert [m["To"] for m in smtp_settings.messages] == ["someone@example.test"]
