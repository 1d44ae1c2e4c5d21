"""The skeleton: settings defaults, health endpoint, database constraints, compose file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.db import IntegrityError, transaction

from curriculum.models import Enrollment
from tests import factories

ROOT = Path(__file__).resolve().parent.parent


def _run_settings(env: dict[str, str], code: str) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_URL"))
    }
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=60,
    )


SHOW = (
    "import django, os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','repair.settings'); "
    "from django.conf import settings as s; "
    "print(s.DATABASES['default']['ENGINE'], s.CACHES['default']['BACKEND'], "
    "s.EMAIL_BACKEND, s.CELERY_TASK_ALWAYS_EAGER)"
)


def test_fresh_environment_uses_embedded_defaults():
    result = _run_settings({}, SHOW)

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.sqlite3",
        "django.core.cache.backends.locmem.LocMemCache",
        "repair.mail.RedactingConsoleEmailBackend",
        "True",
    ]


def test_service_urls_switch_to_real_services():
    result = _run_settings(
        {
            "DATABASE_URL": "postgres://u:p@db:5432/repair",
            "REDIS_URL": "redis://redis:6379/1",
            "CELERY_BROKER_URL": "redis://redis:6379/0",
            "EMAIL_URL": "smtp://mail:1025",
        },
        SHOW,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "django.db.backends.postgresql",
        "django.core.cache.backends.redis.RedisCache",
        "django.core.mail.backends.smtp.EmailBackend",
        "False",
    ]


def test_debug_off_without_secret_key_refuses_to_start():
    result = _run_settings({"DJANGO_DEBUG": "False"}, SHOW)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


def test_check_deploy_is_clean_under_production_environment():
    env = {
        "DJANGO_DEBUG": "False",
        "DJANGO_SECRET_KEY": "x" * 30 + "-production-like-secret-key-for-the-check",
        "DJANGO_ALLOWED_HOSTS": "repair.example.org",
        "REPAIR_OB_SIGNING_KEYS": "ob-2026:" + "A" * 43,
        "EMAIL_URL": "smtp://mail.example.org:25",
    }
    code = "import sys; from django.core.management import execute_from_command_line as e; e(['m','check','--deploy','--fail-level','WARNING'])"
    result = _run_settings(env | {"DJANGO_SETTINGS_MODULE": "repair.settings"}, code)

    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_health_reports_database_and_broker(client, settings):
    response = client.get("/api/health/")

    assert response.status_code == 200
    body = response.json()
    assert body["database"] == "ok"
    assert body["status"] in {"ok", "degraded"}
    expected_broker = "in-process" if settings.CELERY_TASK_ALWAYS_EAGER else "ok"
    assert body["broker"] == expected_broker


@pytest.mark.django_db
def test_health_answers_503_when_database_is_down(client, monkeypatch):
    monkeypatch.setattr("repair.health.database_status", lambda: "down")

    response = client.get("/api/health/")

    assert response.status_code == 503
    assert response.json()["status"] == "down"


@pytest.mark.django_db
def test_one_enrollment_per_officer_and_curriculum():
    enrollment = factories.EnrollmentFactory()

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EnrollmentFactory(
            officer=enrollment.officer,
            curriculum=enrollment.curriculum,
            department=enrollment.department,
        )
    assert Enrollment.objects.count() == 1


@pytest.mark.django_db
def test_completed_enrollment_needs_completion_time():
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.EnrollmentFactory(status=Enrollment.Status.COMPLETED, completed_at=None)


@pytest.mark.django_db
def test_officer_belongs_to_one_department_at_a_time():
    user = factories.officer()

    with pytest.raises(IntegrityError), transaction.atomic():
        factories.OfficerMembershipFactory(user=user)


def test_compose_reaches_gunicorn_only_through_the_tls_proxy():
    """Issue 15 row 11: a client that reaches gunicorn directly spoofs X-Forwarded-For."""
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]
    caddyfile = (ROOT / "deploy" / "Caddyfile").read_text()

    assert "ports" not in services["web"]
    assert services["web"]["environment"]["REPAIR_TRUSTED_PROXIES"] == "1"
    assert "edge" in services["web"]["networks"]
    assert services["proxy"]["networks"] == ["edge"]
    assert services["proxy"]["image"].startswith("caddy:")
    assert {"80:80", "443:443"} <= set(services["proxy"]["ports"])
    assert "./deploy/Caddyfile:/etc/caddy/Caddyfile:ro" in services["proxy"]["volumes"]
    assert "reverse_proxy web:8000" in caddyfile
    # No other service is published beyond this machine.
    for name, service in services.items():
        if name == "proxy":
            continue
        for port in service.get("ports", []):
            assert str(port).startswith("127.0.0.1:"), (name, port)
    assert services["web"]["environment"]["REPAIR_SITE_URL"].startswith(
        "${REPAIR_SITE_URL:-https://"
    )


def test_compose_runs_the_app_under_a_role_that_does_not_own_the_audit_table():
    """Issue 15 row 3: migrations as the owner, everything else as the application's role."""
    services = yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]

    def user(service: str) -> str:
        return services[service]["environment"]["DATABASE_URL"].split("//")[1].split(":")[0]

    assert user("migrate") == services["db"]["environment"]["POSTGRES_USER"] == "repair"
    assert {user(name) for name in ("web", "worker", "beat")} == {"repair_app"}
    assert services["db"]["environment"]["REPAIR_DB_APP_USER"] == "repair_app"
    mounts = services["db"]["volumes"]
    assert (
        "./deploy/postgres/10-app-role.sh:/docker-entrypoint-initdb.d/10-app-role.sh:ro" in mounts
    )
    assert "./deploy/postgres/app-role.sql:/etc/repair/app-role.sql:ro" in mounts
    assert (ROOT / "deploy" / "postgres" / "app-role.sql").is_file()
    for name in ("web", "worker", "beat"):
        environment = services[name]["environment"]
        assert environment["REPAIR_AUDIT_KEY"].startswith("${REPAIR_AUDIT_KEY:?")
        assert environment["REPAIR_AUDIT_CHECKPOINT_FILE"] == "/data/audit/checkpoints.jsonl"
        assert "audit:/data/audit" in services[name]["volumes"]


def test_compose_describes_the_production_stack():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text())
    services = compose["services"]

    assert set(services) >= {"db", "redis", "migrate", "web", "worker", "beat", "mail"}
    assert services["db"]["image"].startswith("postgres:16")
    assert services["redis"]["image"].startswith("redis:7")
    assert "gunicorn" in " ".join(services["web"]["command"])
    assert "worker" in services["worker"]["command"]
    assert "beat" in services["beat"]["command"]
    assert services["beat"].get("deploy", {}).get("replicas", 1) == 1
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"
    assert services["web"]["depends_on"]["db"]["condition"] == "service_healthy"
    for name in ("db", "redis", "web"):
        assert "healthcheck" in services[name], name
    for name in ("web", "worker", "beat", "migrate"):
        environment = services[name]["environment"]
        assert environment["DATABASE_URL"].startswith("postgres://")
        assert environment["CELERY_BROKER_URL"].startswith("redis://")
        assert environment["DJANGO_DEBUG"] == "False"
