"""The bench at a tiny scale, end to end, so `make bench` cannot rot.

It runs `python -m bench.run` in a database of its own (repair_bench_ci_<random>), which the run
drops at the end; only on PostgreSQL (the CI's PostgreSQL run sets DATABASE_URL).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

from bench.database import database_drop, database_exists, database_url

ROOT = Path(__file__).resolve().parent.parent
DATABASE_URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not DATABASE_URL.startswith(("postgres://", "postgresql://")),
    reason="the bench needs PostgreSQL: set DATABASE_URL=postgres://... (the CI's PostgreSQL run does)",
)

ENDPOINT_ROWS = (
    "| department summary |",
    "| roster, first page |",
    "| roster, page 1 |",
    "| completions series |",
    "| partner aggregates by department |",
    "| partner aggregates by state |",
    "| partner aggregates by curriculum |",
    "| partner aggregates by department, before the first stored report |",
    "| page: liaison dashboard |",
    "| page: roster, first page |",
    "| page: an officer |",
    "| page: /learn/ |",
    "| page: a lesson |",
    "| page: /facilitate/ |",
    "| page: partner dashboard |",
)


def _run_bench(output: Path, name: str) -> subprocess.CompletedProcess:
    server = database_url(server_url=DATABASE_URL, name="postgres")
    command = [
        sys.executable, "-m", "bench.run", "--scale", "0.002", "--curricula", "2",
        "--iterations", "3", "--warmup", "1", "--live-iterations", "1",
        "--load-users", "2", "--load-seconds", "2", "--load-warmup", "0.5",
        "--load-conn-max-age", "0", "--reminders", "30",
        "--server", server, "--database", name, "--output", str(output), "--no-fail",
    ]  # fmt: skip
    env = {**os.environ, "GUNICORN_WORKERS": "2", "GUNICORN_THREADS": "2"}
    return subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=170)


def test_bench_small_run_writes_every_table_and_drops_its_database(tmp_path):
    output = tmp_path / "benchmarks.md"
    name = f"repair_bench_ci_{uuid.uuid4().hex[:12]}"
    server = database_url(server_url=DATABASE_URL, name="postgres")

    try:
        completed = _run_bench(output, name)
        left_behind = database_exists(server_url=server, name=name)
    finally:
        database_drop(server_url=server, name=name)  # even when the run was killed

    assert completed.returncode == 0, completed.stderr[-3000:]
    assert not left_behind
    text = output.read_text()
    for row in ENDPOINT_ROWS:
        assert row in text
    load = re.search(r"^\| new per request [^|]+\| 2 \| \d+ \| (\d+) \|", text, re.MULTILINE)
    assert load is not None and int(load.group(1)) > 0  # 2 users sent requests
    assert "- load without errors: met" in text
    assert "| enrollments made due | 30 |" in text
    planned = re.search(r"reminders planned \(outbox rows offered\) \| (\d+) ", text)
    sent = re.search(r"received by the sink \| (\d+) / 0 / 0 / (\d+) \|", text)
    # 30 reminders, plus a liaison digest per department except on Monday before 07:00.
    assert int(planned.group(1)) in (30, 32)
    assert sent.groups() == (planned.group(1), planned.group(1))
    assert "departments 2, officers 40, curricula 2" in text
    # The floor taken apart, and the sender against plain smtplib, in the same run.
    assert "| a bare Django view: no middleware, no session, no database | 0 |" in text
    assert re.search(r"^- floor /api/v1/me/ <= 3x a bare view: ", text, re.MULTILINE)
    floor = re.search(
        r"the same rendered messages and sink \| (\d+) in [^|]*; (\d+) received", text
    )
    assert floor.group(1) == floor.group(2) == planned.group(1)
    assert re.search(r"^\| worker / floor \| \*\*\d+\.\d\d\*\* \|", text, re.MULTILINE)
