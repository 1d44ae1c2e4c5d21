"""docs/scaling.md: compose's "scale" profile (two web replicas, two workers, PgBouncer, a read
replica, still one beat), the settings it turns on, and the replica router."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from repair.db_router import REPLICA, ReplicaRouter, replica_reads, replica_reads_active

ROOT = Path(__file__).resolve().parent.parent
SCALE = ["scale"]


def _services() -> dict:
    return yaml.safe_load((ROOT / "compose.yaml").read_text())["services"]


def _host(url: str) -> str:
    return urlsplit(url).hostname


def test_the_scale_profile_starts_two_web_replicas_and_two_workers_through_pgbouncer():
    services = _services()
    web, worker = services["web-pool"], services["worker-pool"]

    assert (web["profiles"], worker["profiles"]) == (SCALE, SCALE)
    assert (web["deploy"]["replicas"], worker["deploy"]["replicas"]) == (2, 2)
    assert web["command"] == services["web"]["command"]
    assert worker["command"] == services["worker"]["command"]
    for service in (web, worker):
        env = service["environment"]
        assert _host(env["DATABASE_URL"]) == "pgbouncer"
        assert _host(env["DATABASE_REPLICA_URL"]) == "db-replica"
        assert env["REPAIR_DB_POOLED"] == "True"
        assert env["CELERY_BROKER_URL"] == services["web"]["environment"]["CELERY_BROKER_URL"]
    # Replicas cannot share a fixed host port: the proxy reaches them as `web` on its network.
    assert "ports" not in web
    assert web["networks"]["edge"]["aliases"] == ["web"]
    assert "web:8000" in (ROOT / "deploy" / "Caddyfile").read_text()
    for service in (web, worker):
        env = service["environment"]
        assert urlsplit(env["DATABASE_URL"]).username == "repair_app"
        assert env["REPAIR_AUDIT_KEY"] == services["web"]["environment"]["REPAIR_AUDIT_KEY"]
    assert "audit:/data/audit" in worker["volumes"]
    assert "audit:/data/audit" in services["worker"]["volumes"]
    assert web["stop_grace_period"] == services["web"]["stop_grace_period"]
    assert (worker["stop_signal"], worker["stop_grace_period"]) == ("SIGTERM", "60s")
    assert worker["environment"]["REPAIR_SENDER_JOURNAL_DIR"] == "/data/sender-journal"
    assert "sender-journal:/data/sender-journal" in worker["volumes"]


def test_the_scale_profile_adds_pgbouncer_and_a_streaming_replica_and_keeps_one_beat():
    services = _services()
    bouncer, replica = services["pgbouncer"], services["db-replica"]

    assert (bouncer["profiles"], replica["profiles"]) == (SCALE, SCALE)
    assert bouncer["environment"]["POOL_MODE"] == "transaction"
    assert bouncer["environment"]["DB_HOST"] == "db"
    assert bouncer["environment"]["DB_USER"] == services["db"]["environment"]["REPAIR_DB_APP_USER"]
    command = " ".join(replica["command"])
    assert "pg_basebackup -h db" in command and " -R " in command
    assert replica["image"] == services["db"]["image"]
    assert "pgreplica:/var/lib/postgresql/data" in replica["volumes"]
    # The primary accepts replication connections (a fresh volume runs the init script).
    mount = next(v for v in services["db"]["volumes"] if "initdb.d/20-replication.sh" in v)
    script = ROOT / mount.split(":")[0]
    assert "host replication all all scram-sha-256" in script.read_text()
    # Exactly one beat, in every profile; migrations bypass PgBouncer.
    beats = [name for name, s in services.items() if "beat" in s.get("command", [])]
    assert beats == ["beat"] and services["beat"]["deploy"]["replicas"] == 1
    assert _host(services["migrate"]["environment"]["DATABASE_URL"]) == "db"
    # The default `docker compose up` starts none of the profile's services.
    for name in ("pgbouncer", "db-replica", "web-pool", "worker-pool"):
        assert services[name]["profiles"] == SCALE
    unprofiled = {name for name, s in services.items() if "profiles" not in s}
    assert {"db", "redis", "mail", "migrate", "web", "worker", "beat"} <= unprofiled


def _settings_with(env: dict[str, str]) -> dict:
    code = (
        "import json; from django.conf import settings; "
        "print(json.dumps({k: {'HOST': v.get('HOST'), "
        "'DISABLE_SERVER_SIDE_CURSORS': v.get('DISABLE_SERVER_SIDE_CURSORS', False), "
        "'MIRROR': v.get('TEST', {}).get('MIRROR')} for k, v in settings.DATABASES.items()}))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "repair.settings", **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def test_pooled_settings_and_the_replica_database():
    plain = _settings_with({"DATABASE_URL": "postgres://u:p@primary:5432/repair"})
    pooled = _settings_with(
        {
            "DATABASE_URL": "postgres://u:p@pgbouncer:5432/repair",
            "DATABASE_REPLICA_URL": "postgres://u:p@db-replica:5432/repair",
            "REPAIR_DB_POOLED": "True",
        }
    )

    assert set(plain) == {"default"}
    assert plain["default"]["DISABLE_SERVER_SIDE_CURSORS"] is False
    assert pooled["default"] == {
        "HOST": "pgbouncer",
        "DISABLE_SERVER_SIDE_CURSORS": True,
        "MIRROR": None,
    }
    assert pooled[REPLICA] == {"HOST": "db-replica", "DISABLE_SERVER_SIDE_CURSORS": True,
                               "MIRROR": "default"}  # fmt: skip


def test_the_router_sends_only_reads_inside_replica_reads_and_only_when_there_is_a_replica(
    settings,
):
    router = ReplicaRouter()
    assert router.db_for_read(None) is None
    with replica_reads():
        assert router.db_for_read(None) is None  # no replica configured
    settings.DATABASES = {**settings.DATABASES, REPLICA: dict(settings.DATABASES["default"])}
    with replica_reads():
        assert router.db_for_read(None) == REPLICA
        assert router.db_for_write(None) is None
    assert router.db_for_read(None) is None
    assert router.allow_migrate(REPLICA, "curriculum") is False
    assert router.allow_migrate("default", "curriculum") is None


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("module", "path"),
    [
        ("partners.api.views", "/api/v1/partner/aggregates/?group_by=state"),
        ("partners.views", "/partner/"),
    ],
)
def test_the_partner_aggregates_and_dashboard_read_their_report_inside_replica_reads(
    client, monkeypatch, module, path
):
    import importlib

    from tests import factories
    from tests.partners.builders import partner_user

    views = importlib.import_module(module)
    seen = []
    latest = views.partner_report_latest

    def spy(**kwargs):
        seen.append(replica_reads_active())
        return latest(**kwargs)

    monkeypatch.setattr(views, "partner_report_latest", spy)
    partner = factories.PartnerOrganizationFactory()
    client.force_login(partner_user(partner, email="reviewer@example.test"))

    response = client.get(path)

    assert (response.status_code, seen) == (200, [True])
    assert replica_reads_active() is False
