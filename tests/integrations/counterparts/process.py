"""Starting the real counterparts of the integration tests (identity providers, LTI platform,
LRS) as processes on loopback, on ephemeral ports, and stopping them."""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Counterpart:
    """A process that prints `ready_line` once it serves; its output goes to a log file."""

    def __init__(self, argv: list[str], *, ready_line: str, log_path: Path, env=None):
        self.argv = argv
        self.ready_line = ready_line
        self.log_path = log_path
        self.env = {**os.environ, **(env or {})}
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 60) -> Counterpart:
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(
            self.argv,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.ready_line in self.log():
                return self
            if self.process.poll() is not None:
                break
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"{self.argv[:3]} did not start:\n{self.log()[-4000:]}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)


def python_counterpart(module: str, config: dict, log_path: Path, ready_line: str) -> Counterpart:
    argv = [sys.executable, "-m", module, json.dumps(config)]
    return Counterpart(argv, ready_line=ready_line, log_path=log_path)


RALPH_PYTHON = Path(os.environ.get("REPAIR_RALPH_PYTHON", ROOT / ".venv-ralph" / "bin" / "python"))


def ralph_missing_reason() -> str | None:
    if RALPH_PYTHON.exists():
        return None
    return f"Ralph (the LRS) is not installed at {RALPH_PYTHON}: run `make counterparts`"


# Ralph's API as released; only its file-system storage, which creates one file per write
# (fine for its batch imports, not for an LRS taking statement after statement), appends to
# that file instead. Validation, authentication and the handling of statement ids (a repeated
# statement stored once, a different one under the same id refused) are Ralph's own.
RALPH_LAUNCHER = """
import sys
import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend
FSDataBackend.default_operation_type = BaseOperationType.APPEND
uvicorn.run("ralph.api:app", host=sys.argv[1], port=int(sys.argv[2]), workers=1)
"""


def ralph_lrs(port: int, workdir: Path, *, username: str, password: str) -> Counterpart:
    """Ralph's LRS API (FastAPI under uvicorn) on a file-system backend, with HTTP Basic users."""
    script = (
        "import bcrypt, json, sys; "
        "print(bcrypt.hashpw(sys.argv[1].encode(), bcrypt.gensalt(4)).decode())"
    )
    hashed = subprocess.run(
        [str(RALPH_PYTHON), "-c", script, password], check=True, capture_output=True, text=True
    ).stdout.strip()
    auth_file = workdir / "auth.json"
    auth_file.write_text(
        json.dumps(
            [
                {
                    "username": username,
                    "hash": hashed,
                    "scopes": ["all"],
                    "agent": {"account": {"homePage": "https://lrs.example.org", "name": username}},
                }
            ]
        )
    )
    argv = [str(RALPH_PYTHON), "-c", RALPH_LAUNCHER, "127.0.0.1", str(port)]
    env = {
        "RALPH_RUNSERVER_BACKEND": "fs",
        "RALPH_AUTH_FILE": str(auth_file),
        "RALPH_APP_DIR": str(workdir),
        "RALPH_BACKENDS__LRS__FS__DEFAULT_DIRECTORY_PATH": str(workdir),
        "RALPH_BACKENDS__DATA__FS__DEFAULT_DIRECTORY_PATH": str(workdir),
    }
    return Counterpart(
        argv, ready_line="Uvicorn running on", log_path=workdir / "ralph.log", env=env
    )
