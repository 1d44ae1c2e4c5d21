"""Dashboard endpoints side by side with the SQL they run and the framework's floor.

In-process, through `django.test.Client` with a signed-in session (the whole middleware stack,
DRF, serializers and JSON rendering; no HTTP socket). For each endpoint:

1. its SQL is captured once (`CaptureQueriesContext`), exactly as the endpoint sent it;
2. the endpoint is requested `iterations` times;
3. the captured reads (SELECT) its user's floor does not also run (session, user, roles, MFA:
   the framework's share) are run through a raw psycopg connection `iterations` times, each
   result fetched in full: the cost of the SQL the endpoint cannot avoid. Writes the framework
   makes on the side (the session's last-seen stamp, at most once a minute) are not replayed.

The floor is `GET /api/v1/me/` of the same user. Requests and SQL runs are interleaved round by
round, so a noisy neighbour slows every column alike. ratio = (endpoint - floor) / SQL, on
medians.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg

from bench.stats import Timing

FLOOR_PATH = "/api/v1/me/"


@dataclass
class Endpoint:
    name: str
    path: str
    user_id: int
    statements: list[str] | None = None
    queries: int = 0
    seconds: list[float] | None = None
    sql_seconds: list[float] | None = None
    first_seconds: float = 0.0


@dataclass(frozen=True)
class EndpointResult:
    name: str
    path: str
    endpoint: Timing
    floor: Timing
    sql: Timing
    queries: int  # all statements of the request
    sql_statements: int  # those beyond the floor's, timed in the SQL column
    ratio: float
    statements: tuple[str, ...] = ()
    first_ms: float = 0.0  # the very first request: cold caches, before any warm-up
    floor_queries: int = 0
    counted: int = 0  # all statements but savepoints (as bench.pages.PAGE_STATEMENTS counts)


class Measurer:
    """Signed-in test clients, one per user, kept across requests like a browser's session."""

    def __init__(self) -> None:
        self.clients: dict = {}

    def client(self, user_id: int):
        from django.test import Client

        from accounts.models import User

        if user_id not in self.clients:
            client = Client()
            client.force_login(User.objects.get(pk=user_id))
            self.clients[user_id] = client
        return self.clients[user_id]

    def get(self, user_id: int, path: str) -> tuple[float, dict]:
        client = self.client(user_id)
        started = time.perf_counter()
        response = client.get(path)
        elapsed = time.perf_counter() - started
        if response.status_code != 200:
            raise RuntimeError(
                f"GET {path} answered {response.status_code}: {response.content[:300]!r}"
            )
        is_json = response.get("Content-Type", "").startswith("application/json")
        return elapsed, response.json() if is_json else {}

    def capture(self, user_id: int, path: str) -> list[str]:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            self.get(user_id, path)
        return [query["sql"] for query in captured.captured_queries]


def deep_roster_path(*, user_id: int, department_id: int, pages: int) -> tuple[str, int]:
    """Follow `next` up to `pages` times; returns the deepest page's path and its depth."""
    measurer = Measurer()
    path = f"/api/v1/departments/{department_id}/officers/"
    depth = 0
    for _ in range(pages):
        _elapsed, data = measurer.get(user_id, path)
        if not data.get("next"):
            break
        parts = urlsplit(data["next"])
        path = f"{parts.path}?{parts.query}"
        depth += 1
    return path, depth + 1


def dashboard_endpoints(*, actors, deep_path: str, depth: int) -> list[Endpoint]:
    liaison, department = actors.liaison_id, actors.department_id
    reviewer = actors.partner_reviewer_ids[0]
    roster = f"/api/v1/departments/{department}/officers/"
    endpoints = [
        Endpoint("department summary", f"/api/v1/departments/{department}/summary/", liaison),
        Endpoint("roster, first page", roster, liaison),
        Endpoint(f"roster, page {depth}", deep_path, liaison),
        Endpoint("completions series", "/api/v1/stats/completions/", liaison),
    ]
    endpoints += [
        Endpoint(
            f"partner aggregates by {group}",
            f"/api/v1/partner/aggregates/?group_by={group}",
            reviewer,
        )
        for group in ("department", "state", "curriculum")
    ]
    return endpoints


def partner_live_endpoints(*, actors) -> list[Endpoint]:
    """The partner's aggregates: a read of the latest stored report (nothing is computed live
    since issue 23; before the first report the table is empty)."""
    return [
        Endpoint(
            "partner aggregates by department, before the first stored report",
            "/api/v1/partner/aggregates/?group_by=department",
            actors.partner_reviewer_ids[0],
        )
    ]


def partner_report_prepare(*, at: dt.datetime | None = None) -> float:
    """Build the bench partner's report of the last closed month, as the nightly beat does
    (`partners.services.partner_report_build`); returns the seconds it took."""
    from bench.actors import PARTNER_SLUG
    from partners.models import PartnerOrganization
    from partners.selectors import last_closed_month
    from partners.services import partner_report_build

    period_start, period_end = last_closed_month(at=at)
    started = time.perf_counter()
    partner_report_build(
        partner=PartnerOrganization.objects.get(slug=PARTNER_SLUG),
        period_start=period_start,
        period_end=period_end,
    )
    return time.perf_counter() - started


PARTNER_FIRST_REQUEST_TARGET_MS = 300


def partner_dashboard_warm(*, actors) -> float:
    """The partner dashboard before the month's report exists, as a running server has served
    it the month before (its templates loaded); milliseconds of this process's first page."""
    return Measurer().get(actors.partner_reviewer_ids[-1], "/partner/")[0] * 1000


def partner_first_request(*, actors) -> tuple[float, float]:
    """The partner's first requests of a month, right after the month's report is stored: the
    dashboard page and the aggregates API, each the first request of a new signed-in client
    (milliseconds), in a process that has served pages before (`partner_dashboard_warm`).
    Nothing is computed on a request since issue 23: both read the stored report's rows."""
    measurer = Measurer()
    reviewer = actors.partner_reviewer_ids[-1]
    page = measurer.get(reviewer, "/partner/")[0]
    api = measurer.get(reviewer, "/api/v1/partner/aggregates/?group_by=department")[0]
    return page * 1000, api * 1000


# The session look-up carries the current time; two requests' look-ups are the same statement.
_TIMESTAMP = re.compile(r"'\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?\+00:00'::timestamptz")


def _shape(statement: str) -> str:
    return _TIMESTAMP.sub("'<now>'::timestamptz", statement)


def _own_statements(statements: list[str], floor: list[str]) -> list[str]:
    """The reads of an endpoint that its floor does not also run (as a multiset)."""
    shared = Counter(_shape(s) for s in floor)
    own = []
    for statement in statements:
        if shared[_shape(statement)] > 0:
            shared[_shape(statement)] -= 1
        elif statement.lstrip().upper().startswith(("SELECT", "WITH")):
            own.append(statement)
    return own


def _run_sql(connection: psycopg.Connection, statements: list[str]) -> float:
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement.encode())
            if cursor.description is not None:
                cursor.fetchall()
    return time.perf_counter() - started


def dashboard_measure(
    *, endpoints: list[Endpoint], iterations: int, database_url: str, warmup: int = 3
) -> list[EndpointResult]:
    measurer = Measurer()
    floors = {e.user_id: Endpoint("floor", FLOOR_PATH, e.user_id) for e in endpoints}
    everything = [*floors.values(), *endpoints]
    for item in everything:
        item.first_seconds = measurer.get(item.user_id, item.path)[0]
        for _ in range(warmup - 1):
            measurer.get(item.user_id, item.path)
        item.statements = measurer.capture(item.user_id, item.path)
        item.queries = len(item.statements)
        item.seconds, item.sql_seconds = [], []
    own = {id(e): _own_statements(e.statements, floors[e.user_id].statements) for e in everything}
    with psycopg.connect(database_url, autocommit=True) as connection:
        for item in everything:  # warm the raw connection's caches alike
            _run_sql(connection, own[id(item)])
        for _ in range(iterations):
            for item in everything:
                item.seconds.append(measurer.get(item.user_id, item.path)[0])
                item.sql_seconds.append(_run_sql(connection, own[id(item)]))
    return [_result(e, floors[e.user_id], own[id(e)]) for e in endpoints]


def _result(endpoint: Endpoint, floor: Endpoint, own: list[str]) -> EndpointResult:
    from bench.pages import statements_counted

    timing, floor_timing = Timing.of(endpoint.seconds), Timing.of(floor.seconds)
    sql = Timing.of(endpoint.sql_seconds)
    ratio = (timing.median - floor_timing.median) / sql.median if sql.median else float("inf")
    return EndpointResult(
        name=endpoint.name,
        path=endpoint.path,
        endpoint=timing,
        floor=floor_timing,
        sql=sql,
        queries=endpoint.queries,
        sql_statements=len(own),
        ratio=ratio,
        statements=tuple(own),
        first_ms=endpoint.first_seconds * 1000,
        floor_queries=floor.queries,
        counted=statements_counted(endpoint.statements),
    )
