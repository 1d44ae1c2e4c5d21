"""Where the floor goes: a bare Django view against the same view behind the whole middleware
stack with a signed-in session, a DRF view there, and `GET /api/v1/me/`, side by side.

All in-process through `django.test.Client`, like the endpoint table. The bench's own views
(below) are reached through a handler that resolves `bench.floor` as its URLconf, so nothing is
added to the portal's URLs:

- bare: no middleware at all, a view returning a constant (no session, no database);
- middleware: the settings' MIDDLEWARE, a signed-in session, the same constant view;
- DRF: the same stack and an `APIView` with the API's settings (token and session
  authentication, the throttle, JSON rendering) returning a constant;
- `/api/v1/me/`: the floor of the endpoint table.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from django.http import HttpResponse
from django.urls import get_resolver, path

from bench.stats import Timing

FLOOR_TARGET = 3.0  # the authenticated floor within 3x the bare view


def _constant(request):
    return HttpResponse(b'{"ok": true}', content_type="application/json")


def _drf_view():
    from rest_framework.response import Response
    from rest_framework.views import APIView

    class Constant(APIView):
        def get(self, request):
            return Response({"ok": True})

    return Constant.as_view()


urlpatterns = [
    path("bench/constant/", _constant),
    path("bench/drf/", _drf_view()),
]


def _handler(*, middleware: bool):
    from django.core.handlers.exception import convert_exception_to_response
    from django.test.client import ClientHandler

    class BenchHandler(ClientHandler):
        """Resolves against this module; with `middleware` off, runs none."""

        def load_middleware(self, is_async=False):
            super().load_middleware(is_async)
            if not middleware:
                self._view_middleware, self._exception_middleware = [], []
                self._template_response_middleware = []
                self._middleware_chain = convert_exception_to_response(self._get_response)

        def resolve_request(self, request):
            match = get_resolver(__name__).resolve(request.path_info)
            request.resolver_match = match
            return match

    return BenchHandler(enforce_csrf_checks=False)


@dataclass(frozen=True)
class FloorResult:
    bare: Timing
    middleware: Timing
    drf: Timing
    me: Timing
    middleware_queries: int
    drf_queries: int
    me_queries: int

    @property
    def ratio(self) -> float:
        return self.me.median / self.bare.median if self.bare.median else float("inf")


def _count(client, url: str) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        client.get(url)
    return len(captured.captured_queries)


def floor_measure(*, user_id: int, iterations: int, warmup: int = 3) -> FloorResult:
    from django.test import Client

    from accounts.models import User

    user = User.objects.get(pk=user_id)
    bare = Client()
    bare.handler = _handler(middleware=False)
    stacked = Client()
    stacked.force_login(user)
    stacked.handler = _handler(middleware=True)
    me = Client()
    me.force_login(user)
    rows = [
        (bare, "/bench/constant/"),
        (stacked, "/bench/constant/"),
        (stacked, "/bench/drf/"),
        (me, "/api/v1/me/"),
    ]
    for client, url in rows:
        for _ in range(warmup):
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
    seconds: list[list[float]] = [[] for _ in rows]
    for _ in range(iterations):
        for index, (client, url) in enumerate(rows):
            started = time.perf_counter()
            client.get(url)
            seconds[index].append(time.perf_counter() - started)
    return FloorResult(
        *(Timing.of(s) for s in seconds),
        middleware_queries=_count(stacked, "/bench/constant/"),
        drf_queries=_count(stacked, "/bench/drf/"),
        me_queries=_count(me, "/api/v1/me/"),
    )
