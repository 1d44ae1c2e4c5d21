"""A real SMTP server for the worker's tests (aiosmtpd), counting messages by dedupe key."""

from __future__ import annotations

import asyncio
import email
import socket
import threading
from collections import Counter

import pytest
from aiosmtpd.controller import Controller

from worker.emails import DEDUPE_HEADER


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class CountingHandler:
    """Accepts messages and counts them by X-Repair-Dedupe-Key; can refuse or slow them."""

    def __init__(self) -> None:
        self.received: Counter[str] = Counter()
        self.refused: Counter[str] = Counter()
        self.messages: list[email.message.Message] = []
        self.refuse_keys: set[str] = set()
        self.delay = 0.0
        self._lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope) -> str:
        message = email.message_from_bytes(envelope.original_content or envelope.content)
        key = message[DEDUPE_HEADER]
        with self._lock:
            if key in self.refuse_keys:
                self.refused[key] += 1
                return "451 4.3.0 Temporary failure, try again later"
            self.received[key] += 1
            self.messages.append(message)
        if self.delay:
            # Counted before the reply: a sender killed now has delivered a message it never
            # saw confirmed (the message "in flight").
            await asyncio.sleep(self.delay)
        return "250 Message accepted for delivery"

    @property
    def total(self) -> int:
        return sum(self.received.values())


@pytest.fixture
def smtp_server():
    handler = CountingHandler()
    controller = Controller(handler, hostname="127.0.0.1", port=free_port())
    controller.start()
    handler.port = controller.port
    yield handler
    controller.stop()


@pytest.fixture
def smtp_settings(settings, smtp_server):
    """Send with Django's SMTP backend to the test server."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = smtp_server.port
    settings.EMAIL_HOST_USER = ""
    settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    return smtp_server
