"""The six judged failure scenarios, against the real Redis, a real Celery worker process on the
PostgreSQL test database and a local SMTP server counting messages by dedupe key.

Skipped unless CELERY_BROKER_URL is set and DATABASE_URL is PostgreSQL (CI sets both).
"""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
import sys
import time
from collections.abc import Callable

import pytest
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from accounts.models import Membership, User
from curriculum.models import Enrollment
from partners.models import PartnerReport
from tests import factories
from tests.worker.conftest import free_port
from tests.worker.integration import (
    BROKER_URL,
    ROOT,
    ThrowawayRedis,
    WorkerProcess,
    broker_reset,
    publishing_to,
    queue_length,
    services_missing_reason,
    wait_for,
)
from worker.models import Notification
from worker.outbox import notification_publish, notification_queue
from worker.sending import journals_recover
from worker.tasks.reminders import reminder_sweep_task
from worker.tasks.reports import partner_reports_build_task

logger = logging.getLogger(__name__)
MISSING = services_missing_reason()

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]


@pytest.fixture
def broker():
    broker_reset(BROKER_URL)
    yield BROKER_URL
    broker_reset(BROKER_URL)


@pytest.fixture
def workers(transactional_db, smtp_server, tmp_path, broker):
    started: list[WorkerProcess] = []

    def start(*, concurrency: int = 2, broker_url: str = BROKER_URL) -> WorkerProcess:
        worker = WorkerProcess(
            broker_url=broker_url,
            smtp_port=smtp_server.port,
            log_path=tmp_path / f"worker-{len(started)}.log",
            concurrency=concurrency,
        )
        started.append(worker)
        return worker.start()

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def throwaway_redis(tmp_path):
    server = ThrowawayRedis(free_port(), tmp_path)
    server.start()
    yield server
    server.stop()


def _reminders(department, *, days: list[int]) -> list[Enrollment]:
    """One open enrollment per entry, due that many days from today, for a rostered officer."""
    curriculum = factories.CurriculumFactory(title="Human Dignity in Policing")
    today = factories.local_today(department)
    users = User.objects.bulk_create(
        User(email=f"officer{i}@example.test", first_name=f"Officer{i}") for i in range(len(days))
    )
    Membership.objects.bulk_create(
        Membership(user=user, department=department, badge_number=f"T{i}")
        for i, user in enumerate(users)
    )
    return Enrollment.objects.bulk_create(
        Enrollment(
            officer=user,
            department=department,
            curriculum=curriculum,
            version_id=curriculum.current_version_id,
            due_on=today + dt.timedelta(days=offset),
        )
        for user, offset in zip(users, days, strict=True)
    )


def _keys() -> set[str]:
    return set(Notification.objects.values_list("dedupe_key", flat=True))


def _all_sent(expected: int) -> Callable[[], bool]:
    def check() -> bool:
        statuses = list(Notification.objects.values_list("status", flat=True))
        return len(statuses) == expected and set(statuses) == {"sent"}

    return check


def _beat(until: Callable[[], bool], *, every: float = 2.0, timeout: float = 90) -> bool:
    """What beat's every-minute drain does, compressed: publish a drain until `until` holds."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        logger.info("beat: drain published %s", notification_publish())
        if wait_for(until, timeout=every):
            return True
    return until()


def test_a_sweep_run_twice_sends_each_reminder_once(workers, smtp_server, department):
    _reminders(department, days=[7] * 8 + [1] * 6 + [-3] * 6)
    worker = workers()

    reminder_sweep_task.delay()
    assert wait_for(_all_sent(20), timeout=60), worker.log()[-3000:]
    reminder_sweep_task.delay()
    assert wait_for(lambda: worker.succeeded("worker.notification_drain") >= 2, timeout=60)

    logger.info("scenario 1 (sweep twice): received %s", sorted(smtp_server.received.values()))
    assert worker.succeeded("worker.reminder_sweep") == 2
    assert smtp_server.received == dict.fromkeys(_keys(), 1)
    assert len(smtp_server.received) == 20


def test_two_beats_at_once_send_each_reminder_once_and_build_one_report_per_partner(
    workers, smtp_server, department
):
    _reminders(department, days=[6] * 10 + [0] * 5 + [-9] * 5)
    partners = [factories.PartnerOrganizationFactory(name=f"Partner {n}") for n in (1, 2)]
    for partner in partners:
        factories.DataSharingAgreementFactory(partner=partner, department=department)
        factories.PartnerMembershipFactory.create_batch(2, partner=partner)
    worker = workers(concurrency=4)

    for _ in range(2):  # the same ticks published by two beat processes at once
        reminder_sweep_task.delay()
        partner_reports_build_task.delay()

    assert wait_for(
        lambda: (
            worker.succeeded("worker.reminder_sweep") == 2
            and worker.succeeded("worker.partner_reports_build") == 2
        ),
        timeout=90,
    ), worker.log()[-3000:]
    assert wait_for(_all_sent(24), timeout=60), worker.log()[-3000:]

    reports = list(PartnerReport.objects.values_list("partner_id", "period_start"))
    logger.info(
        "scenario 2 (two beats): %d messages, counts %s, reports %s",
        len(smtp_server.received),
        sorted(set(smtp_server.received.values())),
        reports,
    )
    assert smtp_server.received == dict.fromkeys(_keys(), 1)
    assert len(smtp_server.received) == 24  # 20 reminders + 2 partners x 2 recipients
    assert sorted(partner_id for partner_id, _ in reports) == [p.pk for p in partners]


def test_two_sweep_processes_at_once_send_each_reminder_once(
    workers, smtp_server, department, tmp_path
):
    _reminders(department, days=[5] * 15 + [-2] * 15)
    env = WorkerProcess(
        broker_url=BROKER_URL, smtp_port=smtp_server.port, log_path=tmp_path / "x", concurrency=1
    ).env

    processes = [
        subprocess.Popen(
            [sys.executable, "manage.py", "sweep_reminders"],
            cwd=ROOT,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        for _ in range(2)
    ]
    outputs = [process.communicate(timeout=120)[0] for process in processes]

    logger.info("scenario 2b (two sweep processes): %s", outputs)
    assert [process.returncode for process in processes] == [0, 0], outputs
    assert smtp_server.received == dict.fromkeys(_keys(), 1)
    assert len(smtp_server.received) == 30


def test_worker_killed_mid_sweep_loses_nothing_and_repeats_at_most_the_message_in_flight(
    workers, smtp_server, department
):
    total = 60
    _reminders(department, days=[4] * total)
    # A slow SMTP server: the worker spends most of its time inside a send, so the kill lands
    # with a message in flight (accepted by the server, not yet marked sent).
    smtp_server.delay = 0.25
    worker = workers(concurrency=1)

    reminder_sweep_task.delay()
    assert wait_for(lambda: smtp_server.total >= 10, timeout=60), worker.log()[-3000:]
    worker.kill()
    at_kill = smtp_server.total
    claimed_at_kill = Notification.objects.filter(status="sending").count()
    assert at_kill < total
    # The killed sender's batch is claimed; its journal says what the server accepted. What
    # every sender on the host does before it claims (the restarted worker's first drain):
    # mark those sent and give back the rest, leaving only the message in flight claimed.
    marked = journals_recover()
    in_flight = Notification.objects.filter(status="sending").count()
    assert marked >= at_kill - 1

    worker.start()
    # The restarted worker gets the next drains; the claim of the message that was in flight
    # goes stale after the task time limit (12 s here) and is sent again.
    assert _beat(_all_sent(total), timeout=120), worker.log()[-3000:]

    repeated = {key: n for key, n in smtp_server.received.items() if n > 1}
    logger.info(
        "scenario 3 (SIGKILL): %d received before the kill, %d row(s) claimed at the kill, "
        "%d marked sent from the journal, %d row(s) left sending, "
        "%d messages total, %d distinct, repeated %s",
        at_kill,
        claimed_at_kill,
        marked,
        in_flight,
        smtp_server.total,
        len(smtp_server.received),
        repeated,
    )
    assert set(smtp_server.received) == _keys()
    assert len(smtp_server.received) == total
    assert in_flight <= 1
    assert len(repeated) <= 1
    assert set(repeated.values()) <= {2}


def test_smtp_refusing_some_messages_for_a_while_retries_with_backoff_and_sends_each_once(
    workers, smtp_server, department
):
    enrollments = _reminders(department, days=[3] * 10)
    refused = {f"due_soon_7d:{e.pk}:{e.due_on.isoformat()}" for e in enrollments[:3]}
    smtp_server.refuse_keys = set(refused)
    worker = workers()

    def attempts_of_refused(n: int) -> Callable[[], bool]:
        return lambda: (
            set(
                Notification.objects.filter(dedupe_key__in=refused).values_list(
                    "status", "attempts"
                )
            )
            == {("pending", n)}
        )

    reminder_sweep_task.delay()
    assert wait_for(lambda: attempts_of_refused(1)() and smtp_server.total == 7, timeout=60), (
        worker.log()[-3000:]
    )
    assert Notification.objects.filter(status="sent").count() == 7
    first_delays = _backoffs(refused)

    # The clock moves past the backoff (instead of waiting a minute): the next drain retries.
    Notification.objects.filter(dedupe_key__in=refused).update(next_attempt_at=timezone.now())
    assert _beat(attempts_of_refused(2), timeout=60), worker.log()[-3000:]
    second_delays = _backoffs(refused)

    smtp_server.refuse_keys = set()  # the SMTP server accepts mail again
    Notification.objects.filter(dedupe_key__in=refused).update(next_attempt_at=timezone.now())
    assert _beat(_all_sent(10), timeout=60), worker.log()[-3000:]

    logger.info(
        "scenario 4 (SMTP refusing): refusals %s, backoffs %s then %s s, received %s",
        dict(smtp_server.refused),
        first_delays,
        second_delays,
        sorted(smtp_server.received.values()),
    )
    assert smtp_server.refused == dict.fromkeys(refused, 2)
    assert smtp_server.received == dict.fromkeys(_keys(), 1)
    assert all(60 <= delay < 63 for delay in first_delays)
    assert all(120 <= delay < 123 for delay in second_delays)


def _backoffs(keys: set[str]) -> list[int]:
    return [
        int((n.next_attempt_at - n.claimed_at).total_seconds())
        for n in Notification.objects.filter(dedupe_key__in=keys)
    ]


def test_redis_stopped_web_answers_within_a_second_and_pending_mail_leaves_when_it_is_back(
    workers, smtp_server, department, liaison, client, settings, throwaway_redis
):
    enrollments = _reminders(department, days=[20, 21, 22])
    settings.CELERY_BROKER_URL = throwaway_redis.url
    settings.CELERY_TASK_ALWAYS_EAGER = False
    client.force_login(liaison)
    with publishing_to(throwaway_redis.url):
        worker = workers(broker_url=throwaway_redis.url)
        assert client.get("/department/").status_code == 200  # warm up, Redis up

        throwaway_redis.stop()
        timings = {}
        for enrollment in enrollments:
            started = time.monotonic()
            response = client.post(reverse("department:enrollment_nudge", args=[enrollment.pk]))
            timings[f"nudge {enrollment.pk}"] = time.monotonic() - started
            assert response.status_code == 302
        for path in ("/department/", "/api/health/"):
            started = time.monotonic()
            response = client.get(path)
            timings[path] = time.monotonic() - started
            assert response.status_code == 200
        health = client.get("/api/health/").json()
        pending = list(Notification.objects.values_list("status", flat=True))

        throwaway_redis.start()
        assert _beat(_all_sent(3), timeout=120), worker.log()[-3000:]

    logger.info(
        "scenario 5 (Redis stopped): timings %s, pending while down %s, received %s",
        {k: round(v, 3) for k, v in timings.items()},
        pending,
        dict(smtp_server.received),
    )
    assert max(timings.values()) < 1.0
    assert health["broker"] == "down"
    assert pending == ["pending"] * 3
    assert smtp_server.received == dict.fromkeys(_keys(), 1)
    assert len(smtp_server.received) == 3


def test_a_rolled_back_transaction_publishes_nothing(workers, smtp_server, officer, broker):
    context = {"curriculum_title": "Dignity", "due_on": "2026-12-01", "url": "/learn/"}

    with pytest.raises(RuntimeError), transaction.atomic():
        notification_queue(
            kind="nudge", dedupe_key="nudge:rolled-back", recipient=officer, context=context
        )
        raise RuntimeError("the request failed after queueing")
    after_rollback = queue_length(broker)
    with transaction.atomic():
        notification_queue(
            kind="nudge", dedupe_key="nudge:committed", recipient=officer, context=context
        )
    after_commit = queue_length(broker)

    worker = workers()
    assert wait_for(lambda: worker.succeeded("worker.notification_send") == 1, timeout=60)

    logger.info(
        "scenario 6 (rollback): queue after rollback %d, after commit %d, received %s",
        after_rollback,
        after_commit,
        dict(smtp_server.received),
    )
    assert (after_rollback, after_commit) == (0, 1)
    assert smtp_server.received == {"nudge:committed": 1}
    assert _keys() == {"nudge:committed"}
