"""The audit trail: hash chain, audit_verify, and no update or delete from the application."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

from accounts.audit import audit_record
from accounts.models import AuditEvent

pytestmark = pytest.mark.django_db


def _tamper(sql: str, params: list) -> None:
    """Change the table behind the application's back, as its owner could (the application's
    role cannot: it does not own the table, so it cannot disable the trigger)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE accounts_auditevent DISABLE TRIGGER USER")  # as owner
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for name in ("append_only", "no_truncate"):
                cursor.execute(
                    f"ALTER TABLE accounts_auditevent ENABLE ALWAYS TRIGGER accounts_auditevent_{name}"
                )


def _three_events(officer):
    return [
        audit_record(action="test.one", actor=officer, data={"n": 1}),
        audit_record(action="test.two", actor=officer, client_ip="192.0.2.1"),
        audit_record(action="test.three", data={"n": 3}),
    ]


def _verify() -> str:
    out = StringIO()
    call_command("audit_verify", stdout=out)
    return out.getvalue()


def _run_command_cli() -> tuple[int, str]:
    from django.core.management import ManagementUtility

    utility = ManagementUtility(["manage.py", "audit_verify"])
    try:
        utility.execute()
    except SystemExit as exit_:
        return exit_.code, ""
    return 0, ""


def test_events_are_chained(officer):
    first, second, third = _three_events(officer)

    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash
    assert _verify() == f"audit chain intact ({AuditEvent.objects.count()} events)\n"


def test_audit_verify_names_a_row_altered_with_raw_sql(officer, capsys):
    _first, second, _third = _three_events(officer)
    _tamper(
        "UPDATE accounts_auditevent SET client_ip = %s WHERE id = %s", ["198.51.100.9", second.pk]
    )

    code, _ = _run_command_cli()

    assert code == 1
    assert f"audit chain broken at event {second.pk}" in capsys.readouterr().err


def test_audit_verify_detects_a_deleted_row(officer, capsys):
    _first, second, third = _three_events(officer)
    _tamper("DELETE FROM accounts_auditevent WHERE id = %s", [second.pk])

    code, _ = _run_command_cli()

    assert code == 1
    assert f"audit chain broken at event {third.pk}" in capsys.readouterr().err


@pytest.mark.skipif(connection.vendor != "postgresql", reason="trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete(officer):
    from django.db import DatabaseError, transaction

    event = audit_record(action="test.one")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).update(action="edited")
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEvent.objects.filter(pk=event.pk).delete()
