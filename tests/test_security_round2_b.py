"""Second security round (issue 15, rows 3-5, 7-9, 11): malformed parameters, caching of
personal data, control characters, the console mail backend, audit of privileged changes,
the tamper-evident audit chain and the compose proxy."""

from __future__ import annotations

import base64
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core import mail
from django.test import Client

from repair.params import parse_id
from tests import factories
from tests.api.conftest import token_client


def _cursor(text: str) -> str:
    return base64.b64encode(text.encode()).decode()


# Row 8: every malformed parameter is a 400 in the API, a 404 on pages ------------------------


@pytest.mark.parametrize(
    "value", ["\uff11", "\u0661", "\u00b2", "0", "-1", " 1", "1 ", "9" * 20, "", "1.0"]
)
def test_parse_id_takes_ascii_digits_only(value):
    assert parse_id(value) is None


def test_parse_id_reads_an_id():
    assert (parse_id("42"), parse_id(42), parse_id(True)) == (42, 42, None)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "cursor",
    [
        _cursor("p=abc"),
        "!!!",
        _cursor("o=x"),
        _cursor("r=2"),
        _cursor("q=1"),
        _cursor("p=\uff11"),
        "%",
    ],
)
@pytest.mark.parametrize("where", ["enrollments", "roster"])
def test_a_crafted_cursor_is_a_400(liaison, department, cursor, where):
    path = (
        "/api/v1/enrollments/"
        if where == "enrollments"
        else (f"/api/v1/departments/{department.pk}/officers/")
    )

    response = token_client(liaison).get(path, {"cursor": cursor})

    assert response.status_code == 400
    assert "cursor" in response.json()


@pytest.mark.django_db
def test_a_cursor_the_api_gave_still_pages(liaison, department):
    from tests.api.conftest import bulk_officers

    bulk_officers(department, 55)
    client = token_client(liaison)

    first = client.get(f"/api/v1/departments/{department.pk}/officers/").json()
    second = client.get(first["next"])

    assert second.status_code == 200
    assert len(second.json()["results"]) == 5


@pytest.mark.django_db
@pytest.mark.parametrize("code", ["a/b", "a b/c", "x" * 40, "\x00"])
def test_verify_form_with_a_code_that_cannot_be_one_is_a_404(code):
    response = Client().get("/verify/", {"code": code})

    assert response.status_code == 404


@pytest.mark.django_db
def test_full_width_digits_are_not_ids_in_the_api(liaison, department):
    client = token_client(liaison)

    full = str(department.pk).translate(_FULL)

    summary = client.get(f"/api/v1/departments/{full}/summary/")
    listed = client.get("/api/v1/enrollments/", {"department": full})
    posted = client.post(
        "/api/v1/enrollments/",
        {"officer_ids": [str(liaison.pk).translate(_FULL)], "curriculum_id": 1},
        format="json",
    )

    assert summary.status_code == 404
    assert listed.status_code == 400
    assert posted.status_code == 400
    assert "officer_ids" in posted.json()


_FULL = str.maketrans("0123456789", "".join(chr(0xFF10 + d) for d in range(10)))


@pytest.mark.django_db
def test_full_width_digits_are_not_ids_on_pages(liaison, department):
    client = Client()
    client.force_login(liaison)
    full = str(department.pk).translate(_FULL)

    assert client.get("/department/", {"department": full}).status_code == 404
    assert client.get("/department/roster/", {"department": full}).status_code == 404
    assert client.get("/department/", {"department": str(department.pk)}).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("page", ["abc", "\uff11", "0", "-1", "1e3"])
def test_a_malformed_roster_page_number_is_a_404(liaison, department, page):
    factories.officer(department)
    client = Client()
    client.force_login(liaison)

    assert client.get("/department/officers/", {"page": page}).status_code == 404


# Row 9: personal data is never cached --------------------------------------------------------


def _no_store(response) -> bool:
    directives = {d.strip() for d in response.headers.get("Cache-Control", "").split(",")}
    return {"no-store", "private"} <= directives and "public" not in directives


@pytest.mark.django_db
def test_personal_pages_exports_and_the_api_are_not_cacheable(liaison, department, officer):
    client = Client()
    client.force_login(liaison)
    officer_client = Client()
    officer_client.force_login(officer)

    responses = {
        "roster": client.get("/department/officers/"),
        "roster import": client.get("/department/roster/import/"),
        "csv": client.get("/department/export/roster.csv"),
        "xlsx": client.get("/department/export/roster.xlsx"),
        "my-data": officer_client.get("/learn/my-data/"),
        "record": officer_client.get("/learn/record.json"),
        "api": token_client(liaison).get("/api/v1/enrollments/"),
        "api anonymous": Client().get("/api/v1/enrollments/"),
    }

    assert {name: r.status_code for name, r in responses.items()} == {
        **dict.fromkeys(responses, 200),
        "api anonymous": 401,
    }
    assert [name for name, r in responses.items() if not _no_store(r)] == []


@pytest.mark.django_db
def test_public_pages_stay_cacheable():
    response = Client().get("/verify/")

    assert "no-store" not in response.headers.get("Cache-Control", "")


# Row 5: the console mail backend never puts a secret link in the logs --------------------------

ROOT = Path(__file__).resolve().parent.parent
_SHOW_BACKEND = (
    "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','repair.settings'); "
    "from django.conf import settings as s; print(s.EMAIL_BACKEND)"
)


def _settings_with(env: dict[str, str]) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_URL"))
        and not k.startswith("REPAIR_")
    }
    production = {"DJANGO_DEBUG": "False", "DJANGO_SECRET_KEY": "k" * 60}
    return subprocess.run(
        [sys.executable, "-c", _SHOW_BACKEND],
        cwd=ROOT,
        env=clean | production | env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_debug_off_refuses_the_console_mail_backend():
    default = _settings_with({})
    named = _settings_with({"EMAIL_URL": "consolemail://"})

    assert default.returncode != 0
    assert named.returncode != 0
    assert "REPAIR_ALLOW_CONSOLE_EMAIL" in default.stderr


def test_debug_off_takes_the_console_backend_when_allowed_and_redacts_it():
    allowed = _settings_with({"REPAIR_ALLOW_CONSOLE_EMAIL": "True"})
    smtp = _settings_with({"EMAIL_URL": "smtp://mail:25"})

    assert allowed.returncode == 0, allowed.stderr
    assert allowed.stdout.strip() == "repair.mail.RedactingConsoleEmailBackend"
    assert smtp.stdout.strip() == "django.core.mail.backends.smtp.EmailBackend"


def test_console_backend_prints_messages_without_their_secret_links(capsys):
    from repair.mail import RedactingConsoleEmailBackend

    key = "3k-b6a1f2c9d8e7a6b5c4d3e2f1a0b9c8d7"
    reset = f"https://portal.example.org/accounts/password/reset/key/{key}/"
    invite = f"https://portal.example.org/invite/{key}/"
    # A line over 998 characters makes the body quoted-printable, splitting the links.
    body = "x" * 990 + f" {reset} {invite}"
    message = mail.EmailMultiAlternatives("Reset", body, to=["a@example.org"])
    message.attach_alternative(
        f'<a href="{reset}">reset</a> <a href="{invite}">join</a>', "text/html"
    )

    RedactingConsoleEmailBackend().send_messages([message])

    printed = capsys.readouterr().out
    assert key not in printed
    assert printed.count("[redacted]") == 4
    assert "/accounts/password/reset/key/[redacted]" in printed


# Row 7: control characters refused at every input; bad files end in a clear state -------------

ROSTER_HEADER = "email,first_name,last_name,badge_number,rank\n"


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _roster_upload(client, department, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return client.post(
        "/department/roster/import/",
        {"department": department.pk, "file": SimpleUploadedFile("r.csv", content, "text/csv")},
    )


def _liaison_client(liaison) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(liaison)
    return client


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "reason"),
    [
        ("a@x.test,Ann\x00,Lee,1,Officer", "control character"),
        ("a@x.test,Ctrl\x07Char,Lee,1,Officer", "control character"),
        ("a@x.test,Ann,Lee,1," + "R" * 65, "Too long: rank"),
        ("a@x.test," + "A" * 151 + ",Lee,1,Officer", "Too long: first_name"),
        ('a@x.test,"' + "A" * (129 * 1024) + '",Lee,1,Officer', "cannot be read"),
    ],
)
def test_a_bad_roster_field_is_an_error_of_its_line_and_nothing_is_written(
    media, liaison, department, row, reason
):
    from accounts.models import Membership

    client = _liaison_client(liaison)
    members = Membership.objects.count()

    upload = _roster_upload(client, department, (ROSTER_HEADER + row + "\n").encode())
    preview = client.get(upload["Location"])
    confirm = client.post(upload["Location"] + "confirm/")

    assert upload.status_code == 302
    assert preview.status_code == 200
    errors = preview.context["state"]["errors"]
    assert [e["line"] for e in errors] == [2]
    assert reason in errors[0]["reason"]
    assert confirm.status_code == 302
    assert Membership.objects.count() == members


@pytest.mark.django_db
def test_an_import_that_fails_while_writing_ends_failed(media, liaison, department, monkeypatch):
    from django.db import DatabaseError

    from accounts import roster

    client = _liaison_client(liaison)
    upload = _roster_upload(client, department, (ROSTER_HEADER + "a@x.test,A,L,1,O\n").encode())

    def refused(*args, **kwargs):
        raise DatabaseError("invalid byte sequence")

    monkeypatch.setattr(roster, "_memberships_write", refused)
    confirm = client.post(upload["Location"] + "confirm/")
    page = client.get(upload["Location"])

    assert confirm.status_code == 302
    assert page.context["state"]["status"] == "failed"
    assert page.context["busy"] is False
    assert "nothing was added" in page.content.decode()


@pytest.mark.django_db
def test_xlsx_export_holds_a_name_with_a_control_character(liaison, department):
    import io

    from openpyxl import load_workbook

    from accounts.models import AuditEvent

    officer = factories.officer(department, first_name="Ctrl\x07Char", last_name="=cmd")
    curriculum = factories.CurriculumFactory()
    factories.EnrollmentFactory(officer=officer, department=department, curriculum=curriculum)
    client = _liaison_client(liaison)

    response = client.get("/department/export/roster.xlsx")

    assert response.status_code == 200
    cells = {
        cell
        for row in load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
        for cell in row
    }
    assert {"CtrlChar", "'=cmd"} <= cells
    assert AuditEvent.objects.filter(action__contains="export").count() == 1


@pytest.mark.django_db
def test_control_characters_in_forms_queries_and_json_are_a_400(liaison, department):
    from accounts.models import Invitation

    client = _liaison_client(liaison)
    invitations = Invitation.objects.count()

    form = client.post(
        "/department/roster/invite/",
        {
            "department": department.pk,
            "email": "n@x.test",
            "first_name": "Ctrl\x07Char",
            "last_name": "Lee",
        },
    )
    query = client.get("/department/officers/", {"q": "a\x1bb"})
    api = token_client(liaison).post(
        "/api/v1/enrollments/",
        '{"officer_ids": [1], "curriculum_id": 1, "note": "a\\u0000b"}',
        content_type="application/json",
    )
    fine = client.get("/department/officers/", {"q": "tab\tok"})

    assert (form.status_code, query.status_code, api.status_code) == (400, 400, 400)
    assert api.json() == {"detail": "Bad request."}
    assert fine.status_code == 200
    assert Invitation.objects.count() == invitations
