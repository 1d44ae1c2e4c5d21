"""Roster CSV import: encodings, delimiters, every error reason, all-or-nothing, large files."""

from __future__ import annotations

import os
import time
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts import roster
from accounts.models import AuditEvent, Invitation, Membership, User
from accounts.roster import roster_check
from tests import factories
from tests.worker.integration import publishing_to
from worker.models import Notification
from worker.tasks.roster import roster_import_sweep_task

pytestmark = pytest.mark.django_db
HEADER = "email,first_name,last_name,badge_number,rank\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, department, content: bytes, name="roster.csv"):
    return client.post(
        reverse("roster:import"),
        {"department": department.pk, "file": SimpleUploadedFile(name, content, "text/csv")},
    )


def _import_id(response) -> str:
    return response["Location"].rstrip("/").split("/")[-1]


def _roster_counts():
    return (User.objects.count(), Membership.objects.count(), Invitation.objects.count())


def test_bom_and_semicolons_are_read(department):
    data = "\ufeffemail;first_name;last_name;badge_number;rank\nA@x.test;Ann;Lee;1;Officer\n"

    check = roster_check(data=data.encode("utf-8"), department=department)

    assert check.errors == []
    assert [(r.email, r.first_name, r.badge_number) for r in check.rows] == [
        ("a@x.test", "Ann", "1")
    ]


def test_every_error_reason_is_listed(department, other_department):
    factories.officer(other_department, email="elsewhere@x.test")
    factories.OfficerMembershipFactory(department=department, badge_number="TAKEN")
    data = (
        HEADER
        + "not-an-email,A,B,1,Officer\n"
        + "dup@x.test,A,B,2,Officer\n"
        + "dup@x.test,A,B,3,Officer\n"
        + "elsewhere@x.test,A,B,4,Officer\n"
        + "short@x.test,A\n"
        + "badge@x.test,A,B,TAKEN,Officer\n"
        + "badge2@x.test,A,B,2,Officer\n"
        + "good@x.test,A,B,5,Officer\n"
    )

    check = roster_check(data=data.encode(), department=department)

    assert [(e["line"], e["reason"]) for e in check.errors] == [
        (2, "Bad email address"),
        (4, "Duplicate email in the file"),
        (6, "Missing column"),
        (7, "Badge number already used in this department"),
        (8, "Duplicate badge number in the file"),
    ]
    # An officer of another department is invited like anyone (issue 15 rows 2 and 12).
    assert [r.email for r in check.rows] == ["dup@x.test", "elsewhere@x.test", "good@x.test"]


def test_missing_header_column_and_wrong_encoding(department):
    missing = roster_check(data=b"email,first_name\na@x.test,A\n", department=department)
    latin1 = roster_check(
        data=(HEADER + "jos\xe9@x.test,Jos\xe9,P,1,Sgt\n").encode("latin-1"), department=department
    )

    assert missing.errors == [
        {
            "line": 1,
            "email": "",
            "reason": "Missing column in the header: last_name, badge_number, rank",
        }
    ]
    assert latin1.errors == [
        {"line": 0, "email": "", "reason": "Wrong encoding: save the file as UTF-8 CSV"}
    ]


def test_preview_writes_nothing_then_confirm_writes_all(client, liaison, department):
    client.force_login(liaison)
    data = HEADER + "a@x.test,Ann,Lee,1,Officer\nb@x.test,Bo,Ray,2,Sergeant\n"
    before = _roster_counts()

    response = _upload(client, department, data.encode())
    preview = client.get(response["Location"])

    assert preview.status_code == 200
    assert preview.context["state"]["to_add"] == 2
    assert _roster_counts() == before
    client.post(reverse("roster:import_confirm", args=[_import_id(response)]))
    members = Membership.objects.filter(
        department=department, role="officer", user__email__endswith="@x.test"
    )
    assert sorted(members.values_list("user__email", "badge_number", "rank")) == [
        ("a@x.test", "1", "Officer"),
        ("b@x.test", "2", "Sergeant"),
    ]
    assert Notification.objects.filter(kind="invitation", to_email="a@x.test").count() == 1
    assert not User.objects.get(email="a@x.test").has_usable_password()
    assert AuditEvent.objects.get(action="roster.imported").data["added"] == 2


def test_imported_officer_accepts_invitation_with_password(client, liaison, department):
    client.force_login(liaison)
    response = _upload(client, department, (HEADER + "a@x.test,Ann,Lee,1,Officer\n").encode())
    client.post(reverse("roster:import_confirm", args=[_import_id(response)]))
    link = Notification.objects.get(to_email="a@x.test").context["link"]
    client.logout()

    client.post(
        link.split("8000", 1)[-1],
        {
            "first_name": "Ann",
            "last_name": "Lee",
            "password1": "pw-long-enough-99",
            "password2": "pw-long-enough-99",
        },
    )

    user = User.objects.get(email="a@x.test")
    assert user.check_password("pw-long-enough-99")
    assert Membership.objects.filter(user=user).count() == 1


def test_confirm_is_all_or_nothing_when_the_roster_changed(client, liaison, department):
    client.force_login(liaison)
    data = HEADER + "a@x.test,Ann,Lee,1,Officer\nlate@x.test,La,Te,2,Officer\n"
    response = _upload(client, department, data.encode())
    factories.OfficerMembershipFactory(department=department, badge_number="2")
    before = _roster_counts()

    client.post(reverse("roster:import_confirm", args=[_import_id(response)]))

    assert _roster_counts() == before
    state = roster.roster_import_state(import_id=_import_id(response))
    assert state["status"] == "failed"
    assert state["errors"] == [
        {
            "line": 3,
            "email": "late@x.test",
            "reason": "Badge number already used in this department",
        }
    ]


def test_confirm_rolls_back_when_a_write_fails(client, liaison, department):
    client.force_login(liaison)
    response = _upload(client, department, (HEADER + "a@x.test,Ann,Lee,1,Officer\n").encode())
    before = _roster_counts()

    with (
        mock.patch.object(roster, "_invitations_write", side_effect=RuntimeError("disk")),
        pytest.raises(RuntimeError),
    ):
        client.post(reverse("roster:import_confirm", args=[_import_id(response)]))

    assert _roster_counts() == before


def test_preview_with_errors_cannot_be_confirmed(client, liaison, department):
    client.force_login(liaison)
    response = _upload(client, department, (HEADER + "bad,A,B,1,O\ngood@x.test,A,B,2,O\n").encode())
    before = _roster_counts()

    client.post(reverse("roster:import_confirm", args=[_import_id(response)]))

    assert _roster_counts() == before


def test_other_liaison_cannot_see_or_confirm_an_import(client, liaison, other_liaison, department):
    client.force_login(liaison)
    response = _upload(client, department, (HEADER + "a@x.test,A,B,1,O\n").encode())
    client.force_login(other_liaison)
    before = _roster_counts()

    assert client.get(response["Location"]).status_code == 404
    assert (
        client.post(reverse("roster:import_confirm", args=[_import_id(response)])).status_code
        == 404
    )
    assert _roster_counts() == before


def _broken_rows(n: int) -> str:
    kinds = [
        lambda i: f"bad-email-{i},A,B,X{i},Officer",
        lambda i: "dup@x.test,A,B,DUP,Officer",
        lambda i: f"short{i}@x.test,A",
        lambda i: f"taken{i % 50}@x.test,A,B,TAKEN,Officer",
    ]
    return "".join(kinds[i % 4](i) + "\n" for i in range(n))


def test_broken_ten_thousand_row_file_lists_every_error_and_writes_nothing(
    client, liaison, department, other_department, django_capture_on_commit_callbacks, celery_eager
):
    factories.OfficerMembershipFactory(department=department, badge_number="TAKEN")
    # The first "dup@x.test" row is valid; make it an error too: its badge is taken.
    factories.OfficerMembershipFactory(department=department, badge_number="DUP")
    client.force_login(liaison)
    data = (HEADER + _broken_rows(10_000)).encode()
    before = _roster_counts()

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _upload(client, department, data)

    assert len(callbacks) == 1  # validated by the Celery task (eager here)
    state = client.get(response["Location"]).context["state"]
    assert state["status"] == "validated"
    assert state["total"] == 10_000
    assert len(state["errors"]) == 10_000
    assert {e["line"] for e in state["errors"]} == set(range(2, 10_002))
    assert state["to_add"] == 0
    client.post(reverse("roster:import_confirm", args=[_import_id(response)]))
    assert _roster_counts() == before


def test_large_valid_file_goes_through_the_task(
    client, liaison, department, django_capture_on_commit_callbacks, celery_eager
):
    client.force_login(liaison)
    rows = "".join(f"o{i}@x.test,F{i},L{i},{i},Officer\n" for i in range(1500))

    with django_capture_on_commit_callbacks(execute=True) as upload_callbacks:
        response = _upload(client, department, (HEADER + rows).encode())
    progress = client.get(response["Location"])
    with django_capture_on_commit_callbacks(execute=True) as commit_callbacks:
        client.post(reverse("roster:import_confirm", args=[_import_id(response)]))
    done = client.get(response["Location"])

    # The commit task, then the outbox drain its invitations publish when they commit.
    assert (len(upload_callbacks), len(commit_callbacks)) == (1, 2)
    assert progress.context["state"]["to_add"] == 1500
    assert done.context["state"]["status"] == "done"
    assert done.context["state"]["result"]["added"] == 1500
    assert (
        Membership.objects.filter(department=department, user__email__endswith="@x.test").count()
        == 1500
    )
    assert Notification.objects.filter(kind="invitation").count() == 1500


def test_large_file_shows_progress_while_queued(client, liaison, department):
    client.force_login(liaison)
    rows = "".join(f"o{i}@x.test,F{i},L{i},{i},Officer\n" for i in range(1001))

    response = _upload(client, department, (HEADER + rows).encode())  # on_commit not run
    page = client.get(response["Location"])

    assert page.context["busy"] is True
    assert b"js/roster_progress.js" in page.content
    assert page.context["state"]["status"] == "uploaded"


def test_confirming_twice_answers_with_the_first_outcome(client, liaison, department):
    client.force_login(liaison)
    import_id = _import_id(
        _upload(client, department, (HEADER + "a@x.test,A,B,1,Officer\n").encode())
    )
    confirm = reverse("roster:import_confirm", args=[import_id])

    client.post(confirm)
    again = client.post(confirm, follow=True)

    assert [str(m) for m in again.context["messages"]] == []
    state = roster.roster_import_state(import_id=import_id)
    assert (state["status"], state["result"]["added"]) == ("done", 1)
    assert AuditEvent.objects.filter(action="roster.imported").count() == 1


def test_import_invitations_are_sent_when_the_import_commits(
    client, liaison, department, django_capture_on_commit_callbacks, celery_eager
):
    client.force_login(liaison)
    response = _upload(client, department, (HEADER + "a@x.test,Ann,Lee,1,Officer\n").encode())

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("roster:import_confirm", args=[_import_id(response)]))

    # A drain was published on commit (run in-process here): no wait for the next beat tick.
    assert Notification.objects.get(to_email="a@x.test").status == Notification.Status.SENT


def _stuck(client, department, *, rows: int, age: int = 3600) -> str:
    data = HEADER + "".join(f"o{i}@x.test,F,L,{i},Officer\n" for i in range(rows))
    import_id = _import_id(_upload(client, department, data.encode()))  # on_commit not run
    path = Path(settings.MEDIA_ROOT) / "roster_imports" / f"{import_id}.json"
    os.utime(path, (time.time() - age, time.time() - age))
    return import_id


def test_upload_while_the_broker_is_down_is_validated_by_the_sweep(
    client, liaison, department, django_capture_on_commit_callbacks, celery_eager
):
    client.force_login(liaison)
    rows = "".join(f"o{i}@x.test,F,L,{i},Officer\n" for i in range(1001))
    with publishing_to("redis://127.0.0.1:1/0"), django_capture_on_commit_callbacks(execute=True):
        response = _upload(client, department, (HEADER + rows).encode())
    import_id = _import_id(response)

    assert response.status_code == 302
    assert roster.roster_import_state(import_id=import_id)["status"] == "uploaded"
    path = Path(settings.MEDIA_ROOT) / "roster_imports" / f"{import_id}.json"
    os.utime(path, (time.time() - 600, time.time() - 600))
    assert roster_import_sweep_task() == 1  # the broker is back (in-process here)
    state = roster.roster_import_state(import_id=import_id)
    assert (state["status"], state["to_add"], state["attempts"]) == ("validated", 1001, 1)


def test_sweep_confirms_again_a_commit_that_died(client, liaison, department, celery_eager):
    client.force_login(liaison)
    import_id = _stuck(client, department, rows=2)
    roster.roster_import_validate(import_id=import_id)
    roster._state_update(import_id, status="committing")  # its worker was killed
    path = Path(settings.MEDIA_ROOT) / "roster_imports" / f"{import_id}.json"
    os.utime(path, (time.time() - 600, time.time() - 600))

    roster_import_sweep_task()

    state = roster.roster_import_state(import_id=import_id)
    assert (state["status"], state["result"]["added"]) == ("done", 2)


def test_sweep_gives_up_after_three_attempts_with_a_reason(client, liaison, department):
    client.force_login(liaison)
    import_id = _stuck(client, department, rows=1001)
    roster._state_update(import_id, attempts=roster.ROSTER_MAX_ATTEMPTS)
    path = Path(settings.MEDIA_ROOT) / "roster_imports" / f"{import_id}.json"
    os.utime(path, (time.time() - 600, time.time() - 600))

    assert roster_import_sweep_task() == 0

    page = client.get(reverse("roster:import_status", args=[import_id]))
    assert page.context["state"]["status"] == "failed"
    assert "could not be completed" in page.content.decode()
