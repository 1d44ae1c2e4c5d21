"""A closed-loop load on gunicorn over loopback: U users, each its own API token, each sending
its next request as soon as the last one answered (no think time), for a fixed duration.

Liaisons cycle through me, department summary, roster first and deep page and the completions
series of their own department, then the pages (dashboard, roster first and deep page) with a
signed-in session; partner reviewers through me, the three partner aggregates and the partner
dashboard.
gunicorn runs with the project's gunicorn.conf.py (gthread workers, 2 x cores + 1 of them).
A small threaded generator (http.client, keep-alive) rather than locust: no dependency, and it
costs well under a millisecond a request.
"""

from __future__ import annotations

import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from bench.stats import percentile

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class LoadResult:
    users: int
    seconds: float
    requests: int
    errors: int
    rps: float
    p50: float
    p95: float
    p99: float
    workers: int
    threads: int
    error_samples: tuple[str, ...]
    conn_max_age: int = 0
    figures_cache: bool = False


class Gunicorn:
    def __init__(self, *, port: int, env: dict[str, str], log_path: Path):
        self.port, self.env, self.log_path = port, env, log_path
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        self.log = self.log_path.open("w")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "gunicorn", "-c", "gunicorn.conf.py", "repair.wsgi:application"],
            cwd=ROOT,
            env={**self.env, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        self._wait_ready()
        return self

    def _wait_ready(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited; see {self.log_path}")
            try:
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=2)
                connection.request("GET", "/api/health/")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer /api/health/ in time")

    def __exit__(self, *exc) -> None:
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _get(
    connection: http.client.HTTPConnection, path: str, key: str, session: str = ""
) -> tuple[int, bytes]:
    # The API with the user's token; pages with its signed-in session, as a browser would.
    if path.startswith("/api/") or not session:
        headers = {"Authorization": f"Token {key}"}
    else:
        headers = {"Cookie": f"sessionid={session}"}
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    return response.status, response.read()


def deep_roster_path(*, port: int, key: str, department_id: int, pages: int) -> str:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    path = f"/api/v1/departments/{department_id}/officers/"
    for _ in range(pages):
        status, body = _get(connection, path, key)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        following = json.loads(body).get("next")
        if not following:
            break
        parts = urlsplit(following)
        path = f"{parts.path}?{parts.query}"
    connection.close()
    return path


class VirtualUser(threading.Thread):
    def __init__(self, *, port: int, key: str, paths: list[str], stop_at: float, session: str = ""):
        super().__init__(daemon=True)
        self.port, self.key, self.paths, self.stop_at = port, key, paths, stop_at
        self.session = session
        self.latencies: list[float] = []
        self.errors: list[str] = []

    def run(self) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        turn = 0
        while time.monotonic() < self.stop_at:
            path = self.paths[turn % len(self.paths)]
            turn += 1
            started = time.perf_counter()
            try:
                status, _body = _get(connection, path, self.key, self.session)
            except (OSError, http.client.HTTPException) as exc:
                self.errors.append(f"{path}: {exc!r}")
                connection.close()
                connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
                continue
            self.latencies.append(time.perf_counter() - started)
            if status != 200:
                self.errors.append(f"{path}: HTTP {status}")
        connection.close()


def user_paths(
    *,
    port: int,
    liaison_keys: dict[int, tuple[int, str]],
    reviewer_keys: list[str],
    deep_pages: int,
    sessions: dict[str, str] | None = None,
    deep_html_page: int = 1,
) -> list[tuple[str, list[str], str]]:
    """(key, paths, session) per virtual user: liaisons of their own department, then
    reviewers. With a session for the user's key its pages join its paths."""
    sessions = sessions or {}
    users = []
    for department_id, key in liaison_keys.values():
        deep = deep_roster_path(port=port, key=key, department_id=department_id, pages=deep_pages)
        paths = [
            "/api/v1/me/",
            f"/api/v1/departments/{department_id}/summary/",
            f"/api/v1/departments/{department_id}/officers/",
            deep,
            "/api/v1/stats/completions/",
        ]
        if key in sessions:
            paths += [
                "/department/",
                "/department/officers/",
                f"/department/officers/?page={deep_html_page}",
            ]
        users.append((key, paths, sessions.get(key, "")))
    partner = [
        f"/api/v1/partner/aggregates/?group_by={g}" for g in ("department", "state", "curriculum")
    ]
    for key in reviewer_keys:
        pages = ["/partner/"] if key in sessions else []
        users.append((key, ["/api/v1/me/", *partner, *pages], sessions.get(key, "")))
    return users


def _threads_run(port: int, users, seconds: float) -> tuple[list[VirtualUser], float]:
    stop_at = time.monotonic() + seconds
    threads = [
        VirtualUser(port=port, key=key, paths=paths, stop_at=stop_at, session=session)
        for key, paths, session in users
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return threads, time.perf_counter() - started


def load_run(
    *, port: int, users: list[tuple[str, list[str]]], seconds: float, warmup: float = 5
) -> LoadResult:
    """`warmup` seconds of the same load first, untimed: every gunicorn worker imports the
    project and fills its caches on its first requests, as it would once after a deploy."""
    if warmup:
        _threads_run(port, users, warmup)
    threads, elapsed = _threads_run(port, users, seconds)
    latencies = [s * 1000 for t in threads for s in t.latencies]
    errors = [e for t in threads for e in t.errors]
    requests = len(latencies) + sum(1 for t in threads for e in t.errors if "HTTP" not in e)
    return LoadResult(
        users=len(users),
        seconds=elapsed,
        requests=requests,
        errors=len(errors),
        rps=len(latencies) / elapsed,
        p50=percentile(latencies, 0.50) if latencies else 0.0,
        p95=percentile(latencies, 0.95) if latencies else 0.0,
        p99=percentile(latencies, 0.99) if latencies else 0.0,
        workers=int(os.environ.get("GUNICORN_WORKERS", os.cpu_count() * 2 + 1)),
        threads=int(os.environ.get("GUNICORN_THREADS", 4)),
        error_samples=tuple(errors[:5]),
    )
