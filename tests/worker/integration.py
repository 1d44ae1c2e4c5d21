"""Helpers for the worker's integration tests: a real Celery worker process on the test
database, a throwaway Redis server, and waiting for the outbox to settle."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

import redis
from django.db import connection

from repair.celery import app as celery_app

ROOT = Path(__file__).resolve().parents[2]
BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
# Short limits so that a claim left by a killed worker goes stale within the test (the claim
# timeout is the task hard time limit, see worker.sending).
WORKER_TIME_LIMIT = 12
WORKER_SOFT_TIME_LIMIT = 10


def services_missing_reason() -> str | None:
    if not BROKER_URL:
        return "needs a real Redis broker: set CELERY_BROKER_URL (CI does)"
    if connection.vendor != "postgresql":
        return (
            "needs DATABASE_URL on PostgreSQL: the worker process cannot share SQLite's "
            "in-memory test database"
        )
    return None


def worker_database_url() -> str:
    """The URL of the database pytest-django created (test_<name>), for the worker process."""
    db = connection.settings_dict
    user = quote(db["USER"] or "", safe="")
    password = f":{quote(db['PASSWORD'], safe='')}" if db["PASSWORD"] else ""
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{user}{password}@{db['HOST']}{port}/{db['NAME']}"


def wait_for(predicate: Callable[[], bool], *, timeout: float, interval: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(interval)
    return predicate()


def broker_reset(url: str) -> None:
    """Drop messages other tests left in the test broker's queue (and unacked ones)."""
    client = redis.Redis.from_url(url)
    client.delete("celery", "unacked", "unacked_index", "unacked_mutex")


def queue_length(url: str) -> int:
    return redis.Redis.from_url(url).llen("celery")


class WorkerProcess:
    """`celery -A repair worker` as a subprocess in its own process group."""

    def __init__(self, *, broker_url: str, smtp_port: int, log_path: Path, concurrency: int):
        self.log_path = log_path
        self.env = {
            **os.environ,
            "DATABASE_URL": worker_database_url(),
            "CELERY_BROKER_URL": broker_url,
            "CELERY_TASK_ALWAYS_EAGER": "False",
            "CELERY_TASK_TIME_LIMIT": str(WORKER_TIME_LIMIT),
            "CELERY_TASK_SOFT_TIME_LIMIT": str(WORKER_SOFT_TIME_LIMIT),
            "EMAIL_URL": f"smtp://127.0.0.1:{smtp_port}",
        }
        self.concurrency = concurrency
        self.process: subprocess.Popen | None = None

    def start(self) -> WorkerProcess:
        offset = self.log_path.stat().st_size if self.log_path.exists() else 0
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "repair",
                "worker",
                "--pool",
                "prefork",
                "--concurrency",
                str(self.concurrency),
                "--loglevel",
                "INFO",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
                "--hostname",
                f"test-{uuid.uuid4().hex[:8]}@%h",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        if not wait_for(lambda: " ready." in self.log()[offset:], timeout=60, interval=0.2):
            self.kill()
            raise RuntimeError(f"the Celery worker did not start:\n{self.log()[-3000:]}")
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def succeeded(self, task_name: str) -> int:
        return sum(
            1
            for line in self.log().splitlines()
            if f"Task {task_name}[" in line and "succeeded" in line
        )

    def kill(self) -> None:
        """SIGKILL the whole worker: the main process and its pool children at once, and return
        once every one of them is dead. Waiting for the main process alone was not enough: under
        load a pool child could still be exiting, holding its journal's lock, so the recovery
        that follows found no abandoned journal ("marked 0", about one run in four)."""
        if self.process and self.process.poll() is None:
            group = self.process.pid
            with contextlib.suppress(ProcessLookupError):
                os.killpg(group, signal.SIGKILL)
            self.process.wait(timeout=10)
            deadline = time.monotonic() + 10
            while _live_members(group) and time.monotonic() < deadline:
                time.sleep(0.02)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.kill()


class ThrowawayRedis:
    """A private redis-server to stop and start (never the machine's own Redis)."""

    def __init__(self, port: int, workdir: Path):
        self.port = port
        self.workdir = workdir
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--dir",
                str(self.workdir),
                "--pidfile",
                str(self.workdir / f"redis-{self.port}.pid"),
            ],
            check=True,
            capture_output=True,
        )
        assert wait_for(self.is_up, timeout=10), "the throwaway redis-server did not start"

    def stop(self) -> None:
        with contextlib.suppress(redis.ConnectionError):
            redis.Redis(port=self.port).shutdown(nosave=True)
        assert wait_for(lambda: not self.is_up(), timeout=10)

    def is_up(self) -> bool:
        try:
            return bool(redis.Redis(port=self.port, socket_connect_timeout=0.2).ping())
        except redis.ConnectionError:
            return False


@contextlib.contextmanager
def publishing_to(url: str):
    """Point this process's Celery app (the "web" side) at another broker."""
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager, os.environ.get("CELERY_BROKER_URL")
    # Celery reads the CELERY_BROKER_URL environment variable before its configuration.
    os.environ["CELERY_BROKER_URL"] = url
    conf.broker_url, conf.task_always_eager = url, False
    _reset_pools()
    try:
        yield
    finally:
        conf.broker_url, conf.task_always_eager = saved[:2]
        if saved[2] is None:
            del os.environ["CELERY_BROKER_URL"]
        else:
            os.environ["CELERY_BROKER_URL"] = saved[2]
        _reset_pools()


def _reset_pools() -> None:
    # Pools are cached per broker URL by kombu; dropping the app's references is enough.
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def _live_members(group: int) -> list[int]:
    """The processes of a process group that have not exited (a zombie has closed its files)."""
    live = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # pid (comm) state ppid pgrp ...: comm may hold spaces, so split after its ")".
        state, _ppid, pgrp = stat.rsplit(")", 1)[1].split()[:3]
        if int(pgrp) == group and state not in ("Z", "X"):
            live.append(int(entry.name))
    return live
