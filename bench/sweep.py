"""The reminder sweep at scale: N due reminders planned and sent to a local SMTP sink.

The reference dataset's due dates are fixed in the past, so the bench first makes exactly N open
enrollments due relative to today (a fifth due within a day, two fifths within a week, two
fifths overdue by one to four weeks) and moves every other open enrollment's due date out of the
reminder windows. The sweep then runs in a worker process of its own (`bench.sweep_worker`),
sending through SMTP to an aiosmtpd sink in this process that counts what arrives.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from bench.sweep_worker import FLOOR_DOMAIN

ROOT = Path(__file__).resolve().parent.parent

# Tasks are published to an in-memory broker nobody reads: the worker sends the outbox itself,
# timed apart from planning, instead of an eager drain inside the sweep's commit.
WORKER_ENV = {"CELERY_BROKER_URL": "memory://", "CELERY_TASK_ALWAYS_EAGER": "False"}

MAKE_DUE = """
WITH open AS (
    SELECT id, row_number() OVER (ORDER BY id) AS n
    FROM curriculum_enrollment
    WHERE status <> 'completed' AND withdrawn_at IS NULL
)
UPDATE curriculum_enrollment AS e
SET due_on = CASE
    WHEN open.n > %(due)s THEN %(today)s::date + 30 + (open.n %% 90)::int
    WHEN open.n %% 5 = 0 THEN %(today)s::date + (open.n %% 2)::int
    WHEN open.n %% 5 IN (1, 2) THEN %(today)s::date + 2 + (open.n %% 6)::int
    ELSE %(today)s::date - 1 - (open.n %% 28)::int
END
FROM open
WHERE e.id = open.id
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class SmtpSink:
    """An aiosmtpd server on loopback that accepts every message and counts it."""

    def __init__(self, port: int):
        from aiosmtpd.controller import Controller

        self.received = 0
        self.floor = 0
        self._lock = threading.Lock()
        self.controller = Controller(self, hostname="127.0.0.1", port=port)

    async def handle_DATA(self, server, session, envelope):
        floor = sum(1 for rcpt in envelope.rcpt_tos if rcpt.endswith(f"@{FLOOR_DOMAIN}"))
        with self._lock:
            self.received += len(envelope.rcpt_tos) - floor
            self.floor += floor
        return "250 OK"

    def __enter__(self) -> SmtpSink:
        self.controller.start()
        return self

    def __exit__(self, *exc) -> None:
        self.controller.stop()


@dataclass(frozen=True)
class SweepResult:
    due: int
    planned: dict
    plan_seconds: float
    plan_queries: int
    plan_peak_mb: float
    send_seconds: float
    send_queries: int
    sent: int
    failed: int
    retried: int
    received: int
    peak_mb: float
    floor_sent: int = 0  # plain smtplib, one connection, the same rendered messages and sink
    floor_seconds: float = 0.0
    floor_received: int = 0

    @property
    def rate(self) -> float:
        return self.sent / self.send_seconds if self.send_seconds else 0.0

    @property
    def floor_rate(self) -> float:
        return self.floor_sent / self.floor_seconds if self.floor_seconds else 0.0


def reminders_make_due(*, due: int) -> int:
    """Make exactly `due` open enrollments due for one reminder each; returns how many are."""
    from django.db import connection, transaction

    from bench.generate import ZONE
    from repair import clock

    today = clock.today(ZONE)  # every generated department's zone
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(MAKE_DUE, {"due": due, "today": today})
        cursor.execute("ANALYZE curriculum_enrollment")
        cursor.execute(
            "SELECT count(*) FROM curriculum_enrollment WHERE status <> 'completed' "
            "AND withdrawn_at IS NULL AND due_on BETWEEN %s::date - 28 AND %s::date + 7",
            [today, today],
        )
        return cursor.fetchone()[0]


def sweep_measure(
    *, due: int, env: dict[str, str], email_port: int, time_budget: float = 3600
) -> SweepResult:
    actual = reminders_make_due(due=due)
    with SmtpSink(email_port) as sink:
        completed = subprocess.run(
            [sys.executable, "-m", "bench.sweep_worker", str(time_budget)],
            cwd=ROOT,
            env={**env, **WORKER_ENV, "EMAIL_URL": f"smtp://127.0.0.1:{email_port}"},
            capture_output=True,
            text=True,
            check=False,
        )
        received, floor_received = sink.received, sink.floor
    if completed.returncode != 0:
        raise RuntimeError(f"the sweep worker failed:\n{completed.stderr[-3000:]}")
    report = json.loads(completed.stdout.strip().splitlines()[-1])
    return SweepResult(
        due=actual,
        planned=report["planned"],
        plan_seconds=report["plan_seconds"],
        plan_queries=report["plan_queries"],
        plan_peak_mb=report["plan_peak_mb"],
        send_seconds=report["send_seconds"],
        send_queries=report["send_queries"],
        sent=report["sent"],
        failed=report["failed"],
        retried=report["retried"],
        received=received,
        peak_mb=report["peak_mb"],
        floor_sent=report["floor_sent"],
        floor_seconds=report["floor_seconds"],
        floor_received=floor_received,
    )
