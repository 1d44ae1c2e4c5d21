"""Email rendering for outbox rows: templates/emails/<kind>_subject.txt, _body.txt, _body.html,
rendered in the recipient's language, with links made absolute from SITE_URL."""

from __future__ import annotations

import hashlib
from datetime import date
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
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


def notification_email(notification: Notification, *, connection=None) -> EmailMultiAlternatives:
    context = _template_context(notification)
    prefix = f"emails/{notification.kind}"
    with translation.override(notification_language(notification)):
        subject = " ".join(render_to_string(f"{prefix}_subject.txt", context).split())
        text = render_to_string(f"{prefix}_body.txt", context)
        html = render_to_string(f"{prefix}_body.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[notification_address(notification)],
        headers={
            "Message-ID": message_id(notification.dedupe_key),
            DEDUPE_HEADER: notification.dedupe_key,
        },
        connection=connection,
    )
    message.attach_alternative(html, "text/html")
    return message


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
