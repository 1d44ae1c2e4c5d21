"""The sender's database connection killed mid-batch (PostgreSQL's pg_terminate_backend), the
sender's process killed mid-batch, and the statements a message costs.

Issue 22 saw 2 duplicate emails per 1,000 when connections were killed mid-send: the row was
marked sent in a statement after the SMTP acceptance, so a kill between the two left it claimed
and it went out again once the claim went stale. The acceptance is now written to the sender's
journal before anything that can fail (worker.journal).
"""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import DatabaseError, connection, connections
from django.utils import timezone

from worker.journal import Journal, journal_directory
from worker.models import Notification
from worker.sending import BATCH_SIZE, journals_recover, notification_drain, notifications_claim

CONTEXT = {"curriculum_title": "Dignity", "due_on": "2026-12-01", "url": "/learn/"}


def _queue(count: int) -> None:
    Notification.objects.bulk_create(
        Notification(
            kind=Notification.Kind.NUDGE,
            dedupe_key=f"m{i}",
            to_email=f"officer{i}@example.test",
            context=CONTEXT,
        )
        for i in range(count)
    )


def _statuses() -> dict[str, int]:
    counts: dict[str, int] = {}
    for status in Notification.objects.values_list("status", flat=True):
        counts[status] = counts.get(status, 0) + 1
    return counts


def _drain_through_faults(*, attempts: int = 20) -> int:
    """Drain as the worker does across database errors; returns the drains that failed."""
    failures = 0
    for _ in range(attempts):
        try:
            if notification_drain(time_budget=60).finished:
                return failures
        except DatabaseError:
            failures += 1
            # What Celery's Django fix-up does before the next task.
            connection.close_if_unusable_or_obsolete()
    raise AssertionError("the outbox never drained")


@pytest.mark.django_db(transaction=True)
def test_killed_database_connections_mid_batch_repeat_no_message(smtp_settings):
    if connection.vendor != "postgresql":
        pytest.skip("pg_terminate_backend: PostgreSQL only")
    total, kills_at = 400, (40, 170, 330)
    _queue(total)
    smtp_settings.delay = 0.002  # the kill lands mid-batch, while messages go out
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    killed: list[int] = []

    def killer() -> None:
        other = connections["default"]  # this thread's own connection
        try:
            for at in kills_at:
                while smtp_settings.total < at:
                    threading.Event().wait(0.001)
                with other.cursor() as cursor:
                    cursor.execute(
                        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                    )
                    killed.append(sum(1 for (ok,) in cursor.fetchall() if ok))
        finally:
            other.close()

    thread = threading.Thread(target=killer)
    thread.start()
    failures = _drain_through_faults()
    thread.join(timeout=30)

    # A claim whose reply the kill cut off is sent once its claim goes stale: make it stale.
    Notification.objects.filter(status="sending").update(
        claimed_at=timezone.now() - timedelta(days=1)
    )
    _drain_through_faults()

    repeated = {key: n for key, n in smtp_settings.received.items() if n > 1}
    assert (len(killed), failures) == (3, 3)
    assert len(smtp_settings.received) == total
    assert repeated == {}
    assert _statuses() == {"sent": total}


@pytest.mark.django_db
def test_a_killed_senders_journal_marks_what_it_sent_and_leaves_only_the_message_in_flight(
    smtp_settings,
):
    _queue(5)
    token, batch = notifications_claim()
    ids = [n.pk for n in batch]
    # A sender that had three messages accepted, started the fourth and was killed: its journal
    # is left behind, unlocked.
    journal = Journal()
    journal.claim(token, ids)
    journal.sent(ids[0])
    journal.sent(ids[1])
    journal.done(ids[2])  # a retry, already recorded in the database
    Notification.objects.filter(pk=ids[2]).update(status="pending")
    journal.close()

    assert journals_recover() == 2
    rows = {n.pk: (n.status, n.attempts) for n in Notification.objects.all()}
    assert rows == {
        ids[0]: ("sent", 1),
        ids[1]: ("sent", 1),
        ids[2]: ("pending", 1),
        ids[3]: ("sending", 1),  # in flight: may have been accepted; stale-claim rule
        ids[4]: ("pending", 0),  # never attempted: given back, its attempt not used
    }
    assert list(journal_directory().glob(journal.path.name)) == []
    assert journals_recover() == 0


@pytest.mark.django_db
def test_a_live_senders_journal_is_left_alone(smtp_settings):
    _queue(2)
    token, batch = notifications_claim()
    journal = Journal()
    journal.claim(token, [n.pk for n in batch])
    journal.sent(batch[0].pk)
    try:
        assert journals_recover() == 0
        assert _statuses() == {"sending": 2}
    finally:
        journal.close()


@pytest.mark.django_db
def test_a_drain_costs_a_few_statements_per_batch(smtp_settings, django_assert_max_num_queries):
    total = BATCH_SIZE * 2 + 10
    _queue(total)
    # Per batch: the claim's SELECT ... FOR UPDATE and UPDATE, the rows read, the bulk mark;
    # per drain: the exhausted rows abandoned and the last, empty claim (plus savepoints).
    with django_assert_max_num_queries(3 * 6 + 6):
        result = notification_drain(time_budget=60)

    assert (result.sent, result.finished) == (total, True)
    assert len(smtp_settings.received) == total
    assert _statuses() == {"sent": total}
