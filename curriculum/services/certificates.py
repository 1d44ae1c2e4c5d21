"""Certificates: issued once on completion, verifiable by anyone, revocable by staff.

A code is 80 random bits from `secrets`, written as 16 base32 characters in groups of four
(e.g. `K3QZ-7W2M-PA4R-XT6B`): unguessable, and unambiguous to read aloud or type from paper.
"""

from __future__ import annotations

import base64
import io
import secrets

import segno
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from reportlab.lib.pagesizes import landscape, letter
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen import canvas

from accounts.audit import audit_record
from accounts.models import Membership
from curriculum.certificate_codes import certificate_verify_url
from curriculum.models import Certificate, Enrollment
from curriculum.selectors.credit import enrollment_credit_hours
from repair import clock


def certificate_code_new() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode("ascii")
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def certificate_expiry(*, enrollment: Enrollment):
    """The department date a certificate of this completion expires on (None: it never does):
    the completion date plus the curriculum's validity, on the department's calendar."""
    months = enrollment.curriculum.validity_months
    if not months or enrollment.completed_on is None:
        return None
    return clock.add_months(enrollment.completed_on, months)


def certificate_issue(*, enrollment: Enrollment, acting_user=None) -> Certificate:
    """Issue the certificate of a completed enrollment (idempotent: one per enrollment)."""
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    if enrollment.status != Enrollment.Status.COMPLETED or enrollment.completed_at is None:
        raise ValueError("Only a completed enrollment earns a certificate.")
    for _attempt in range(5):
        try:
            with transaction.atomic():
                certificate = Certificate.objects.create(
                    enrollment=enrollment,
                    code=certificate_code_new(),
                    holder_name=enrollment.officer.display_name,
                    curriculum_title=enrollment.version.title,
                    credit_hours=enrollment_credit_hours(enrollment=enrollment),
                    completed_on=enrollment.completed_on,
                    expires_on=certificate_expiry(enrollment=enrollment),
                    issued_on=clock.today(enrollment.department),
                )
                audit_record(
                    action="certificate.issued",
                    actor=acting_user,
                    obj=certificate,
                    department=enrollment.department,
                    data={"code": certificate.code, "enrollment_id": enrollment.pk},
                )
            return certificate
        except IntegrityError:
            # A code collision (2^-80) or a concurrent issue for the same enrollment.
            existing = Certificate.objects.filter(enrollment=enrollment).first()
            if existing is not None:
                return existing
    raise RuntimeError("Could not allocate a unique certificate code.")


def certificate_revoke(*, certificate: Certificate, acting_user, reason: str = "") -> Certificate:
    """Revoke a certificate; the verification page and API say so from then on."""
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.revoked_at is not None:
            return locked
        locked.revoked_at = timezone.now()
        locked.revoked_reason = reason[:300]
        locked.save(update_fields=["revoked_at", "revoked_reason"])
        audit_record(
            action="certificate.revoked",
            actor=acting_user,
            obj=locked,
            department=locked.enrollment.department,
            data={"code": locked.code, "reason": locked.revoked_reason},
        )
    return locked


def _centered(pdf: canvas.Canvas, text: str, y: float, font: str, size: int, width: float):
    """Draw text centred, wrapped to the width; returns the y below the last line."""
    page_width = pdf._pagesize[0]
    for line in simpleSplit(text, font, size, width):
        pdf.setFont(font, size)
        pdf.drawCentredString(page_width / 2, y, line)
        y -= size * 1.3
    return y


def _draw_qr(pdf: canvas.Canvas, url: str, x: float, y: float, size: float) -> None:
    qr = segno.make(url, error="m")
    matrix = list(qr.matrix)
    module = size / len(matrix)
    pdf.setFillColorRGB(0, 0, 0)
    for row_index, row in enumerate(matrix):
        for col_index, dark in enumerate(row):
            if dark:
                pdf.rect(
                    x + col_index * module,
                    y + size - (row_index + 1) * module,
                    module,
                    module,
                    stroke=0,
                    fill=1,
                )


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """The certificate as a one-page PDF, in the active language, with a QR code to verify it."""
    buffer = io.BytesIO()
    pagesize = landscape(letter)
    pdf = canvas.Canvas(buffer, pagesize=pagesize, invariant=1, pageCompression=0)
    pdf.setTitle(_("Certificate of completion") + f" {certificate.code}")
    pdf.setAuthor("REPAIR")
    pdf.setSubject(certificate.curriculum_title)
    width, height = pagesize
    text_width = width - 2 * inch
    pdf.setStrokeColorRGB(0.04, 0.24, 0.42)
    pdf.setLineWidth(4)
    pdf.rect(0.4 * inch, 0.4 * inch, width - 0.8 * inch, height - 0.8 * inch)
    y = height - 1.3 * inch
    y = _centered(pdf, "REPAIR", y, "Helvetica-Bold", 18, text_width)
    y = _centered(pdf, _("Certificate of completion"), y - 6, "Helvetica-Bold", 30, text_width)
    y = _centered(pdf, _("This certifies that"), y - 12, "Helvetica", 14, text_width)
    y = _centered(pdf, certificate.holder_name, y - 4, "Helvetica-Bold", 24, text_width)
    y = _centered(pdf, _("has completed"), y - 4, "Helvetica", 14, text_width)
    enrollment = certificate.enrollment
    department = enrollment.department
    version = enrollment.version
    title = _("%(title)s (version %(version)s)") % {
        "title": certificate.curriculum_title,
        "version": version.number,
    }
    y = _centered(pdf, title, y - 4, "Helvetica-Bold", 18, text_width)
    badge = (
        Membership.objects.filter(user_id=enrollment.officer_id, department=department)
        .exclude(badge_number="")
        .values_list("badge_number", flat=True)
        .first()
    )
    who = (
        _("%(department)s, badge %(badge)s") % {"department": department.name, "badge": badge}
        if badge
        else department.name
    )
    y = _centered(pdf, who, y - 4, "Helvetica", 13, text_width)
    details = _("%(hours)s credit hours, completed on %(date)s (%(zone)s)") % {
        "hours": formats.number_format(certificate.credit_hours, 1),
        "date": formats.date_format(certificate.completed_on, "DATE_FORMAT"),
        "zone": clock.zone_label(department),
    }
    y = _centered(pdf, details, y - 6, "Helvetica", 13, text_width)
    basis = (
        _("Credit hours as set by the program for this version, with the reason recorded.")
        if version.credit_hours_override
        else _("Credit hours from the estimated time of the version's lessons and assessments.")
    )
    y = _centered(pdf, basis, y - 2, "Helvetica", 10, text_width)
    expires_on = getattr(certificate, "expires_on", None)
    if expires_on:
        y = _centered(
            pdf,
            _("Valid until %(date)s") % {"date": formats.date_format(expires_on, "DATE_FORMAT")},
            y - 2,
            "Helvetica-Bold",
            12,
            text_width,
        )
    # The program's signature line and its partner.
    sign_y = 2.05 * inch
    pdf.setLineWidth(1)
    pdf.line(width / 2 - 1.6 * inch, sign_y, width / 2 + 1.6 * inch, sign_y)
    _centered(pdf, _("For the REPAIR program"), sign_y - 4, "Helvetica", 11, text_width)
    _centered(
        pdf,
        _("REPAIR is delivered with the National Center for Civil and Human Rights, Atlanta."),
        sign_y - 20,
        "Helvetica",
        10,
        text_width,
    )
    url = certificate_verify_url(certificate=certificate)
    qr_size = 1.3 * inch
    _draw_qr(pdf, url, width - 0.8 * inch - qr_size, 0.75 * inch, qr_size)
    pdf.setFont("Helvetica", 11)
    pdf.drawString(
        0.8 * inch, 1.35 * inch, _("Certificate code: %(code)s") % {"code": certificate.code}
    )
    pdf.drawString(0.8 * inch, 1.1 * inch, _("Verify at %(url)s") % {"url": url})
    if certificate.revoked_at is not None:
        pdf.setFillColorRGB(0.64, 0.1, 0.17)
        pdf.setFont("Helvetica-Bold", 16)
        pdf.drawString(0.8 * inch, 0.85 * inch, _("This certificate has been revoked."))
    pdf.showPage()
    pdf.save()
    return buffer.getvalue()
