"""Email rendering for outbox rows: templates/emails/<kind>_subject.txt, _body.txt, _body.html,
rendered in the recipient's language, with links made absolute from SITE_URL.

The sender renders thousands of messages a minute (worker.sending): `EmailTemplates` compiles a
kind's three templates once per drain, the three render with one Context, and
`notification_wire` writes the MIME bytes itself, the message Django's `EmailMultiAlternatives`
would build (the same headers and parts; tests/worker/test_email_wire.py parses both), without
the email package's generator, which cost more than the three templates together.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
from datetime import date
from email import quoprimime
from email.header import Header
from email.utils import formatdate
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.core.mail.message import RFC5322_EMAIL_LINE_LENGTH_LIMIT, sanitize_address
from django.template import Context, engines
from django.utils import translation

from worker.models import Notification

DEDUPE_HEADER = "X-Repair-Dedupe-Key"
_DATE_KEYS = ("due_on", "period_start", "period_end", "oldest_on", "expires_on")


def absolute_url(url: str) -> str:
    if url.startswith("/"):
        return f"{settings.SITE_URL}{url}"
    return url


def message_id(dedupe_key: str) -> str:
    """The same key always yields the same Message-ID, so mail systems can drop a repeat."""
    digest = hashlib.sha256(dedupe_key.encode()).hexdigest()[:32]
    host = urlsplit(settings.SITE_URL).hostname or "repair.invalid"
    return f"<{digest}@{host}>"


def notification_address(notification: Notification) -> str:
    if notification.recipient_id is not None:
        return notification.recipient.email
    return notification.to_email


def notification_language(notification: Notification) -> str:
    if notification.recipient_id is not None and notification.recipient.language:
        return notification.recipient.language
    return settings.LANGUAGE_CODE


class EmailTemplates:
    """Each kind's subject, text and HTML templates, compiled once (for one drain)."""

    def __init__(self) -> None:
        self._by_kind: dict[str, tuple] = {}

    def of(self, kind: str) -> tuple:
        found = self._by_kind.get(kind)
        if found is None:
            engine = engines["django"]
            found = self._by_kind[kind] = tuple(
                engine.get_template(f"emails/{kind}_{part}").template
                for part in ("subject.txt", "body.txt", "body.html")
            )
        return found


def notification_content(
    notification: Notification, *, templates: EmailTemplates | None = None
) -> tuple[str, str, str]:
    """The message's subject, text and HTML, rendered with one Context in the recipient's
    language (switched only when it is not already the active one)."""
    subject_template, text_template, html_template = (templates or EmailTemplates()).of(
        notification.kind
    )
    context = Context(_template_context(notification))
    language = notification_language(notification)
    with translation.override(language) if translation.get_language() != language else _unchanged():
        subject = " ".join(subject_template.render(context).split())
        text = text_template.render(context)
        html = html_template.render(context)
    return subject, text, html


class _unchanged:
    def __enter__(self):
        return None

    def __exit__(self, *exc):
        return False


def _headers(notification: Notification) -> dict[str, str]:
    return {
        "Message-ID": message_id(notification.dedupe_key),
        DEDUPE_HEADER: notification.dedupe_key,
    }


def notification_email(
    notification: Notification, *, connection=None, templates: EmailTemplates | None = None
) -> EmailMultiAlternatives:
    subject, text, html = notification_content(notification, templates=templates)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[notification_address(notification)],
        headers=_headers(notification),
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


def notification_wire(
    notification: Notification, *, templates: EmailTemplates | None = None
) -> tuple[str, list[str], bytes]:
    """(envelope sender, envelope recipients, message bytes with CRLF line ends): what Django's
    SMTP backend sends for `notification_email`, written directly."""
    subject, text, html = notification_content(notification, templates=templates)
    sender = _sender(settings.DEFAULT_FROM_EMAIL)
    recipient = sanitize_address(notification_address(notification), "utf-8")
    boundary = f"===============repair{secrets.token_hex(10)}=="
    head = [
        f'Content-Type: multipart/alternative;\r\n boundary="{boundary}"',
        "MIME-Version: 1.0",
        _header("Subject", subject),
        f"From: {sender}",
        f"To: {recipient}",
        f"Date: {formatdate(localtime=settings.EMAIL_USE_LOCALTIME)}",
        *(_header(name, value) for name, value in _headers(notification).items()),
    ]
    body = b"".join(
        [
            "\r\n".join(head).encode("ascii"),
            b"\r\n\r\n",
            *(
                _part(boundary, subtype, content)
                for subtype, content in (("plain", text), ("html", html))
            ),
            f"--{boundary}--\r\n".encode("ascii"),
        ]
    )
    return sender, [recipient], body


@functools.lru_cache(maxsize=4)
def _sender(address: str) -> str:
    """The same From for every message: parsed once (the email package's parser is slow)."""
    return sanitize_address(address, "utf-8")


def _header(name: str, value: str) -> str:
    if "\n" in value or "\r" in value:
        raise ValueError(f"Header values can't contain newlines ({name}).")
    try:
        value.encode("ascii")
        charset = None
    except UnicodeEncodeError:
        charset = "utf-8"
    encoded = Header(value, charset, header_name=name).encode(linesep="\r\n")
    return f"{name}: {encoded}"


def _part(boundary: str, subtype: str, content: str) -> bytes:
    """One text part as Django's SafeMIMEText writes it: 7bit when ASCII, 8bit UTF-8, or
    quoted-printable when a line is longer than RFC 5322 allows."""
    lines = content.splitlines()
    try:
        content.encode("ascii")
        encoding = "7bit"
    except UnicodeEncodeError:
        encoding = "8bit"
    if any(
        len(line.encode("utf-8", "surrogateescape")) > RFC5322_EMAIL_LINE_LENGTH_LIMIT
        for line in lines
    ):
        encoding = "quoted-printable"
        payload = quoprimime.body_encode(
            content.encode("utf-8").decode("latin-1"), eol="\r\n"
        ).encode("ascii")
    else:
        payload = "\r\n".join(lines).encode("utf-8") + (
            b"\r\n" if content.endswith(("\n", "\r")) else b""
        )
    return b"".join(
        [
            f"--{boundary}\r\n".encode("ascii"),
            f'Content-Type: text/{subtype}; charset="utf-8"\r\n'.encode("ascii"),
            b"MIME-Version: 1.0\r\n",
            f"Content-Transfer-Encoding: {encoding}\r\n\r\n".encode("ascii"),
            payload,
            b"\r\n",
        ]
    )


def _template_context(notification: Notification) -> dict:
    context = _with_dates(notification.context)
    context["officers"] = [_with_dates(row) for row in context.get("officers", [])]
    context["assignments"] = [_with_dates(row) for row in context.get("assignments", [])]
    context["url"] = absolute_url(context.get("url") or "/")
    context["recipient"] = notification.recipient
    context["site_url"] = settings.SITE_URL
    return context


def _with_dates(values: dict) -> dict:
    """JSON keeps dates as ISO strings; templates format real dates in the right language."""
    values = dict(values)
    for key in _DATE_KEYS:
        if isinstance(values.get(key), str):
            values[key] = date.fromisoformat(values[key])
    return values
