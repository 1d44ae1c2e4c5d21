"""State POST credit reports: the completions of a department in a date range, with the
officers' POST IDs and the curricula's course numbers for one state, written in a layout.

A completion is a certificate that is not revoked; its date is the certificate's completion
date, a date of the department's calendar, so the report and the certificates agree. Its hours
are the certificate's. One query reads the rows (course numbers and POST IDs by subquery).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterator
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import OuterRef, Subquery
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department, Membership
from compliance.models import OfficerProfile, PostCourse
from compliance.post_layouts import POST_LAYOUTS, PostLayout
from curriculum.exports import safe_cell
from curriculum.models import Certificate

MAX_RANGE_DAYS = 3 * 366


def post_completion_rows(
    *, department: Department, state: str, first: dt.date, last: dt.date
) -> Iterator[dict]:
    """The department's completions from `first` to `last` (its dates, inclusive)."""
    course = PostCourse.objects.filter(
        curriculum_id=OuterRef("enrollment__curriculum_id"), state=state
    )
    profile = OfficerProfile.objects.filter(
        membership__user_id=OuterRef("enrollment__officer_id"),
        membership__department_id=department.pk,
        membership__role=Membership.Role.OFFICER,
    )
    badge = Membership.objects.filter(
        user_id=OuterRef("enrollment__officer_id"),
        department_id=department.pk,
        role=Membership.Role.OFFICER,
    )
    certificates = (
        Certificate.objects.filter(
            enrollment__department=department,
            revoked_at__isnull=True,
            completed_on__gte=first,
            completed_on__lte=last,
        )
        .annotate(
            course_number=Subquery(course.values("course_number")[:1]),
            course_category=Subquery(course.values("category")[:1]),
            post_id=Subquery(profile.values("post_id")[:1]),
            badge_number=Subquery(badge.values("badge_number")[:1]),
        )
        .values(
            "code",
            "completed_on",
            "credit_hours",
            "curriculum_title",
            "course_number",
            "course_category",
            "post_id",
            "badge_number",
            "enrollment__officer__first_name",
            "enrollment__officer__last_name",
        )
        .order_by("completed_on", "enrollment__officer__last_name", "code")
    )
    for row in certificates.iterator(chunk_size=1000):
        yield {
            "state": state,
            "agency": department.name,
            "agency_ori": department.ori_code,
            "post_id": row["post_id"] or "",
            "last_name": row["enrollment__officer__last_name"],
            "first_name": row["enrollment__officer__first_name"],
            "badge_number": row["badge_number"] or "",
            "course_number": row["course_number"] or "",
            "course_category": row["course_category"] or "",
            "course_title": row["curriculum_title"],
            "credit_hours": row["credit_hours"],
            "completed_on": row["completed_on"],
            "certificate_code": row["code"],
        }


def _cell(value, layout: PostLayout) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime(layout.date_format)
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(safe_cell(value))


def post_report_bytes(*, layout: PostLayout, rows) -> tuple[bytes, int]:
    """The file in the layout's encoding; returns its bytes and its number of rows."""
    text = io.StringIO()
    writer = csv.writer(text, delimiter=layout.delimiter, lineterminator="\r\n")
    writer.writerow([header for header, _name in layout.columns])
    count = 0
    for row in rows:
        writer.writerow([_cell(row[name], layout) for _header, name in layout.columns])
        count += 1
    return text.getvalue().encode(layout.encoding, errors="replace"), count


def post_report_export(
    *,
    department: Department,
    state: str,
    first: dt.date,
    last: dt.date,
    layout_key: str,
    acting_user,
    client_ip: str | None = None,
) -> tuple[bytes, PostLayout]:
    """Build the report and record the export in the audit trail."""
    layout = POST_LAYOUTS.get(layout_key)
    if layout is None or layout.state not in (None, state):
        raise ValidationError({"layout": _("This layout is not for this state.")})
    if first > last:
        raise ValidationError({"last": _("The end of the range is before its start.")})
    if (last - first).days > MAX_RANGE_DAYS:
        raise ValidationError({"last": _("A report covers at most three years.")})
    content, count = post_report_bytes(
        layout=layout,
        rows=post_completion_rows(department=department, state=state, first=first, last=last),
    )
    audit_record(
        action="export.post_report",
        actor=acting_user,
        obj=department,
        department=department,
        client_ip=client_ip,
        data={
            "state": state,
            "layout": layout.key,
            "first": first.isoformat(),
            "last": last.isoformat(),
            "rows": count,
        },
    )
    return content, layout
