"""Operations: backup and restore, static files under gunicorn, gunicorn sizing, the CI audit."""

from __future__ import annotations

import hashlib
import json
import os
import re
import runpy
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
import yaml
from django.db import connection

from accounts.audit import audit_record
from accounts.models import AuditEvent
from tests import factories

ROOT = Path(__file__).resolve().parent.parent
judge = runpy.run_path(str(ROOT / "scripts" / "pip_audit_ci.py"))["judge"]


def _clean_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_URL"))
    }
    env.update(extra)
    return env


# --- backup and restore --------------------------------------------------------------------


def _pg_url(settings_dict: dict, name: str) -> str:
    user = quote(settings_dict["USER"] or "", safe="")
    password = quote(settings_dict["PASSWORD"] or "", safe="")
    auth = f"{user}:{password}@" if password else f"{user}@"
    host = settings_dict["HOST"] or "127.0.0.1"
    port = settings_dict["PORT"] or 5432
    return f"postgres://{auth}{host}:{port}/{name}"


def _snapshot(url: str) -> dict[str, tuple[int, str]]:
    """Every table of the public schema: (row count, MD5 of all its rows in a stable order)."""
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename"
            )
        ]
        snapshot = {}
        for table in tables:
            count, digest = conn.execute(
                f"SELECT count(*), md5(coalesce(string_agg(t::text, chr(10) ORDER BY t::text), '')) FROM \"{table}\" t"
            ).fetchone()
            snapshot[table] = (count, digest)
        return snapshot


def _audit_chain_checksum(url: str) -> str:
    with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
        rows = conn.execute(
            "SELECT id, prev_hash, hash FROM accounts_auditevent ORDER BY id"
        ).fetchall()
    return hashlib.sha256(repr(rows).encode()).hexdigest()


def _build_data() -> int:
    department = factories.DepartmentFactory()
    officers = [factories.officer(department) for _ in range(3)]
    liaison = factories.liaison(department)
    curriculum = factories.ModuleFactory().version.curriculum
    for officer in officers:
        enrollment = factories.EnrollmentFactory(
            officer=officer, curriculum=curriculum, department=department
        )
        audit_record(
            action="enrollment.created", actor=liaison, obj=enrollment, department=department
        )
    audit_record(action="roster.viewed", actor=liaison, department=department, data={"n": 3})
    # Four events here, and the memberships the factories made (accounts.audit_watch).
    return AuditEvent.objects.count()


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_round_trip_loses_nothing(tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip(
            "make backup/restore use pg_dump/pg_restore: DATABASE_URL is not PostgreSQL here "
            "(CI's second run sets it)"
        )
    audit_events = _build_data()
    settings_dict = connection.settings_dict
    source = _pg_url(settings_dict, settings_dict["NAME"])
    target_name = f"repair_restore_{uuid.uuid4().hex[:10]}"
    admin_url = _pg_url(settings_dict, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(admin_url, autocommit=True) as admin:
        admin.execute(f'CREATE DATABASE "{target_name}"')
    target = _pg_url(settings_dict, target_name)
    try:
        backup = subprocess.run(
            ["make", "-s", "backup"],
            cwd=ROOT,
            env=_clean_env(DATABASE_URL=source, BACKUP_DIR=str(tmp_path)),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert backup.returncode == 0, backup.stderr
        dump = Path(backup.stdout.strip().splitlines()[-1])
        assert dump.parent == tmp_path
        assert re.fullmatch(r"repair-\d{8}T\d{6}Z\.dump", dump.name)
        assert Path(f"{dump}.sha256").is_file()

        restore = subprocess.run(
            ["make", "-s", "restore", f"BACKUP={dump}", "YES=1"],
            cwd=ROOT,
            env=_clean_env(DATABASE_URL=target),
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert restore.returncode == 0, restore.stderr

        before, after = _snapshot(source), _snapshot(target)
        assert after == before
        assert before["accounts_auditevent"][0] == audit_events
        assert before["curriculum_enrollment"][0] == 3
        assert _audit_chain_checksum(target) == _audit_chain_checksum(source)
        verify = subprocess.run(
            [sys.executable, "manage.py", "audit_verify"],
            cwd=ROOT,
            env=_clean_env(DATABASE_URL=target),
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert verify.returncode == 0, verify.stdout + verify.stderr
        assert verify.stdout.strip() == f"audit chain intact ({audit_events} events)"
    finally:
        with psycopg.connect(admin_url, autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{target_name}" WITH (FORCE)')


def test_backup_refuses_a_database_url_that_is_not_postgresql(tmp_path):
    result = subprocess.run(
        ["make", "-s", "backup"],
        cwd=ROOT,
        env=_clean_env(DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3", BACKUP_DIR=str(tmp_path)),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "DATABASE_URL is not a PostgreSQL URL (sqlite://...)" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_restore_refuses_a_corrupted_backup(tmp_path):
    dump = tmp_path / "repair-20260101T000000Z.dump"
    dump.write_bytes(b"PGDMP original")
    digest = hashlib.sha256(b"PGDMP original").hexdigest()
    (tmp_path / f"{dump.name}.sha256").write_text(f"{digest}  {dump.name}\n")
    dump.write_bytes(b"PGDMP tampered")

    result = subprocess.run(
        ["make", "-s", "restore", f"BACKUP={dump}", "YES=1"],
        cwd=ROOT,
        env=_clean_env(DATABASE_URL="postgres://nobody@127.0.0.1:1/none"),
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode != 0
    assert "FAILED" in result.stdout + result.stderr
    assert "restored" not in result.stdout


# --- gunicorn --------------------------------------------------------------------------------


def test_gunicorn_is_sized_for_the_cpus_it_may_use(monkeypatch):
    for name in ("GUNICORN_WORKERS", "GUNICORN_THREADS", "GUNICORN_GRACEFUL_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    cpus = config["_available_cpus"]()
    assert 1 <= cpus <= (os.cpu_count() or 1)
    assert config["workers"] == 2 * cpus + 1
    assert config["worker_class"] == "gthread"
    assert config["threads"] == 4
    assert config["graceful_timeout"] == 30
    assert config["accesslog"] is None


def test_gunicorn_numbers_come_from_the_environment(monkeypatch):
    monkeypatch.setenv("GUNICORN_WORKERS", "3")
    monkeypatch.setenv("GUNICORN_GRACEFUL_TIMEOUT", "20")

    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    assert (config["workers"], config["graceful_timeout"]) == (3, 20)


def test_compose_gives_web_and_worker_time_to_stop_gracefully():
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    config = runpy.run_path(str(ROOT / "gunicorn.conf.py"))

    def seconds(value: str) -> int:
        return int(value.rstrip("s"))

    assert seconds(services["web"]["stop_grace_period"]) > config["graceful_timeout"]
    assert services["worker"]["stop_signal"] == "SIGTERM"
    assert seconds(services["worker"]["stop_grace_period"]) >= 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _get(url: str, headers: dict[str, str]):
    request = urllib.request.Request(url, headers=headers)
    try:
        return urllib.request.urlopen(request, timeout=10)
    except urllib.error.HTTPError as error:
        return error


def test_production_server_serves_hashed_compressed_static_files_and_json_logs(tmp_path):
    """collectstatic under production settings, then gunicorn with gunicorn.conf.py."""
    env = _clean_env(
        DJANGO_DEBUG="False",
        EMAIL_URL="dummymail://",
        DJANGO_SECRET_KEY="ops-test-" + uuid.uuid4().hex + uuid.uuid4().hex,
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DJANGO_STATIC_ROOT=str(tmp_path / "static"),
        DJANGO_SECURE_SSL_REDIRECT="False",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        GUNICORN_WORKERS="1",
        GUNICORN_BIND=f"127.0.0.1:{_free_port()}",
    )
    collect = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--verbosity", "0"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert collect.returncode == 0, collect.stderr
    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/repair.css"]
    assert re.fullmatch(r"css/repair\.[0-9a-f]{12}\.css", hashed)
    assert (tmp_path / "static" / f"{hashed}.gz").is_file()

    log_path = tmp_path / "gunicorn.log"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "repair.wsgi:application", "-c", "gunicorn.conf.py"],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    base = f"http://{env['GUNICORN_BIND']}"
    try:
        _wait_until_up(f"{base}/api/health/", server, log_path)
        static = _get(f"{base}/static/{hashed}", {"Accept-Encoding": "gzip"})
        secure_404 = _get(f"{base}/no-such-page/?token=abc", {"X-Forwarded-Proto": "https"})
    finally:
        server.terminate()
        server.wait(timeout=60)

    assert static.status == 200
    assert static.headers["Content-Encoding"] == "gzip"
    assert "immutable" in static.headers["Cache-Control"]
    assert static.headers["Permissions-Policy"]
    assert secure_404.status == 404
    assert secure_404.headers["Strict-Transport-Security"].startswith("max-age=31536000")
    assert f'href="/static/{hashed}"' in secure_404.read().decode()
    lines = [json.loads(line) for line in log_path.read_text().splitlines() if line.startswith("{")]
    request_lines = [line for line in lines if line["logger"] == "repair.request"]
    page = next(line for line in request_lines if line["path"] == "/no-such-page/")
    assert page["request_id"] == secure_404.headers["X-Request-ID"]
    assert page["status"] == 404
    assert "token" not in log_path.read_text()
    assert any(line["logger"] == "gunicorn.error" for line in lines)


def _wait_until_up(url: str, server: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if server.poll() is not None:
            break
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.5)
    pytest.fail("gunicorn did not answer:\n" + log_path.read_text()[-3000:])


# --- the dependency audit in CI --------------------------------------------------------------


def test_audit_fails_on_a_known_vulnerability():
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.0", "vulns": [], "skip_reason": None},
            {
                "name": "examplepkg",
                "version": "1.0",
                "vulns": [{"id": "PYSEC-2026-1", "fix_versions": ["1.0.1"]}],
            },
        ]
    }

    verdict = judge(report, "", 1)

    assert verdict.exit_code == 1
    assert verdict.lines[1] == "  examplepkg 1.0: PYSEC-2026-1 (fixed in 1.0.1)"


def test_audit_says_it_was_not_performed_when_no_package_could_be_asked_about():
    report = {
        "dependencies": [
            {
                "name": "django",
                "skip_reason": "Dependency not found on PyPI and could not be audited",
            },
            {
                "name": "celery",
                "skip_reason": "Dependency not found on PyPI and could not be audited",
            },
        ]
    }

    verdict = judge(report, "", 0)

    assert verdict.exit_code == 0
    assert verdict.lines[0].startswith("pip-audit: AUDIT NOT PERFORMED")


def test_audit_says_it_was_not_performed_when_the_service_is_unreachable():
    stderr = (
        "requests.exceptions.ConnectionError: HTTPSConnectionPool(host=...): Max retries exceeded"
    )

    verdict = judge(None, stderr, 1)

    assert verdict.exit_code == 0
    assert verdict.lines == [
        "pip-audit: AUDIT NOT PERFORMED: the vulnerability service is unreachable."
    ]


def test_audit_fails_when_pip_audit_itself_breaks():
    verdict = judge(None, "error: unrecognized arguments: --bogus", 2)

    assert verdict.exit_code == 2


def test_audit_passes_and_names_skipped_packages_when_the_rest_was_audited():
    report = {
        "dependencies": [
            {"name": "django", "version": "5.2.19", "vulns": []},
            {"name": "private-pkg", "skip_reason": "Dependency not found on PyPI"},
        ]
    }

    verdict = judge(report, "", 0)

    assert verdict.exit_code == 0
    assert verdict.lines == [
        "pip-audit: 1 packages audited, no known vulnerabilities.",
        "  skipped private-pkg: Dependency not found on PyPI",
    ]
