"""Log records: the request id they belong to, secrets scrubbed, JSON or readable text.

`request_id_var` holds the id of the request (or of the request that caused a Celery task) in
the current context; `RequestContextFilter` copies it onto every record and scrubs what must
never reach a log: passwords, API tokens and keys, session and CSRF cookies, password-reset and
invitation keys in paths, and reflection text. `JsonFormatter` writes one JSON object a line
(production); `TextFormatter` writes a readable line (development).

This module imports nothing from Django settings, so gunicorn's config can use the formatters
before Django is set up.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import sys
from contextvars import ContextVar

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)

REDACTED = "[redacted]"
# Extra fields whose values are never logged, whatever they hold.
SENSITIVE_FIELD = re.compile(
    r"pass(word|wd)?|secret|token|api_?key|^key$|authorization|cookie|session|csrf|"
    r"reflection|response_text|answer|otp|recovery",
    re.IGNORECASE,
)
# Extra fields a formatter writes out (besides the standard ones); anything else is dropped so
# an object passed in `extra` (a request, a user) cannot spill its attributes into the log.
ALLOWED_EXTRA = (
    "method",
    "path",
    "route",
    "status",
    "duration_ms",
    "user_id",
    "task_id",
    "task_name",
    "event",
)
_SCRUBS: tuple[tuple[re.Pattern[str], str], ...] = (
    # API token keys (accounts/tokens.py: `rp_` + URL-safe characters).
    (re.compile(r"\brp_[A-Za-z0-9_-]{8,}"), REDACTED),
    (re.compile(r"\b(Token|Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{16,}"), rf"\1 {REDACTED}"),
    # name=value pairs in query strings, form bodies, messages and JSON text.
    (
        re.compile(
            r"(?i)\b([\w-]*(?:password|passwd|secret|token|api_?key|sessionid|csrftoken|"
            r"signature)[\w-]*|key|code|otp)([\"']?\s*[=:]\s*)(\"[^\"]*\"|'[^']*'|[^&\s,;]+)"
        ),
        rf"\1\2{REDACTED}",
    ),
    # Secrets carried in paths: password reset, email confirmation, invitations.
    (re.compile(r"(/password/reset/key/)[^/\s]+"), rf"\1{REDACTED}"),
    (re.compile(r"(/confirm-email/)[^/\s]+"), rf"\1{REDACTED}"),
    (re.compile(r"(/invite/)[^/\s]+"), rf"\1{REDACTED}"),
)


def scrub(text: str) -> str:
    for pattern, replacement in _SCRUBS:
        text = pattern.sub(replacement, text)
    return text


def _scrub_value(name: str, value):
    if SENSITIVE_FIELD.search(name):
        return REDACTED
    if isinstance(value, str):
        return scrub(value)
    return value


class RequestContextFilter(logging.Filter):
    """Adds `request_id` to every record and scrubs its message of secrets.

    The message is formatted once here (with its arguments) and scrubbed, so a secret passed as
    a `%s` argument is caught as well as one in the format string.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "request_id", None) is None:
            record.request_id = request_id_var.get()
        try:
            message = record.getMessage()
        except (TypeError, ValueError):
            message = str(record.msg)
        record.msg = scrub(message)
        record.args = None
        for name in ALLOWED_EXTRA:
            if hasattr(record, name):
                setattr(record, name, _scrub_value(name, getattr(record, name)))
        return True


def _exception_text(formatter: logging.Formatter, record: logging.LogRecord) -> str | None:
    if not record.exc_info:
        return None
    if not record.exc_text:
        record.exc_text = formatter.formatException(record.exc_info)
    return scrub(record.exc_text)


class JsonFormatter(logging.Formatter):
    """One JSON object a line: time (UTC, ISO 8601), level, logger, message, request id, the
    allowed extra fields, and the (scrubbed) exception."""

    def format(self, record: logging.LogRecord) -> str:
        payload = {
            "time": dt.datetime.fromtimestamp(record.created, tz=dt.UTC).isoformat(
                timespec="milliseconds"
            ),
            "level": record.levelname,
            "logger": record.name,
            "message": scrub(record.getMessage()),
            "request_id": getattr(record, "request_id", None),
        }
        for name in ALLOWED_EXTRA:
            if hasattr(record, name):
                payload[name] = _scrub_value(name, getattr(record, name))
        exception = _exception_text(self, record)
        if exception:
            payload["exception"] = exception
        return json.dumps(payload, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """A readable line for development: time, level, logger, request id, message, extras."""

    def __init__(self) -> None:
        super().__init__(datefmt="%H:%M:%S")

    def format(self, record: logging.LogRecord) -> str:
        extras = " ".join(
            f"{name}={_scrub_value(name, getattr(record, name))}"
            for name in ALLOWED_EXTRA
            if hasattr(record, name) and name not in {"method", "path", "status"}
        )
        request_id = getattr(record, "request_id", None)
        line = "{time} {level:<7} {logger} [{rid}] {message}{extras}".format(
            time=self.formatTime(record, self.datefmt),
            level=record.levelname,
            logger=record.name,
            rid=(request_id or "-")[:8],
            message=scrub(record.getMessage()),
            extras=f" ({extras})" if extras else "",
        )
        exception = _exception_text(self, record)
        return f"{line}\n{exception}" if exception else line


class ConsoleHandler(logging.StreamHandler):
    """A StreamHandler on whatever `sys.stderr` is when a record is written, not when logging
    was configured: a process that swaps stderr (a test runner's capture, a daemon) keeps
    logging instead of writing to a closed stream."""

    def __init__(self) -> None:
        super().__init__()

    @property
    def stream(self):
        return sys.stderr

    @stream.setter
    def stream(self, value) -> None:
        pass


def logging_config(*, json_lines: bool, level: str) -> dict:
    """The LOGGING dict: one console handler, the chosen formatter, the filter on the handler
    (so records of every logger pass through it)."""
    return {
        "version": 1,
        "disable_existing_loggers": False,
        "filters": {"request_context": {"()": "repair.logging.RequestContextFilter"}},
        "formatters": {
            "json": {"()": "repair.logging.JsonFormatter"},
            "text": {"()": "repair.logging.TextFormatter"},
        },
        "handlers": {
            "console": {
                "class": "repair.logging.ConsoleHandler",
                "formatter": "json" if json_lines else "text",
                "filters": ["request_context"],
            }
        },
        "root": {"handlers": ["console"], "level": level},
        "loggers": {
            # Django's own handlers would mail admins and print 5xx twice; ours suffice.
            "django": {"handlers": ["console"], "level": level, "propagate": False},
            # Our request line replaces runserver's own (which carries query strings).
            "django.server": {"handlers": [], "level": "WARNING", "propagate": False},
            "celery": {"handlers": ["console"], "level": level, "propagate": False},
        },
    }
