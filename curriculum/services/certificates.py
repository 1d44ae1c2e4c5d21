"""Certificates: issued once on completion, verifiable by anyone, revocable by staff.

A code is 80 random bits from `secrets`, written as 16 base32 characters in groups of four
(e.g. `K3QZ-7W2M-PA4R-XT6B`): unguessable, and unambiguous to read aloud or type from paper.
"""

from __future__ import annotations

import base64
import secrets

import segno
from django.conf import settings
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Membership
from curriculum.certificate_codes import certificate_verify_url
from curriculum.models import Certificate, Enrollment
from curriculum.selectors.credit import enrollment_credit_hours
from repair import clock
from repair.pdf import document_pdf, html_document


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


# Root font sizes (pt) to try, largest first: a long name or course title gets a smaller one
# rather than a second page.
_CERTIFICATE_SCALES = (12, 10.5, 9, 7.5)


def _certificate_badge(*, enrollment: Enrollment) -> str | None:
    return (
        Membership.objects.filter(user_id=enrollment.officer_id, department=enrollment.department)
        .exclude(badge_number="")
        .values_list("badge_number", flat=True)
        .first()
    )


def _certificate_details(*, certificate: Certificate, department) -> str:
    """Hours, date and zone; the date and the zone are never broken across lines."""
    keep = '<span class="keep">{}</span>'
    # The sentence is ours; every value in it is escaped.
    return mark_safe(
        conditional_escape(_("%(hours)s credit hours, completed on %(date)s (%(zone)s)"))
        % {
            "hours": conditional_escape(formats.number_format(certificate.credit_hours, 1)),
            "date": format_html(keep, formats.date_format(certificate.completed_on, "DATE_FORMAT")),
            "zone": format_html(keep, clock.zone_label(department)),
        }
    )


def _certificate_context(*, certificate: Certificate) -> dict:
    """The certificate's sentences, in the active language (the template only lays them out)."""
    enrollment = certificate.enrollment
    department = enrollment.department
    version = enrollment.version
    badge = _certificate_badge(enrollment=enrollment)
    url = certificate_verify_url(certificate=certificate)
    expires_on = certificate.expires_on
    return {
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "title": _("Certificate of completion") + f" {certificate.code}",
        "heading": _("Certificate of completion"),
        "curriculum_title": certificate.curriculum_title,
        "certifies": _("This certifies that"),
        "holder_name": certificate.holder_name,
        "completed": _("has completed"),
        "course": _("%(title)s (version %(version)s)")
        % {"title": certificate.curriculum_title, "version": version.number},
        "who": _("%(department)s, badge %(badge)s")
        % {"department": department.name, "badge": badge}
        if badge
        else department.name,
        "details": _certificate_details(certificate=certificate, department=department),
        "basis": _("Credit hours as set by the program for this version, with the reason recorded.")
        if version.credit_hours_override
        else _("Credit hours from the estimated time of the version's lessons and assessments."),
        "valid_until": _("Valid until %(date)s")
        % {"date": formats.date_format(expires_on, "DATE_FORMAT")}
        if expires_on
        else "",
        "revoked": _("This certificate has been revoked.") if certificate.revoked_at else "",
        "signature": _("For the REPAIR program"),
        "partner": _(
            "REPAIR is delivered with the National Center for Civil and Human Rights, Atlanta."
        ),
        "code_line": _("Certificate code: %(code)s") % {"code": certificate.code},
        "verify_url": url,
        "verify_line": _("Verify at %(url)s") % {"url": url},
        # A bitmap of one pixel per module, drawn unsmoothed: as sharp as the vector, and
        # laid out in a fraction of the time.
        "qr_src": segno.make(url, error="m").png_data_uri(scale=1, border=0),
        "qr_alt": _("QR code to verify this certificate at %(url)s") % {"url": url},
    }


def certificate_pdf(*, certificate: Certificate) -> bytes:
    """The certificate as a one-page tagged PDF (PDF/UA-1: structure, language, title), in the
    active language, with a QR code to verify it."""
    context = _certificate_context(certificate=certificate)
    for scale in _CERTIFICATE_SCALES:
        html = render_to_string("curriculum/pdf/certificate.html", {**context, "scale": scale})
        document = html_document(html)
        if len(document.pages) == 1:
            break
    return document_pdf(document)
