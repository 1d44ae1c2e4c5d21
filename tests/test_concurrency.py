"""Races against a live server: two people (or two tabs) doing the same thing at the same moment.

Each test starts a real threaded server (pytest-django `live_server`), fires the requests from
threads released together by a barrier, repeats a few times, and asserts no server error and
the same final rows a serial run would leave. PostgreSQL only: SQLite serialises every write
with a database-wide lock, so there is no race to lose there (CI's second run uses PostgreSQL).
"""

from __future__ import annotations

import threading

import pytest
import requests
from django.db import connection
from django.test import Client

from accounts.services import api_token_create
from curriculum.models import Enrollment
from tests import factories

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency races need PostgreSQL: SQLite serialises every write",
    ),
    pytest.mark.django_db(transaction=True),
]

REPETITIONS = 4


def _web(live_server, user) -> requests.Session:
    """A browser tab signed in as `user`, with a CSRF cookie and header."""
    client = Client()
    client.force_login(user)
    session = requests.Session()
    session.cookies.set("sessionid", client.cookies["sessionid"].value)
    token = "t" * 32
    session.cookies.set("csrftoken", token)
    session.headers.update({"X-CSRFToken": token, "Referer": live_server.url + "/"})
    return session


def _api(user) -> requests.Session:
    _token, key = api_token_create(user=user, name="race", days=1, acting_user=user)
    session = requests.Session()
    session.headers.update({"Authorization": f"Token {key}"})
    return session


def _race(*calls) -> list[requests.Response]:
    """Run the calls in threads released at the same instant; their responses in order."""
    barrier = threading.Barrier(len(calls))
    responses: list = [None] * len(calls)

    def run(index, call):
        barrier.wait()
        try:
            responses[index] = call()
        except Exception as error:  # a dropped connection is reported, not raised
            responses[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


def _codes(responses) -> list:
    return [getattr(r, "status_code", r) for r in responses]


def _assert_no_server_error(responses) -> None:
    codes = _codes(responses)
    assert all(isinstance(c, int) and c < 500 for c in codes), codes


# Enrollment ------------------------------------------------------------------------------


def _enroll_world(department):
    curriculum = factories.CurriculumFactory()
    officers = [factories.officer(department) for _ in range(3)]
    return curriculum, [o.pk for o in officers]


def _web_enroll(live_server, session, curriculum, officer_ids):
    data = {"target": f"c:{curriculum.pk}", "scope": "selected", "officer": officer_ids}
    return lambda: session.post(
        f"{live_server.url}/department/enroll/", data=data, allow_redirects=False
    )


def _api_enroll(live_server, session, curriculum, officer_ids):
    body = {"curriculum_id": curriculum.pk, "officer_ids": officer_ids, "due_on": None}
    return lambda: session.post(f"{live_server.url}/api/v1/enrollments/", json=body)


@pytest.mark.parametrize("channels", [("web", "web"), ("api", "api"), ("web", "api")])
def test_overlapping_enrollments_at_once_lose_nothing(live_server, department, liaison, channels):
    tabs = {"web": _web(live_server, liaison), "api": _api(liaison)}
    make = {"web": _web_enroll, "api": _api_enroll}
    for _ in range(REPETITIONS):
        curriculum, (one, two, three) = _enroll_world(department)
        first, second = channels
        responses = _race(
            make[first](live_server, tabs[first], curriculum, [one, two]),
            make[second](live_server, tabs[second], curriculum, [two, three]),
        )
        _assert_no_server_error(responses)
        assert set(_codes(responses)) <= {201, 302}
        enrolled = Enrollment.objects.filter(curriculum=curriculum)
        assert sorted(enrolled.values_list("officer_id", flat=True)) == [one, two, three]


def test_api_enrollment_twice_at_once_answers_alike(live_server, department, liaison):
    session = _api(liaison)
    for _ in range(REPETITIONS):
        curriculum, officer_ids = _enroll_world(department)
        call = _api_enroll(live_server, session, curriculum, officer_ids)
        responses = _race(call, call)
        assert _codes(responses) == [201, 201]
        bodies = [r.json() for r in responses]
        assert sorted(b["created"] for b in bodies) == [0, 3]
        assert sorted(b["skipped_existing"] for b in bodies) == [0, 3]
        assert Enrollment.objects.filter(curriculum=curriculum).count() == 3
