"""Producing an officer's training record as a PDF, audited.

The event that records who made the PDF is written first, so the audit chain head printed in
the PDF is that event: the copy itself is in the chain it points to.
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department
from curriculum.record_pdf import officer_record_pdf
from curriculum.selectors.record import officer_record


def record_pdf_make(
    *, officer, acting_user, department: Department | None = None, client_ip: str | None = None
) -> bytes:
    """The officer's record as a PDF: their own copy (all their enrollments, reflection text),
    or a liaison's copy of one officer of `department` (that department's enrollments, no
    reflection text)."""
    own = department is None
    with transaction.atomic():
        audit_record(
            action="record.pdf_made",
            actor=acting_user,
            obj=officer,
            department=department,
            client_ip=client_ip,
            data={"copy": "officer" if own else "liaison"},
        )
        record = officer_record(user=officer, department=department, private=own)
    made_for = (
        _("the officer")
        if own
        else _("%(who)s, %(department)s")
        % {"who": acting_user.display_name, "department": department.name}
    )
    return officer_record_pdf(record=record, made_for=made_for)
