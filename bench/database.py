"""A fresh PostgreSQL database for one bench run, and the environment the portal runs under.

The bench runs the portal the way production does (DEBUG off, MFA required, gunicorn), with
documented departures: no TLS redirect (loopback HTTP), API rate limits raised out of the way
(the load is the point, not the throttle), warnings-only logging, and in-process requests keep
their database connection.
"""

from __future__ import annotations

import os
import secrets
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

DEFAULT_SERVER = "postgres://postgres@127.0.0.1:5432/postgres"


def database_url(*, server_url: str, name: str) -> str:
    parts = urlsplit(server_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def _admin_connection(server_url: str) -> psycopg.Connection:
    return psycopg.connect(database_url(server_url=server_url, name="postgres"), autocommit=True)


def database_create(*, server_url: str, name: str) -> str:
    """Create an empty database (dropping a leftover of the same name); returns its URL."""
    with _admin_connection(server_url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
    return database_url(server_url=server_url, name=name)


def database_drop(*, server_url: str, name: str) -> None:
    with _admin_connection(server_url) as connection:
        connection.execute(
            sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
        )


def database_exists(*, server_url: str, name: str) -> bool:
    with _admin_connection(server_url) as connection:
        row = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone()
    return row is not None


def portal_environment(*, database: str) -> dict[str, str]:
    """Environment variables for the portal in this process and in its subprocesses."""
    env = {
        "DJANGO_SETTINGS_MODULE": "repair.settings",
        "DATABASE_URL": database,
        "DJANGO_DEBUG": "False",
        "EMAIL_URL": "memorymail://",
        "DJANGO_SECRET_KEY": os.environ.get("BENCH_SECRET_KEY") or secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "DJANGO_SECURE_SSL_REDIRECT": "False",
        "DJANGO_LOG_LEVEL": "WARNING",
        "REPAIR_REQUIRE_MFA": "True",
        "REPAIR_API_RATE_USER": "1000000/minute",
        "REPAIR_API_RATE_TOKEN": "1000000/minute",
        "REPAIR_API_RATE_ANON": "1000000/minute",
        "REDIS_URL": "",
        # In-process requests keep their connection: a new one per request costs every endpoint
        # and the floor alike and only adds noise to their difference. The load runs both ways.
        "DJANGO_CONN_MAX_AGE": "60",
        # Tasks run in-process; the reminder worker gets its own broker (bench.sweep).
        "CELERY_BROKER_URL": "",
        "CELERY_TASK_ALWAYS_EAGER": "True",
    }
    return env
