"""Second security round (issue 15, rows 3-5, 7-9, 11): malformed parameters, caching of
personal data, control characters, the console mail backend, audit of privileged changes,
the tamper-evident audit chain and the compose proxy."""

from __future__ import annotations

import base64
import json
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
@pytest.mark.parametrize("code", ["a/b", "a b/c", "x" * 40, "a\u00e9b"])
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
    from django.db import DataError

    from accounts import roster

    client = _liaison_client(liaison)
    upload = _roster_upload(client, department, (ROSTER_HEADER + "a@x.test,A,L,1,O\n").encode())

    def refused(*args, **kwargs):
        raise DataError("PostgreSQL text fields cannot contain NUL (0x00) bytes")

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
def test_control_characters_are_a_400_in_forms_and_json_and_a_404_in_a_page_query(
    liaison, department
):
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

    # A page's malformed parameter is a 404 (row 8), a form's or the API's a 400.
    assert (form.status_code, query.status_code, api.status_code) == (400, 404, 400)
    assert api.json() == {"detail": "Bad request."}
    assert fine.status_code == 200
    assert Invitation.objects.count() == invitations


# Row 4: privileged changes reach the audit chain, whatever page or command made them -----------


def _events(prefix: str) -> list:
    from accounts.models import AuditEvent

    return list(AuditEvent.objects.filter(action__startswith=prefix).order_by("id"))


@pytest.mark.django_db
def test_staff_superuser_and_active_flags_changed_in_a_shell_are_audited():
    from accounts.audit import audit_chain_first_broken
    from accounts.models import User

    user = factories.UserFactory()
    user = User.objects.get(pk=user.pk)

    user.is_staff = True
    user.is_superuser = True
    user.save()
    user.is_active = False
    user.save(update_fields=["is_active"])

    changed = _events("user.access.changed")
    assert [e.data["fields"] for e in changed] == [
        {"is_staff": [False, True], "is_superuser": [False, True]},
        {"is_active": [True, False]},
    ]
    assert all(
        e.object_id == str(user.pk) and e.data["via"].startswith("command:") for e in changed
    )
    assert audit_chain_first_broken() is None


@pytest.mark.django_db
def test_a_password_set_in_the_admin_is_audited_without_the_password(staff_user):
    user = factories.UserFactory()
    client = Client()
    client.force_login(staff_user)
    password = "A-new-long-passphrase-9"

    response = client.post(
        f"/admin/accounts/user/{user.pk}/password/",
        {"password1": password, "password2": password, "usable_password": "true"},
    )

    assert response.status_code == 302
    [event] = _events("user.access.changed")
    assert event.actor_id == staff_user.pk
    assert event.data["fields"] == {"password": "changed"}
    assert event.data["via"] == f"POST /admin/accounts/user/{user.pk}/password/"
    assert password not in str(event.data)


@pytest.mark.django_db
def test_the_admin_ticking_staff_on_a_user_is_audited_with_the_admin_as_actor(staff_user):
    from accounts.models import User

    user = factories.UserFactory(first_name="Ann", last_name="Lee")
    client = Client()
    client.force_login(staff_user)
    page = client.get(f"/admin/accounts/user/{user.pk}/change/")
    form = page.context["adminform"].form
    data = {
        name: value
        for name, value in form.initial.items()
        if value is not None and name in form.fields and not isinstance(value, list | bool)
    }
    data.update(
        {
            "is_staff": "on",
            "is_active": "on",
            "date_joined_0": "2026-01-01",
            "date_joined_1": "10:00:00",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        }
    )

    response = client.post(f"/admin/accounts/user/{user.pk}/change/", data)

    assert response.status_code == 302, response.context["errors"]
    assert User.objects.get(pk=user.pk).is_staff
    [event] = _events("user.access.changed")
    assert (event.actor_id, event.data["fields"]) == (staff_user.pk, {"is_staff": [False, True]})


@pytest.mark.django_db
def test_memberships_partner_memberships_and_agreements_are_audited(department):
    from accounts.models import Membership

    officer = factories.officer(department)
    membership = Membership.objects.get(user=officer)
    membership.role = Membership.Role.LIAISON
    membership.save()
    partner_membership = factories.PartnerMembershipFactory()
    agreement = factories.DataSharingAgreementFactory(department=department)
    agreement.delete()
    partner_membership.delete()

    actions = [e.action for e in _events("membership") + _events("partner_membership")]
    agreements = _events("sharing_agreement")
    assert "membership.changed" in actions
    assert [e.data["fields"] for e in _events("membership.changed")] == [
        {"role": ["officer", "liaison"]}
    ]
    assert {"partner_membership.created", "partner_membership.deleted"} <= set(actions)
    assert [e.action for e in agreements] == [
        "sharing_agreement.created",
        "sharing_agreement.deleted",
    ]
    assert agreements[0].department_id == department.pk


@pytest.mark.django_db
def test_edits_to_published_content_are_audited_and_draft_edits_are_not():
    from accounts.models import AuditEvent
    from curriculum.models import Lesson

    curriculum = factories.small_curriculum()
    lesson = Lesson.objects.filter(module__version__curriculum=curriculum).first()
    lesson = Lesson.objects.get(pk=lesson.pk)
    before = AuditEvent.objects.order_by("-id").values_list("id", flat=True).first() or 0

    lesson.title = "Changed behind the version's back"
    lesson.save()
    curriculum.refresh_from_db()
    curriculum.title = "Renamed"
    curriculum.save()

    [content] = [e for e in _events("curriculum.published_content") if e.id > before]
    [catalogue] = [e for e in _events("curriculum.catalogue") if e.id > before]
    assert content.data["fields"]["title"][1] == "Changed behind the version's back"
    assert catalogue.data["fields"]["title"][1] == "Renamed"


# Row 3: a keyed chain, TRUNCATE refused, checkpoints outside the database ----------------------


def _chain(n: int = 4) -> list:
    from accounts.audit import audit_record

    return [audit_record(action=f"test.{i}", data={"n": i}) for i in range(n)]


def _as_owner(sql: str, params=()) -> None:
    """What the table's owner can do (the application's role cannot): switch the triggers off."""
    from django.db import connection

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE accounts_auditevent DISABLE TRIGGER USER")
        cursor.execute(sql, list(params))
        if connection.vendor == "postgresql":
            for name in ("append_only", "no_truncate"):
                cursor.execute(
                    f"ALTER TABLE accounts_auditevent ENABLE ALWAYS TRIGGER accounts_auditevent_{name}"
                )


def _audit_verify(*args: str) -> tuple[int, str]:
    from io import StringIO

    from django.core.management import call_command
    from django.core.management.base import CommandError

    out = StringIO()
    try:
        call_command("audit_verify", *args, stdout=out)
    except CommandError as error:
        return error.returncode, str(error)
    return 0, out.getvalue()


@pytest.mark.django_db
def test_a_row_rewritten_and_the_chain_rehashed_without_the_key_is_detected():
    from accounts.audit import audit_event_hash, audit_event_hash_unkeyed
    from accounts.models import AuditEvent

    events = _chain()
    # The attacker holds the database: rewrite event 2, re-chain every later row with plain
    # SHA-256 (the old scheme), and once more with a guessed key.
    for rehash in (audit_event_hash_unkeyed, lambda event: audit_event_hash(event=event, key="x")):
        prev = events[0].hash
        for event in AuditEvent.objects.filter(pk__gt=events[0].pk).order_by("id"):
            event.prev_hash = prev
            if event.pk == events[1].pk:
                event.data = {"n": "rewritten"}
            event.hash = (
                rehash(event=event) if rehash is audit_event_hash_unkeyed else rehash(event)
            )
            _as_owner(
                "UPDATE accounts_auditevent SET data = %s, prev_hash = %s, hash = %s WHERE id = %s",
                [json.dumps(event.data), event.prev_hash, event.hash, event.pk],
            )
            prev = event.hash

        code, message = _audit_verify()

        assert code == 1
        assert f"audit chain broken at event {events[1].pk}" in message


@pytest.mark.django_db
def test_the_chain_key_comes_from_settings(settings):
    _chain(2)
    assert _audit_verify()[0] == 0

    settings.REPAIR_AUDIT_KEY = "another-key-of-at-least-thirty-two-chars"

    assert _audit_verify()[0] == 1


@pytest.mark.django_db
def test_checkpoints_detect_truncation_and_tail_deletion(tmp_path):
    from accounts.audit import audit_checkpoint_write

    events = _chain(5)
    checkpoints = tmp_path / "checkpoints.jsonl"
    audit_checkpoint_write(path=checkpoints)
    intact = _audit_verify("--checkpoints", str(checkpoints))
    _as_owner("DELETE FROM accounts_auditevent WHERE id >= %s", [events[3].pk])
    tail_cut_chain = _audit_verify()
    tail_cut = _audit_verify("--checkpoints", str(checkpoints))
    _as_owner("DELETE FROM accounts_auditevent")
    truncated = _audit_verify("--checkpoints", str(checkpoints))

    assert intact[0] == 0 and "1 checkpoints hold" in intact[1]
    # The chain alone cannot see rows cut off its end; the checkpoint can.
    assert tail_cut_chain[0] == 0
    assert tail_cut[0] == 1
    assert f"head event {events[4].pk} is missing" in tail_cut[1]
    assert truncated[0] == 1


@pytest.mark.django_db
def test_the_daily_checkpoint_task_appends_a_line_and_logs_it(settings, tmp_path, caplog):
    from worker.tasks.audit import audit_checkpoint_task

    settings.REPAIR_AUDIT_CHECKPOINT_FILE = tmp_path / "audit" / "checkpoints.jsonl"
    events = _chain(3)
    caplog.set_level("INFO", logger="repair.audit")

    audit_checkpoint_task()
    audit_checkpoint_task()

    lines = settings.REPAIR_AUDIT_CHECKPOINT_FILE.read_text().splitlines()
    assert [json.loads(line)["head_hash"] for line in lines] == [events[-1].hash] * 2
    assert json.loads(lines[0])["count"] == 3
    assert f"head {events[-1].pk} {events[-1].hash}" in caplog.text
    entry = settings.CELERY_BEAT_SCHEDULE["audit-checkpoint"]
    assert entry["task"] == "worker.audit_checkpoint"


@pytest.mark.django_db
def test_postgresql_refuses_truncate_and_replica_mode_writes():
    from django.db import DatabaseError, connection, transaction

    if connection.vendor != "postgresql":
        pytest.skip("the triggers exist on PostgreSQL only")
    _chain(2)
    for sql in (
        "TRUNCATE accounts_auditevent",
        "UPDATE accounts_auditevent SET action = 'x'",
        "DELETE FROM accounts_auditevent",
    ):
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
            # As the owner, without the test database's explicit opt-in (tests/conftest.py).
            cursor.execute("SET LOCAL repair.audit_truncate = ''")
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(sql)


@pytest.mark.django_db(transaction=True)
def test_the_application_role_can_only_read_and_append_to_the_audit_trail():
    """deploy/postgres/app-role.sql, run as the owner, gives the role compose's web, worker
    and beat use; that role cannot update, delete, truncate or switch the triggers off."""
    import shutil

    import psycopg
    from django.db import connection

    if connection.vendor != "postgresql" or shutil.which("psql") is None:
        pytest.skip("needs PostgreSQL and psql")
    params = connection.get_connection_params()
    role = f"repair_app_test_{os.getpid()}"
    base = ["psql", "-h", params.get("host", ""), "-U", params["user"], "-d", params["dbname"]]
    setup = subprocess.run(
        [
            *base,
            "-v",
            f"app_user={role}",
            "-v",
            "app_password=pw-for-tests",
            "-f",
            str(ROOT / "deploy" / "postgres" / "app-role.sql"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert setup.returncode == 0, setup.stderr
    _chain(1)
    refused = []
    try:
        with psycopg.connect(
            host=params.get("host"),
            port=params.get("port"),
            dbname=params["dbname"],
            user=role,
            password="pw-for-tests",
            autocommit=True,
        ) as app:
            app.execute("SELECT count(*) FROM accounts_auditevent").fetchone()
            for sql in (
                "UPDATE accounts_auditevent SET action = 'x'",
                "DELETE FROM accounts_auditevent",
                "TRUNCATE accounts_auditevent",
                "ALTER TABLE accounts_auditevent DISABLE TRIGGER USER",
            ):
                try:
                    app.execute(sql)
                except psycopg.Error as error:
                    refused.append(type(error).__name__)
    finally:
        subprocess.run(
            [*base, "-c", f'DROP OWNED BY "{role}"; DROP ROLE "{role}"'],
            capture_output=True,
            timeout=60,
        )

    assert refused == ["InsufficientPrivilege"] * 4


@pytest.mark.django_db
def test_the_outbox_admin_shows_invitation_links_redacted(staff_user):
    from worker.models import Notification

    key = "inv-key-abcdefghijklmnopqrstuvwxyz"
    notification = Notification.objects.create(
        kind="invitation",
        to_email="new@example.org",
        dedupe_key="invitation:test",
        context={"link": f"https://portal.example.org/invite/{key}/"},
    )
    client = Client()
    client.force_login(staff_user)

    page = client.get(f"/admin/worker/notification/{notification.pk}/change/")

    assert page.status_code == 200
    assert key not in page.content.decode()
    assert "/invite/[redacted]" in page.content.decode()
