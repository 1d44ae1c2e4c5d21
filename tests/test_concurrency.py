"""Races against a live server: two people (or two tabs) doing the same thing at the same moment.

Each test starts a real threaded server (pytest-django `live_server`), fires the requests from
threads released together by a barrier, repeats a few times, and asserts no server error and
the same final rows a serial run would leave. PostgreSQL only: SQLite serialises every write
with a database-wide lock, so there is no race to lose there (CI's second run uses PostgreSQL).
"""

from __future__ import annotations

import threading
from functools import partial

import pytest
import requests
from django.db import connection
from django.test import Client

from accounts.models import Invitation, Membership, User
from accounts.roster import roster_import_state, roster_import_upload, roster_import_validate
from accounts.services import api_token_create, invitation_create
from curriculum.models import Enrollment
from tests import factories
from worker.models import Notification

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="concurrency races need PostgreSQL: SQLite serialises every write",
    ),
    pytest.mark.django_db(transaction=True),
]

# Enough to fail before the fixes (each race lost its first or second repetition), few enough
# to keep the file under a minute.
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


def test_overlapping_enrollments_at_once_lose_nothing(live_server, department, liaison):
    tabs = {"web": _web(live_server, liaison), "api": _api(liaison)}
    make = {"web": _web_enroll, "api": _api_enroll}
    for first, second in [("web", "web"), ("api", "api"), ("web", "api")] * REPETITIONS:
        curriculum, (one, two, three) = _enroll_world(department)
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
        assert sorted(b["skipped_officer_ids"] for b in bodies) == [[], sorted(officer_ids)]
        assert Enrollment.objects.filter(curriculum=curriculum).count() == 3


# Invitations -----------------------------------------------------------------------------


def test_inviting_one_address_from_two_tabs_makes_one_invitation(live_server, department, liaison):
    tabs = [_web(live_server, liaison), _web(live_server, liaison)]
    for n in range(REPETITIONS):
        email = f"race{n}@example.test"
        data = {"department": department.pk, "email": email, "first_name": "A", "last_name": "B"}
        url = f"{live_server.url}/department/roster/invite/"
        responses = _race(
            *[partial(tab.post, url, data=data, allow_redirects=False) for tab in tabs]
        )
        assert _codes(responses) == [302, 302]
        open_ = Invitation.objects.filter(email=email, accepted_at=None, revoked_at=None)
        assert open_.count() == 1
        assert Notification.objects.filter(kind="invitation", to_email=email).count() == 1


def test_accepting_one_invitation_from_two_tabs(live_server, department, liaison):
    for n in range(REPETITIONS):
        email = f"accept{n}@example.test"
        invitation, key = invitation_create(
            email=email, role="officer", department=department, acting_user=liaison
        )
        password = "a-long-enough-secret-42"
        data = {"first_name": "A", "last_name": "B", "password1": password, "password2": password}
        url = f"{live_server.url}/invite/{key}/"
        tabs = [requests.Session(), requests.Session()]
        for tab in tabs:
            tab.get(url)  # the CSRF cookie, as a browser would have it
        calls = [
            partial(
                tab.post,
                url,
                data=data,
                headers={"X-CSRFToken": tab.cookies["csrftoken"]},
                allow_redirects=False,
            )
            for tab in tabs
        ]
        responses = _race(*calls)
        _assert_no_server_error(responses)
        assert _codes(responses) == [302, 302]
        user = User.objects.get(email=email)
        assert Membership.objects.filter(user=user, department=department).count() == 1
        invitation.refresh_from_db()
        assert invitation.accepted_by == user


def test_signed_in_accepting_from_two_tabs(live_server, department, liaison):
    for n in range(REPETITIONS):
        person = factories.UserFactory(email=f"known{n}@example.test")
        _invitation, key = invitation_create(
            email=person.email, role="officer", department=department, acting_user=liaison
        )
        tabs = [_web(live_server, person), _web(live_server, person)]
        url = f"{live_server.url}/invite/{key}/"
        responses = _race(*[partial(tab.post, url, allow_redirects=False) for tab in tabs])
        assert _codes(responses) == [302, 302]
        assert Membership.objects.filter(user=person, department=department).count() == 1


# Roster imports --------------------------------------------------------------------------


def _validated_import(department, liaison, emails: list[str]) -> str:
    lines = ["email,first_name,last_name,badge_number,rank"]
    lines += [f"{email},F,L,{email.split('@')[0]},Officer" for email in emails]
    state = roster_import_upload(
        data="\n".join(lines).encode(), filename="r.csv", department=department, acting_user=liaison
    )
    roster_import_validate(import_id=state["id"])
    return state["id"]


def test_overlapping_roster_imports_confirmed_at_once(
    live_server, department, liaison, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    tabs = [_web(live_server, liaison), _web(live_server, liaison)]
    for n in range(REPETITIONS):
        first = [f"a{n}@example.test", f"shared{n}@example.test"]
        second = [f"shared{n}@example.test", f"b{n}@example.test"]
        ids = [_validated_import(department, liaison, e) for e in (first, second)]
        # The first import is also confirmed twice (a double click).
        calls = [
            partial(tab.post, f"{live_server.url}/department/roster/import/{i}/confirm/")
            for tab, i in [(tabs[0], ids[0]), (tabs[1], ids[1]), (tabs[1], ids[0])]
        ]
        responses = _race(*calls)
        assert _codes(responses) == [200, 200, 200]
        states = [roster_import_state(import_id=i) for i in ids]
        assert [s["status"] for s in states] == ["done", "done"]
        assert sorted(s["result"]["added"] for s in states) == [1, 2]
        on_roster = Membership.objects.filter(department=department, user__email__in=first + second)
        assert on_roster.count() == 3
