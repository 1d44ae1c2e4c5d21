"""xAPI statements through a real Celery worker to Ralph: after a worker is SIGKILLed with a
statement in flight (stored by the LRS, not yet marked sent), Ralph still holds exactly one
statement per event.

Needs PostgreSQL and Redis (the worker process shares the test database) and Ralph (`make
counterparts`); CI has all three.
"""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
import requests
from django.db import transaction

from integrations.models import LrsEndpoint
from tests import factories
from tests.integrations.counterparts.process import free_port, ralph_missing_reason
from tests.integrations.learning import complete
from tests.integrations.test_xapi import LRS_PASSWORD, LRS_USER, Ralph
from tests.worker.integration import (
    BROKER_URL,
    WorkerProcess,
    broker_reset,
    services_missing_reason,
    wait_for,
)
from worker.models import Notification
from worker.outbox import notification_publish

logger = logging.getLogger(__name__)
MISSING = services_missing_reason() or ralph_missing_reason()

pytestmark = [
    pytest.mark.integration,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(MISSING is not None, reason=MISSING or ""),
]


class SlowProxy:
    """Forwards to Ralph, then holds each answer a while: a worker killed meanwhile has had its
    statement stored by the LRS without having marked the row sent."""

    def __init__(self, upstream: str, delay: float):
        self.forwarded = 0
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            def _relay(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                answer = requests.request(
                    self.command,
                    upstream + self.path,
                    data=body,
                    headers={k: v for k, v in self.headers.items() if k.lower() != "host"},
                    timeout=10,
                )
                proxy.forwarded += 1
                time.sleep(delay)
                self.send_response(answer.status_code)
                self.send_header("Content-Length", str(len(answer.content)))
                self.end_headers()
                self.wfile.write(answer.content)

            do_PUT = do_GET = do_POST = _relay

            def log_message(self, *args) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", free_port()), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def ralph(tmp_path):
    lrs = Ralph(tmp_path)
    lrs.process.start()
    yield lrs
    lrs.process.stop()


@pytest.fixture
def worker(transactional_db, tmp_path):
    broker_reset(BROKER_URL)
    process = WorkerProcess(
        broker_url=BROKER_URL,
        smtp_port=free_port(),  # no email in this test
        log_path=tmp_path / "worker.log",
        concurrency=1,
    )
    yield process
    process.stop()
    broker_reset(BROKER_URL)


def _all_sent(expected: int):
    def check() -> bool:
        statuses = list(
            Notification.objects.filter(kind="xapi_statement").values_list("status", flat=True)
        )
        return len(statuses) == expected and set(statuses) == {"sent"}

    return check


def test_ralph_holds_one_statement_per_event_after_a_worker_sigkill(
    ralph, worker, department, tmp_path
):
    proxy = SlowProxy(ralph.endpoint.rstrip("/").rpartition("/xAPI")[0], delay=0.4)
    LrsEndpoint.objects.create(
        department=department,
        endpoint=proxy.url + "/xAPI/",
        username=LRS_USER,
        password=LRS_PASSWORD,
    )
    curriculum = factories.small_curriculum(modules=1, title="Human Dignity in Policing")
    officers = [factories.officer(department, email=f"o{i}@example.test") for i in range(3)]
    worker.start()
    for officer in officers:
        enrollment = factories.EnrollmentFactory(
            officer=officer, curriculum=curriculum, department=department
        )
        with transaction.atomic():
            complete(enrollment, officer)
    total = Notification.objects.filter(kind="xapi_statement").count()
    assert total == 27  # nine statements per officer

    assert wait_for(lambda: proxy.forwarded >= 6, timeout=60), worker.log()[-3000:]
    worker.kill()
    in_flight = Notification.objects.filter(kind="xapi_statement", status="sending").count()
    stored_at_kill = len(ralph.statements())
    assert stored_at_kill < total

    worker.start()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and not _all_sent(total)():
        notification_publish()  # what beat's drain every minute does, compressed
        wait_for(_all_sent(total), timeout=3)
    proxy.close()

    stored = ralph.statements()
    ids = Counter(s["id"] for s in stored)
    expected = set(
        Notification.objects.filter(kind="xapi_statement").values_list(
            "context__statement__id", flat=True
        )
    )
    logger.info(
        "xAPI SIGKILL: %d stored before the kill, %d row(s) left sending, %d forwarded in all",
        stored_at_kill,
        in_flight,
        proxy.forwarded,
    )
    assert _all_sent(total)(), worker.log()[-3000:]
    # A row left "sending" by the kill was sent again once its claim went stale.
    assert in_flight <= 1
    assert total <= proxy.forwarded <= total + in_flight
    assert set(ids) == expected
    assert max(ids.values()) == 1
    assert len(stored) == total
