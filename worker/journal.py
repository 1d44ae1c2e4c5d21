"""The sender's journal: what the SMTP server accepted, written before anything that can fail.

The sender claims outbox rows in batches and marks them sent in bulk, one statement per batch.
Between a message's acceptance and that statement the only record of the acceptance is one
line appended to a file on the worker's host (one `write` on an O_APPEND descriptor: it
survives the process being killed, SIGKILL included, and a lost database connection). Before
any sender on the host claims new rows, it reads the journals of senders that are gone (their
file lock is free), marks what they sent as sent, leaves the one message that was in flight
(attempted, never confirmed) to the stale-claim rule, and gives the rest of their batch back.
So a killed worker or a killed database connection repeats at most the message in flight.

Lines: `claim <token> <id>,<id>,...` (a batch, in sending order; the token is the claim's
`claimed_at`), `sent <id>` (the server accepted it) and `done <id>` (its outcome, a retry or a
failure, is already in the database). A line without its newline was cut by a kill: ignored.

The journal is per database (a directory named by its host, port and name) and per host
(REPAIR_SENDER_JOURNAL_DIR, local to the machine: file locks are not shared across hosts). A
host that never comes back leaves its claims to the stale-claim rule (worker.sending): the
message it had accepted but not yet marked go out once more after the task time limit.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import socket
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.db import connection


def journal_directory() -> Path:
    """This database's journal directory on this host."""
    db = connection.settings_dict
    key = f"{connection.vendor}|{db.get('HOST')}|{db.get('PORT')}|{db.get('NAME')}"
    digest = hashlib.sha256(key.encode()).hexdigest()[:16]
    return Path(settings.REPAIR_SENDER_JOURNAL_DIR) / digest


class Journal:
    """One sender's journal file, locked for as long as the sender holds it open."""

    def __init__(self) -> None:
        directory = journal_directory()
        directory.mkdir(parents=True, exist_ok=True)
        name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:8]}.journal"
        self.path = directory / name
        self._fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        fcntl.flock(self._fd, fcntl.LOCK_EX)
        self._dirty = False

    def _write(self, line: str) -> None:
        os.write(self._fd, line.encode("ascii"))
        self._dirty = True

    def claim(self, token: datetime, ids: list[int]) -> None:
        self._write(f"claim {token.isoformat()} {','.join(map(str, ids))}\n")

    def sent(self, notification_id: int) -> None:
        self._write(f"sent {notification_id}\n")

    def done(self, notification_id: int) -> None:
        self._write(f"done {notification_id}\n")

    def settled(self) -> None:
        """The database holds every outcome written so far: start afresh."""
        if self._dirty:
            os.ftruncate(self._fd, 0)
            self._dirty = False

    def close(self) -> None:
        """Remove the file when it holds nothing unsettled; keep it for recovery otherwise."""
        if not self._dirty:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
        os.close(self._fd)  # releases the lock


@dataclass
class ClaimRecord:
    token: datetime
    ids: list[int]
    sent: list[int] = field(default_factory=list)
    done: set[int] = field(default_factory=set)

    @property
    def in_flight(self) -> int | None:
        """The first row neither sent nor settled: the one the sender was on when it stopped."""
        return next((i for i in self.ids if i not in self.done and i not in self.sent), None)

    @property
    def untouched(self) -> list[int]:
        flight = self.in_flight
        return [i for i in self.ids if i not in self.done and i not in self.sent and i != flight]


def journal_parse(text: str) -> list[ClaimRecord]:
    claims: list[ClaimRecord] = []
    complete = text[: text.rfind("\n") + 1]  # a cut last line is the message in flight
    for line in complete.splitlines():
        word, _, rest = line.partition(" ")
        if word == "claim":
            token, _, ids = rest.partition(" ")
            claims.append(
                ClaimRecord(datetime.fromisoformat(token), [int(i) for i in ids.split(",")])
            )
        elif claims and word == "sent":
            claims[-1].sent.append(int(rest))
        elif claims and word == "done":
            claims[-1].done.add(int(rest))
    return claims


def journals_abandoned() -> list[tuple[int, Path]]:
    """Open and lock every journal of this database whose sender is gone (its lock is free)."""
    directory = journal_directory()
    if not directory.is_dir():
        return []
    taken = []
    for path in sorted(directory.glob("*.journal")):
        try:
            fd = os.open(path, os.O_RDWR)
        except FileNotFoundError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)  # a live sender holds it
            continue
        taken.append((fd, path))
    return taken


def journal_read(fd: int) -> str:
    chunks = []
    os.lseek(fd, 0, os.SEEK_SET)
    while chunk := os.read(fd, 1 << 16):
        chunks.append(chunk)
    return b"".join(chunks).decode("ascii", errors="replace")


def journal_discard(fd: int, path: Path) -> None:
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    os.close(fd)
