"""Queueing into the outbox: exactly one row per key, a publish only after commit."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from tests import factories
from worker.models import Notification
from worker.outbox import notification_publish, notification_queue, notification_queue_bulk

pytestmark = pytest.mark.django_db


def _queue(officer, key="nudge:1:2026-12-01"):
    return notification_queue(
        kind=Notification.Kind.NUDGE,
        dedupe_key=key,
        recipient=officer,
        context={"curriculum_title": "Dignity", "due_on": "2026-12-01", "url": "/learn/"},
    )


def test_queue_returns_true_only_for_the_call_that_inserted(officer):
    first = _queue(officer)
    second = _queue(officer)

    assert (first, second) == (True, False)
    assert list(Notification.objects.values_list("dedupe_key", "status", "recipient_id")) == [
        ("nudge:1:2026-12-01", "pending", officer.pk)
    ]


def test_queue_publishes_once_after_commit(
    officer, django_capture_on_commit_callbacks, monkeypatch
):
    published = []
    monkeypatch.setattr(
        "worker.outbox.notification_publish", lambda **kwargs: published.append(kwargs)
    )

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        _queue(officer)
        _queue(officer)

    assert len(callbacks) == 1
    assert published == [{"notification_id": Notification.objects.get().pk}]


def test_rolled_back_transaction_queues_and_publishes_nothing(
    officer, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        assert _queue(officer) is True
        raise RuntimeError("the enrollment failed")

    assert callbacks == []
    assert Notification.objects.count() == 0


def test_queue_inside_a_failing_outer_transaction_keeps_it_usable(officer):
    with transaction.atomic():
        _queue(officer)
        assert _queue(officer) is False
        factories.DepartmentFactory(name="Still writable")

    assert Notification.objects.count() == 1


def test_queue_without_any_recipient_is_refused():
    with pytest.raises(IntegrityError):
        notification_queue(kind=Notification.Kind.NUDGE, dedupe_key="nobody")

    assert Notification.objects.count() == 0


def test_bulk_skips_existing_keys_with_one_insert_per_batch(
    officer, django_capture_on_commit_callbacks
):
    _queue(officer, key="k1")
    rows = [
        Notification(kind=Notification.Kind.NUDGE, recipient_id=officer.pk, dedupe_key=f"k{i}")
        for i in range(1, 6)
    ]

    with (
        django_capture_on_commit_callbacks() as callbacks,
        CaptureQueriesContext(connection) as queries,
    ):
        offered = notification_queue_bulk(iter(rows), batch_size=2)

    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    assert (offered, len(inserts), len(queries)) == (5, 3, 3)
    assert sorted(Notification.objects.values_list("dedupe_key", flat=True)) == [
        "k1",
        "k2",
        "k3",
        "k4",
        "k5",
    ]
    assert len(callbacks) == 1
    assert callbacks[0] is notification_publish


def test_bulk_with_nothing_publishes_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        assert notification_queue_bulk([]) == 0

    assert callbacks == []
