"""The officer's training record: page, JSON, PDF and API agree with one another and with the
certificate; the liaison's PDF is audited and holds no reflection text."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from accounts.audit import audit_chain_first_broken
from accounts.models import AuditEvent, Membership
from curriculum.certificate_codes import certificate_verify_url
from curriculum.models import Certificate
from tests import factories
from tests.api.conftest import token_client
from tests.curriculum.test_learn_progress import (
    REFLECTION,
    do_module,
    enroll,
    post_test_of,
    pre_test_of,
    started_an_hour_ago,
    take,
)
from tests.partners.audit import pdf_text, structure_tags

pytestmark = pytest.mark.django_db


def _complete(officer, curriculum):
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)
    started_an_hour_ago(enrollment)
    for module in curriculum.current_version.modules.order_by("order"):
        do_module(enrollment, module, officer)
    take(enrollment, post_test_of(curriculum), officer)
    enrollment.refresh_from_db()
    return enrollment


@pytest.fixture
def completed(officer):
    return _complete(officer, factories.small_curriculum(modules=2))


def test_the_record_holds_version_lessons_attempts_reflections_certificate_and_audit(
    client, completed, officer
):
    client.force_login(officer)

    record = client.get(reverse("learn:record_json")).json()

    entry = record["enrollments"][0]
    certificate = Certificate.objects.get(enrollment=completed)
    assert entry["version"] == {
        "number": 1,
        "content_hash": completed.version.content_hash,
        "published_at": completed.version.published_at.isoformat(),
    }
    assert [lesson["seconds_on_clock"] for lesson in entry["lessons"]] == [600, 600]
    assert [(a["kind"], a["score"]) for a in entry["attempts"]] == [
        ("pre_test", 100),
        ("knowledge_check", 100),
        ("knowledge_check", 100),
        ("post_test", 100),
    ]
    assert [r["text"] for r in entry["reflections"]] == [REFLECTION, REFLECTION]
    assert entry["certificate"] == {
        "code": certificate.code,
        "issued_on": certificate.issued_on.isoformat(),
        "completed_on": certificate.completed_on.isoformat(),
        "expires_on": None,
        "credit_hours": str(certificate.credit_hours),
        "valid": True,
        "verify_url": certificate_verify_url(certificate=certificate),
    }
    assert entry["completed_on"] == certificate.completed_on.isoformat()
    assert {"enrollment.completed", "certificate.issued"} <= {
        e["action"] for e in record["audit"]["events"]
    }
    head = AuditEvent.objects.order_by("-id").first()
    assert record["audit"]["chain_head"]["hash"] == head.hash
    assert f"event {head.pk} still has hash {head.hash}" in record["audit"]["how_to_verify"]


def test_the_api_returns_the_same_record_in_a_fixed_number_of_queries(
    completed, officer, department, django_assert_num_queries
):
    client = token_client(officer)
    assert client.get("/api/v1/me/record/").status_code == 200  # stamps the token's use

    with CaptureQueriesContext(connection) as one:
        first = client.get("/api/v1/me/record/")
    _complete(officer, factories.small_curriculum(modules=3))
    _complete(officer, factories.small_curriculum(modules=1))
    with django_assert_num_queries(len(one.captured_queries)):
        more = client.get("/api/v1/me/record/")

    assert len(one.captured_queries) == RECORD_QUERIES
    assert first.json()["enrollments"][0]["certificate"]["code"] == completed.certificate.code
    assert len(more.json()["enrollments"]) == 3


# The token and the user's roles (1), then the record: enrollments, lessons, attempts,
# reflections, live-session attendance, reviews, memberships, audit events about the officer,
# bulk enrollment events, the chain head (10).
RECORD_QUERIES = 11


def test_the_record_pdf_agrees_with_the_api_and_the_certificate(client, completed, officer):
    client.force_login(officer)
    api = token_client(officer).get("/api/v1/me/record/").json()

    response = client.get(reverse("learn:record_pdf"))

    text = pdf_text(response.content)
    certificate = Certificate.objects.get(enrollment=completed)
    made = AuditEvent.objects.order_by("-id").first()
    entry = api["enrollments"][0]
    assert response["Content-Type"] == "application/pdf"
    assert made.action == "record.pdf_made" and made.actor_id == officer.pk
    for shown in (
        certificate.code,
        certificate.completed_on.isoformat(),
        f"{certificate.credit_hours} credit hours",
        entry["version"]["content_hash"],
        entry["completed_on"],
        made.hash,  # the chain head: the event that records this very PDF
        "audit_verify",
        REFLECTION[:40],  # the officer's own copy holds the text
    ):
        assert shown in text, shown
    assert audit_chain_first_broken() is None


def test_the_record_pdf_is_tagged_with_language_title_headings_and_table_headers(
    client, completed, officer
):
    client.force_login(officer)

    reader = PdfReader(io.BytesIO(client.get(reverse("learn:record_pdf")).content))

    catalog = reader.trailer["/Root"]
    tags = [tag for tag, _alt in structure_tags(catalog)]
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == f"Training record of {officer.display_name}"
    assert tags.count("/H1") == 1
    assert tags.count("/H2") == 2  # the enrollment, the audit events
    assert tags.count("/Table") == 4  # lessons, attempts, reflections, audit events
    assert tags.count("/TH") == 5 + 5 + 4 + 5


def test_the_liaison_produces_one_officers_pdf_audited_and_without_reflection_text(
    client, completed, officer, liaison, department
):
    membership = Membership.objects.get(user=officer, department=department)
    elsewhere = factories.DepartmentFactory(name="Elsewhere County")
    Membership.objects.create(
        user=officer,
        department=elsewhere,
        badge_number="E1",
        status=Membership.Status.SEPARATED,
        separated_on=dt.date(2025, 6, 30),
    )  # the officer's earlier department
    other = factories.EnrollmentFactory(
        officer=officer,
        department=elsewhere,
        curriculum=factories.CurriculumFactory(title="Other dept course"),
    )
    client.force_login(liaison)

    response = client.get(reverse("department:officer_record_pdf", args=[membership.pk]))

    text = pdf_text(response.content)
    event = AuditEvent.objects.get(action="record.pdf_made")
    assert response.status_code == 200
    assert (event.actor_id, event.department_id, event.object_id) == (
        liaison.pk,
        department.pk,
        str(officer.pk),
    )
    assert completed.certificate.code in text
    assert event.hash in text
    assert REFLECTION[:40] not in text
    assert other.curriculum.title not in text


def test_another_departments_liaison_cannot_produce_the_pdf(
    client, completed, officer, other_liaison
):
    membership = officer.memberships.get()
    client.force_login(other_liaison)

    response = client.get(reverse("department:officer_record_pdf", args=[membership.pk]))

    assert response.status_code == 404
    assert not AuditEvent.objects.filter(action="record.pdf_made").exists()


def test_the_record_page_shows_each_enrollment_with_its_version(client, completed, officer):
    client.force_login(officer)

    html = client.get(reverse("learn:record")).content.decode()

    assert completed.version.content_hash in html
    assert f'data-enrollment="{completed.pk}"' in html
    assert completed.certificate.code in html


def test_a_lesson_taken_before_the_clock_is_marked_not_measured(client, completed, officer):
    completed.lesson_progress.update(seconds_spent=None)
    client.force_login(officer)

    record = client.get(reverse("learn:record_json")).json()

    assert [x["seconds_on_clock"] for x in record["enrollments"][0]["lessons"]] == [None, None]
    assert dt.date.fromisoformat(record["enrollments"][0]["completed_on"])
