"""The outermost middleware: a request id, the request log line, headers Django does not set.

`RequestIdMiddleware` runs first, so everything below it (views, Django's error logging, tasks
published while the request runs) sees the request's id in `repair.logging.request_id_var`.
It answers with `X-Request-ID` (quote it in a support request) and `Permissions-Policy`, and
writes one log line per request: method, path (no query string; secrets in paths scrubbed),
status, duration and the user's id, never an email.
"""

from __future__ import annotations

import logging
import re
import time
import uuid

from django.conf import settings
from django.core.signals import request_finished
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import empty

from repair import clock
from repair.logging import request_id_var
from repair.text import has_control_characters

logger = logging.getLogger("repair.request")

REQUEST_ID_HEADER = "X-Request-ID"
# An id from a trusted proxy is reused only when it looks like one (no log injection).
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
# The orchestrator's health probe (every few seconds) and static files: at DEBUG, so they do not
# drown the rest.
_QUIET_PATHS = ("/api/health/",)


def _incoming_request_id(request) -> str | None:
    if not settings.REPAIR_TRUSTED_PROXIES:
        return None
    candidate = request.headers.get(REQUEST_ID_HEADER, "")
    return candidate if _VALID_REQUEST_ID.match(candidate) else None


def _user_id(request) -> int | None:
    """The user's id if the request already loaded the user; never loads it (no extra query)."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    if getattr(user, "_wrapped", None) is empty:
        return None
    return user.pk if getattr(user, "is_authenticated", False) else None


def _route(request) -> str | None:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match is not None else None


def _clear_request_id(**kwargs) -> None:
    request_id_var.set(None)


request_finished.connect(_clear_request_id, dispatch_uid="repair.clear_request_id")


class RequestIdMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request_id = _incoming_request_id(request) or uuid.uuid4().hex
        request.request_id = request_id
        # Cleared by request_finished, not here: Django logs 4xx/5xx ("Not Found: ...") after
        # the middleware chain has returned, and that line must carry the id too.
        request_id_var.set(request_id)
        started = time.monotonic()
        response = self.get_response(request)
        self._add_headers(response, request_id)
        self._log(request, response, started)
        return response

    @staticmethod
    def _add_headers(response, request_id: str) -> None:
        response[REQUEST_ID_HEADER] = request_id
        if settings.REPAIR_PERMISSIONS_POLICY:
            response.headers.setdefault("Permissions-Policy", settings.REPAIR_PERMISSIONS_POLICY)

    @staticmethod
    def _log(request, response, started: float) -> None:
        duration_ms = round((time.monotonic() - started) * 1000, 1)
        quiet = request.path in _QUIET_PATHS or request.path.startswith(settings.STATIC_URL)
        level = logging.DEBUG if quiet else logging.INFO
        logger.log(
            level,
            "%s %s %s %sms",
            request.method,
            request.path,
            response.status_code,
            duration_ms,
            extra={
                "method": request.method,
                "path": request.path,
                "route": _route(request),
                "status": response.status_code,
                "duration_ms": duration_ms,
                "user_id": _user_id(request),
            },
        )


class TimezoneMiddleware:
    """Pages show instants on the wall clock of the user's department (the site's zone for
    anyone without one). The API keeps UTC: its instants are for machines, its dates are already
    the department's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/api/"):
            return self.get_response(request)
        from accounts.selectors import user_timezone_name

        timezone.activate(clock.zone(user_timezone_name(user=request.user) or None))
        try:
            return self.get_response(request)
        finally:
            timezone.deactivate()


class PrivateCacheMiddleware:
    """Nothing personal is kept by a browser or a proxy: every API answer and every answer to
    a signed-in user says `Cache-Control: no-store, private` (station computers are shared, and
    the back button must not bring back another officer's record). Public pages (sign-in,
    certificate checks) and static files stay cacheable as they were."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if request.path.startswith("/api/") and request.path != "/api/health/":
            personal = True
        else:
            user = getattr(request, "user", None)
            personal = bool(user is not None and user.is_authenticated)
        if personal:
            patch_cache_control(response, no_store=True, private=True, max_age=0)
            response.headers.pop("Expires", None)
        return response


_JSON_CONTROL_ESCAPE = re.compile(r"\\u00(?:0[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF])")
_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class ControlCharacterMiddleware:
    """No control character gets in (repair.text): a query parameter, form field, uploaded
    file name or JSON string holding one (NUL, BEL, ESC, ...) is a 400 before any view runs,
    the portal's 400 page or the API's JSON. File contents are the importers' to check (the
    roster import reports the line)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_control_characters(request):
            from repair.views import bad_request, page_not_found

            # A page's malformed parameter is a 404 (what it names cannot exist); a form or
            # an API request is a 400. The path itself is the URL resolver's: a control
            # character there matches no route, or fails the view's own check, and is a 404.
            if request.method in {"GET", "HEAD"} and not request.path.startswith("/api/"):
                return page_not_found(request)
            return bad_request(request)
        return self.get_response(request)

    @staticmethod
    def _holds_control_characters(request) -> bool:
        texts = _query_texts(request.GET)
        content_type = request.content_type or ""
        # The API parses JSON only (a form body is DRF's 415): reading request.POST here would
        # consume the body before DRF's parsers see it.
        api = request.path.startswith("/api/")
        if request.method == "POST" and content_type in _FORM_TYPES and not api:
            texts += _query_texts(request.POST)
            texts += [f.name or "" for files in request.FILES.lists() for f in files[1]]
        if any(has_control_characters(text) for text in texts):
            return True
        if content_type == "application/json" and request.method in {"POST", "PUT", "PATCH"}:
            body = request.body.decode("utf-8", "replace")
            return has_control_characters(body) or bool(_JSON_CONTROL_ESCAPE.search(body))
        return False


def _query_texts(query) -> list[str]:
    return [text for key, values in query.lists() for text in (key, *values)]
