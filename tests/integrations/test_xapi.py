"""xAPI statements to a department's LRS, tested against Ralph (ralph-malph), a real LRS, on
loopback: a learning path's statements arrive and pass Ralph's validation, once each, through
the outbox; an LRS outage retries with backoff; nothing is queued for departments without one.
The worker-kill scenario runs against a real Celery worker in test_xapi_worker.py."""

from __future__ import annotations

import datetime as dt

import pytest
import requests
from django.utils import timezone

from curriculum.models import Enrollment
from integrations.models import LrsEndpoint
from integrations.xapi import statements as xapi
from tests import factories
from tests.integrations.counterparts.process import free_port, ralph_lrs, ralph_missing_reason
from tests.integrations.learning import complete
from worker.models import Notification
from worker.sending import notification_drain

MISSING = ralph_missing_reason()
pytestmark = [
    pytest.mark.counterpart,
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]
LRS_USER, LRS_PASSWORD = "demo-city-lrs", "lrs-secret-for-tests"
EXPECTED_VERBS = [
    "answered",  # pre-test
    "failed",
    "launched",
    "completed",  # the lesson
    "answered",  # the module's knowledge check
    "passed",
    "answered",  # post-test
    "passed",
    "completed",  # the curriculum
]


class Ralph:
    def __init__(self, tmp_path):
        self.port = free_port()
        self.process = ralph_lrs(self.port, tmp_path, username=LRS_USER, password=LRS_PASSWORD)
        self.endpoint = f"http://127.0.0.1:{self.port}/xAPI/"

    def statements(self) -> list[dict]:
        response = requests.get(
            self.endpoint + "statements",
            params={"limit": 500, "ascending": "true"},
            auth=(LRS_USER, LRS_PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=10,
        )
        response.raise_for_status()
        return response.json()["statements"]


@pytest.fixture
def ralph(tmp_path):
    lrs = Ralph(tmp_path)
    lrs.process.start()
    yield lrs
    lrs.process.stop()


@pytest.fixture
def learning(db, department, officer, ralph):
    LrsEndpoint.objects.create(
        department=department, endpoint=ralph.endpoint, username=LRS_USER, password=LRS_PASSWORD
    )
    curriculum = factories.small_curriculum(modules=1, title="Human Dignity in Policing")
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department
    )
    return enrollment


def _drain_all() -> None:
    result = notification_drain(time_budget=30)
    assert result.finished and not result.stopped


def test_a_learning_path_arrives_in_ralph_once_per_event_and_validates(learning, ralph, officer):
    complete(learning, officer)
    rows = Notification.objects.filter(kind="xapi_statement")
    assert rows.count() == len(EXPECTED_VERBS)
    _drain_all()  # what the worker does (in-process here, with or without a broker)
    assert set(rows.values_list("status", flat=True)) == {"sent"}

    stored = ralph.statements()

    assert len(stored) == len(EXPECTED_VERBS)
    by_time = sorted(stored, key=lambda s: (s["timestamp"], s["stored"]))
    assert sorted(s["verb"]["id"].rpartition("/")[2] for s in by_time) == sorted(EXPECTED_VERBS)
    assert {s["id"] for s in stored} == {r.context["statement"]["id"] for r in rows}
    post_test = next(
        s for s in stored if s["verb"]["id"].endswith("/passed") and "Post" in str(s["object"])
    )
    assert post_test["result"]["score"] == {"scaled": 1.0, "raw": 100, "min": 0, "max": 100}
    completed = [
        s for s in stored if s["object"]["id"].endswith(f"/course/{learning.curriculum.slug}")
    ]
    assert {s["verb"]["display"]["en-US"] for s in completed} == {"launched", "completed"}
    # Pseudonymous: the officer's email and name appear nowhere in the LRS.
    assert officer.email not in str(stored)
    assert officer.last_name not in str(stored)


def test_sending_again_leaves_one_statement_per_event(learning, ralph, officer):
    complete(learning, officer)  # inside the test transaction: queued, not yet sent
    _drain_all()
    assert len(ralph.statements()) == len(EXPECTED_VERBS)

    # The worst case of a killed worker: every row sent a second time.
    Notification.objects.filter(kind="xapi_statement").update(
        status="pending", claimed_at=None, next_attempt_at=timezone.now()
    )
    _drain_all()

    assert len(ralph.statements()) == len(EXPECTED_VERBS)
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}


def test_an_lrs_outage_retries_with_backoff_then_delivers(learning, ralph, officer):
    ralph.process.stop()
    complete(learning, officer)

    before = timezone.now()
    _drain_all()
    rows = Notification.objects.filter(kind="xapi_statement")
    assert set(rows.values_list("status", "attempts")) == {("pending", 1)}
    assert all(r.next_attempt_at >= before + dt.timedelta(seconds=59) for r in rows)
    assert "LRS unreachable" in rows.first().last_error

    ralph.process.start()
    rows.update(next_attempt_at=timezone.now())
    _drain_all()

    assert set(rows.values_list("status", "attempts")) == {("sent", 2)}
    assert len(ralph.statements()) == len(EXPECTED_VERBS)


def test_a_statement_the_lrs_rejects_fails_without_retrying(learning, ralph, officer):
    LrsEndpoint.objects.update(password="a-wrong-secret")
    complete(learning, officer)
    _drain_all()
    assert set(
        Notification.objects.filter(kind="xapi_statement").values_list("status", flat=True)
    ) == {"pending"}  # 401: the secret may be fixed, so it waits and retries

    statement = Notification.objects.filter(kind="xapi_statement").first()
    del statement.context["statement"]["actor"]  # a statement Ralph's validation refuses
    statement.save(update_fields=["context"])
    LrsEndpoint.objects.update(password=LRS_PASSWORD)
    Notification.objects.update(next_attempt_at=timezone.now())
    _drain_all()

    statement.refresh_from_db()
    assert statement.status == "failed"
    assert "LRS answered 400" in statement.last_error or "LRS answered 422" in statement.last_error
    assert len(ralph.statements()) == len(EXPECTED_VERBS) - 1


def test_departments_without_an_lrs_queue_nothing(db, other_department, officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=other_department
    )
    complete(enrollment, officer)

    assert enrollment.__class__.objects.get(pk=enrollment.pk).status == Enrollment.Status.COMPLETED
    assert not Notification.objects.filter(kind="xapi_statement").exists()


def test_statement_ids_are_fixed_by_the_event(db, department, officer):
    enrollment = factories.EnrollmentFactory(officer=officer, department=department)
    when = timezone.now()

    first = xapi.statement_launched(enrollment=enrollment, occurred_at=when)
    again = xapi.statement_launched(enrollment=enrollment, occurred_at=when)
    completed = xapi.statement_enrollment_completed(enrollment=enrollment, occurred_at=when)

    assert first == again
    assert first["id"] != completed["id"]
    assert first["verb"]["id"] == "http://adlnet.gov/expapi/verbs/launched"
    assert first["actor"]["account"]["name"] == xapi.stable_uuid("user", officer.pk)


def test_the_attended_statement_is_ready_for_live_sessions(db, department, officer):
    enrollment = factories.EnrollmentFactory(officer=officer, department=department)

    statement = xapi.statement_attended(
        enrollment=enrollment,
        session_key="cohort-3-week-2",
        session_title="Week 2 discussion",
        occurred_at=timezone.now(),
        minutes=90,
    )

    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/attended"
    assert statement["result"]["duration"] == "PT90M"
    assert statement["object"]["definition"]["type"].endswith("/meeting")
