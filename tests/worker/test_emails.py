"""Email rendering: every kind in text and HTML, the recipient's language, absolute links."""

from __future__ import annotations

import pytest

from tests import factories
from worker.emails import DEDUPE_HEADER, message_id, notification_email
from worker.models import Notification

pytestmark = pytest.mark.django_db

CONTEXTS = {
    "due_soon_7d": {
        "curriculum_title": "Dignity & Rights",
        "due_on": "2026-12-05",
        "url": "/learn/",
    },
    "due_soon_1d": {
        "curriculum_title": "Dignity & Rights",
        "due_on": "2026-12-05",
        "url": "/learn/",
    },
    "overdue": {"curriculum_title": "Dignity & Rights", "due_on": "2026-12-05", "url": "/learn/"},
    "nudge": {"curriculum_title": "Dignity & Rights", "due_on": "2026-12-05", "url": "/learn/"},
    "facilitator_replied": {
        "curriculum_title": "Dignity & Rights",
        "module_title": "Duty to intervene",
        "url": "/learn/",
    },
    "module_opened": {
        "curriculum_title": "Dignity & Rights",
        "module_title": "Duty to intervene",
        "url": "/learn/",
    },
    "partner_report_ready": {
        "partner": "National Center",
        "period_start": "2026-10-01",
        "period_end": "2026-10-31",
        "url": "/partner/",
    },
    "liaison_digest": {
        "department": "Demo City Police Department",
        "overdue_count": 3,
        "officers": [
            {"name": "Dana Reyes", "curriculum_title": "Dignity & Rights", "due_on": "2026-11-20"}
        ],
        "more": 2,
        "url": "/department/",
    },
    "session_reminder": {
        "title": "Week 2, live",
        "cohort": "Spring cohort",
        "starts_at": "2027-03-04 18:00",
        "zone": "Eastern (America/New_York)",
        "place": "https://meet.example.org/repair",
        "url": "/learn/",
    },
    "discussion_reply": {"cohort": "Spring cohort", "author": "Sam Lee", "url": "/learn/"},
    "cohort_announcement": {
        "cohort": "Spring cohort",
        "title": "Week 3 moved",
        "body": "We meet Thursday instead.",
        "url": "/learn/",
    },
    "facilitator_digest": {"waiting_count": 3, "oldest_on": "2026-11-20", "url": "/facilitate/"},
    "reflection_escalation": {
        "late_count": 2,
        "unreached_count": 1,
        "days": 5,
        "items": [
            {
                "department": "Demo City Police Department",
                "cohort": "Spring cohort",
                "curriculum_title": "Dignity & Rights",
                "module_title": "Duty to intervene",
                "days_waiting": 6,
                "readers": "",
            }
        ],
        "more": 1,
        "url": "/admin/curriculum/cohort/",
    },
    "certificate_expiring": {
        "curriculum_title": "Dignity & Rights",
        "holder_name": "Dana Reyes",
        "expires_on": "2027-02-28",
        "for_liaison": True,
        "url": "/department/",
    },
    "training_assigned": {
        "assignments": [
            {"curriculum_title": "Dignity & Rights", "due_on": "2026-12-05"},
            {"curriculum_title": "Duty to Intervene", "due_on": None},
        ],
        "url": "/learn/",
    },
    "supervisor_digest": {
        "department": "Demo City Police Department",
        "overdue_count": 3,
        "officers": [
            {"name": "Dana Reyes", "curriculum_title": "Dignity & Rights", "due_on": "2026-11-01"}
        ],
        "more": 2,
        "escalate_after_days": 14,
        "url": "/team/",
    },
}


def _email(kind: str, *, language: str = "en", **context):
    user = factories.UserFactory(email="dana@example.test", first_name="Dana", language=language)
    notification = Notification.objects.create(
        kind=kind,
        dedupe_key=f"{kind}:42",
        recipient=user,
        context={**CONTEXTS[kind], **context},
    )
    return notification_email(notification)


@pytest.mark.parametrize("kind", sorted(CONTEXTS))
def test_every_kind_renders_text_and_html_with_an_absolute_link(kind, settings):
    settings.SITE_URL = "https://repair.example.org"

    message = _email(kind)
    html, mimetype = message.alternatives[0]

    url = f"https://repair.example.org{CONTEXTS[kind]['url']}"
    assert message.subject and "\n" not in message.subject
    assert url in message.body
    assert f'href="{url}"' in html
    assert mimetype == "text/html"
    assert message.to == ["dana@example.test"]
    assert message.body.startswith("Hello Dana,")
    assert "{%" not in message.body + html


def test_headers_carry_the_dedupe_key_and_a_stable_message_id(settings):
    settings.SITE_URL = "https://repair.example.org"

    message = _email("overdue")

    assert message.extra_headers[DEDUPE_HEADER] == "overdue:42"
    assert message.extra_headers["Message-ID"] == message_id("overdue:42")
    assert message_id("overdue:42").endswith("@repair.example.org>")
    assert message_id("overdue:42") != message_id("overdue:43")


def test_text_part_is_not_html_escaped_and_html_part_is():
    message = _email("due_soon_7d")

    assert '"Dignity & Rights"' in message.body
    assert "Dignity &amp; Rights" in message.alternatives[0][0]
    assert message.subject == "Training due in a week: Dignity & Rights"


def test_english_dates_are_written_out():
    message = _email("due_soon_7d")

    assert 'Your training "Dignity & Rights" is due on Dec 5, 2026.' in message.body


def test_spanish_recipient_reads_spanish(settings):
    message = _email("due_soon_7d", language="es")
    html = message.alternatives[0][0]

    assert message.subject == "Formación que vence en una semana: Dignity & Rights"
    assert message.body.startswith("Hola, Dana:")
    assert "5 dic 2026" in message.body
    assert '<html lang="es">' in html


def test_digest_lists_officers_and_counts_the_rest():
    message = _email("liaison_digest")
    html = message.alternatives[0][0]

    assert message.subject == "Weekly digest: 3 overdue trainings in Demo City Police Department"
    assert "- Dana Reyes: Dignity & Rights (due Nov 20, 2026)" in message.body
    assert "and 2 more" in message.body
    assert '<th scope="col">Officer</th>' in html


def test_partner_report_email_carries_a_link_and_no_figures():
    message = _email("partner_report_ready")

    assert message.subject == "REPAIR partner report for October 2026 is ready"
    assert "covering Oct 1, 2026 to Oct 31, 2026" in message.body
    assert message.attachments == []


def test_message_without_user_goes_to_the_address_in_the_default_language():
    notification = Notification.objects.create(
        kind="nudge",
        dedupe_key="nudge:plain",
        to_email="someone@example.test",
        context=CONTEXTS["nudge"],
    )

    message = notification_email(notification)

    assert message.to == ["someone@example.test"]
    assert message.body.startswith("Hello,")
