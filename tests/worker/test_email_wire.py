"""The sender writes each message's bytes itself (worker.emails.notification_wire): parsed, they
are the message Django's EmailMultiAlternatives builds, header for header and part for part, in
every kind and language, with non-ASCII text and over-long lines."""

from __future__ import annotations

import email
import itertools
from email import policy

import pytest

from tests import factories
from tests.worker.test_emails import CONTEXTS
from worker.emails import EmailTemplates, notification_email, notification_wire
from worker.models import Notification

pytestmark = pytest.mark.django_db

_SERIAL = itertools.count()
COMPARED_HEADERS = ("Subject", "From", "To", "Message-ID", "X-Repair-Dedupe-Key", "MIME-Version")


def _notification(kind: str, *, language: str = "en", first_name: str = "Dana", **context):
    user = factories.UserFactory(
        email=f"dana.{next(_SERIAL)}@example.test",
        first_name=first_name,
        language=language,
    )
    return Notification.objects.create(
        kind=kind, dedupe_key=f"{kind}:42", recipient=user, context={**CONTEXTS[kind], **context}
    )


def _parsed(raw: bytes):
    return email.message_from_bytes(raw, policy=policy.default)


def _shape(message) -> dict:
    parts = [
        (part.get_content_type(), part.get_content_charset(), part.get_content())
        for part in message.iter_parts()
    ]
    return {
        # Django folds an encoded subject onto a continuation line (a leading space once parsed).
        "headers": {name: str(message[name]).strip() for name in COMPARED_HEADERS},
        "type": message.get_content_type(),
        "parts": parts,
    }


def _assert_same(notification) -> None:
    django_bytes = notification_email(notification).message().as_bytes(linesep="\r\n")
    sender, recipients, wire = notification_wire(notification, templates=EmailTemplates())

    assert _shape(_parsed(wire)) == _shape(_parsed(django_bytes))
    assert sender == "REPAIR Training <noreply@repair.test>"
    assert recipients == [notification.recipient.email]
    assert b"\r\n" in wire and b"\n" not in wire.replace(b"\r\n", b"")
    assert _parsed(wire)["Date"]


@pytest.mark.parametrize("kind", sorted(CONTEXTS))
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_wire_is_the_message_django_builds(kind, language):
    _assert_same(_notification(kind, language=language))


def test_non_ascii_and_over_long_lines_are_encoded_as_django_does():
    title = "Derechos y dignidad: módulo " + "á" * 600  # a line over 998 bytes
    _assert_same(
        _notification("due_soon_7d", language="es", first_name="Íñigo", curriculum_title=title)
    )
    _assert_same(_notification("nudge", first_name="Zoë", curriculum_title="Rights " * 200))
