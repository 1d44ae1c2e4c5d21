"""Certificates: unguessable codes, a PDF with a QR code, public verification, revocation."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.admin.sites import site
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone, translation
from pypdf import PdfReader

from accounts.models import AuditEvent
from curriculum.admin import CertificateAdmin
from curriculum.certificate_codes import certificate_code_normalize
from curriculum.models import Certificate, Enrollment
from curriculum.services.certificates import (
    certificate_code_new,
    certificate_issue,
    certificate_pdf,
    certificate_revoke,
)
from tests import factories
from tests.curriculum.test_learn_progress import enroll
from tests.partners.audit import pdf_text, structure_tags

pytestmark = pytest.mark.django_db

CODE = re.compile(r"^[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$")


@pytest.fixture
def certificate(officer):
    officer.first_name, officer.last_name = "Ana", "Reyes"
    officer.save()
    curriculum = factories.CurriculumFactory(title="Human Rights in Everyday Policing")
    enrollment = enroll(
        officer, curriculum, status=Enrollment.Status.COMPLETED, completed_at=timezone.now()
    )
    return certificate_issue(enrollment=enrollment, acting_user=officer)


def test_codes_are_80_random_bits_in_groups_of_four():
    codes = {certificate_code_new() for _index in range(200)}

    assert len(codes) == 200
    assert all(CODE.match(code) for code in codes)


def test_typed_codes_are_normalized():
    assert certificate_code_normalize(" abcd efgh-ijkl mnop ") == "ABCD-EFGH-IJKL-MNOP"
    assert certificate_code_normalize("abc") == "ABC"


def test_issue_is_idempotent_and_audited(certificate):
    again = certificate_issue(enrollment=certificate.enrollment)

    assert again.pk == certificate.pk
    assert Certificate.objects.count() == 1
    assert AuditEvent.objects.filter(action="certificate.issued").count() == 1
    assert certificate.holder_name == "Ana Reyes"


def test_an_unfinished_enrollment_gets_no_certificate(officer):
    enrollment = enroll(officer, factories.CurriculumFactory())

    with pytest.raises(ValueError):
        certificate_issue(enrollment=enrollment)

    assert Certificate.objects.count() == 0


def test_pdf_names_holder_course_hours_date_code_and_verification_url(certificate, settings):
    settings.SITE_URL = "https://repair.example.org"

    pdf = certificate_pdf(certificate=certificate)

    text = " ".join(pdf_text(pdf).split())
    assert pdf.startswith(b"%PDF-")
    for shown in [
        "Ana Reyes",
        "Human Rights in Everyday Policing",
        "8.0 credit hours",
        certificate.code,
    ]:
        assert shown in text, shown
    # The address may wrap on paper (after a dash or slash).
    assert f"https://repair.example.org/verify/{certificate.code}/" in "".join(text.split())


def test_pdf_is_tagged_with_language_title_and_one_page(certificate, settings):
    """PDF/UA-1: a structure tree, marked content, the language, a title the viewer shows,
    headings, and the QR code a figure with alt text."""
    settings.SITE_URL = "https://repair.example.org"

    reader = PdfReader(io.BytesIO(certificate_pdf(certificate=certificate)))

    catalog = reader.trailer["/Root"]
    title = f"Certificate of completion {certificate.code}"
    assert len(reader.pages) == 1
    assert "/StructTreeRoot" in catalog
    assert catalog["/MarkInfo"]["/Marked"].value is True
    assert catalog["/Lang"] == "en"
    assert catalog["/ViewerPreferences"]["/DisplayDocTitle"].value is True
    assert reader.metadata.title == title
    assert reader.xmp_metadata.dc_title["x-default"] == title
    assert b"pdfuaid:part" in catalog["/Metadata"].get_object().get_data()
    tags = structure_tags(catalog)
    assert ("/H1", None) in tags and ("/H2", None) in tags
    assert (
        "/Figure",
        f"QR code to verify this certificate at https://repair.example.org/verify/{certificate.code}/",
    ) in tags


def test_pdf_in_spanish_says_so_and_stays_one_page(certificate):
    with translation.override("es"):
        pdf = certificate_pdf(certificate=certificate)

    reader = PdfReader(io.BytesIO(pdf))
    text = " ".join(pdf_text(pdf).split())
    assert reader.trailer["/Root"]["/Lang"] == "es"
    assert len(reader.pages) == 1
    assert reader.metadata.title == f"Certificado de finalización {certificate.code}"
    assert "Certificado de finalización" in text
    assert "8,0 horas de crédito" in text


def test_a_long_name_and_course_title_still_fit_one_page(certificate):
    certificate.holder_name = "Maria Guadalupe Fernandez-Rodriguez de la Cruz y Villanueva " * 3
    certificate.curriculum_title = "Constitutional Policing, De-escalation and Human Rights " * 4
    certificate.save(update_fields=["holder_name", "curriculum_title"])

    pdf = certificate_pdf(certificate=certificate)

    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1
    assert "Villanueva" in pdf_text(pdf)


def test_officer_downloads_own_certificate_only(client, certificate, department):
    url = reverse("learn:certificate_pdf", args=[certificate.code])
    client.force_login(certificate.enrollment.officer)

    own = client.get(url)
    client.force_login(factories.officer(department))
    other = client.get(url)

    assert own.status_code == 200
    assert own["Content-Type"] == "application/pdf"
    assert own.content.startswith(b"%PDF-")
    assert other.status_code == 404


def test_verify_page_confirms_a_valid_certificate_to_anyone(client, certificate):
    html = client.get(reverse("verify:detail", args=[certificate.code])).content.decode()

    assert "This certificate is valid." in html
    assert "Ana Reyes" in html
    assert "Human Rights in Everyday Policing" in html


def test_verify_form_redirects_a_typed_code(client, certificate):
    typed = certificate.code.lower().replace("-", " ")

    response = client.get(reverse("verify:form"), {"code": typed}, follow=True)

    assert response.redirect_chain[-1][0] == reverse("verify:detail", args=[certificate.code])
    assert "This certificate is valid." in response.content.decode()


def test_verify_without_a_code_shows_the_form(client):
    html = client.get(reverse("verify:form")).content.decode()

    assert 'name="code"' in html
    assert '<label for="certificate-code">' in html


def test_a_code_stored_without_groups_verifies_as_typed(client, certificate):
    Certificate.objects.filter(pk=certificate.pk).update(code="3F9A0B12C4D5E6F7")

    response = client.get(reverse("verify:detail", args=["3f9a-0b12 c4d5e6f7"]), follow=True)

    assert response.redirect_chain[-1][0] == reverse("verify:detail", args=["3F9A0B12C4D5E6F7"])
    assert "This certificate is valid." in response.content.decode()


def test_unknown_code_answers_404_with_a_clear_page(client):
    response = client.get(reverse("verify:detail", args=["AAAA-BBBB-CCCC-DDDD"]))

    assert response.status_code == 404
    assert "No REPAIR certificate has the code" in response.content.decode()


def test_revoked_certificate_says_so(client, certificate, staff_user):
    certificate_revoke(certificate=certificate, acting_user=staff_user, reason="Issued in error.")

    html = client.get(reverse("verify:detail", args=[certificate.code])).content.decode()

    assert "This certificate has been revoked." in html
    assert "Issued in error." in html
    assert "This certificate is valid." not in html
    event = AuditEvent.objects.get(action="certificate.revoked")
    assert (event.actor_id, event.object_id) == (staff_user.pk, str(certificate.pk))


def test_admin_action_revokes_through_the_service(certificate, staff_user):
    request = RequestFactory().post("/admin/")
    request.user = staff_user
    request._messages = type("M", (), {"add": lambda *args, **kwargs: None})()
    admin = CertificateAdmin(Certificate, site)

    admin.revoke_selected(request, Certificate.objects.all())
    admin.revoke_selected(request, Certificate.objects.all())

    certificate.refresh_from_db()
    assert certificate.revoked_at is not None
    assert certificate.revoked_reason == "Revoked by program staff."
    assert AuditEvent.objects.filter(action="certificate.revoked").count() == 1


@pytest.mark.django_db
def test_verify_hint_describes_real_codes(client):
    from curriculum.services.certificates import certificate_code_new

    html = client.get(reverse("verify:form")).content.decode()

    assert "Letters and dashes" not in html
    assert "16 letters and digits in groups of four" in html
    codes = [certificate_code_new() for _ in range(50)]
    assert all(len(code.replace("-", "")) == 16 and code.count("-") == 3 for code in codes)
    assert any(ch.isdigit() for code in codes for ch in code)


def test_pdf_has_department_badge_version_basis_signature_and_partner(certificate):
    from accounts.models import Membership

    enrollment = certificate.enrollment
    Membership.objects.filter(user=enrollment.officer, department=enrollment.department).update(
        badge_number="B-1955"
    )

    pdf = certificate_pdf(certificate=certificate)

    text = " ".join(pdf_text(pdf).split())
    assert f"{enrollment.department.name}, badge B-1955" in text
    assert f"(version {enrollment.version.number})" in text
    assert "Credit hours from the estimated time of the version's lessons and assessments." in text
    assert "For the REPAIR program" in text
    assert "National Center for Civil and Human Rights" in text
    assert len(PdfReader(io.BytesIO(pdf)).pages) == 1


def test_pdf_without_a_badge_names_the_department_alone(certificate):
    from accounts.models import Membership

    enrollment = certificate.enrollment
    Membership.objects.filter(user=enrollment.officer).update(badge_number="")

    text = " ".join(pdf_text(certificate_pdf(certificate=certificate)).split())

    assert enrollment.department.name in text and ", badge" not in text


def test_pdf_shows_the_expiry_when_the_certificate_has_one(certificate):
    import datetime as dt

    certificate.expires_on = dt.date(2028, 3, 1)
    certificate.save(update_fields=["expires_on"])

    text = " ".join(pdf_text(certificate_pdf(certificate=certificate)).split())

    assert "Valid until Mar 1, 2028" in text
