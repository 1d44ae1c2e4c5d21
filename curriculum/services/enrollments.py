"""Enrolling officers: one officer, a selection or a whole filter, all-or-nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department, Membership
from curriculum.models import Cohort, Curriculum, Enrollment


@dataclass
class EnrollmentBulkResult:
    created: int = 0
    skipped_existing: int = 0
    enrollment_ids: list[int] = field(default_factory=list)


def _check_officers(*, officer_ids: set[int], department: Department) -> None:
    on_roster = set(
        Membership.objects.filter(
            department=department,
            role=Membership.Role.OFFICER,
            status=Membership.Status.ACTIVE,
            user_id__in=officer_ids,
        ).values_list("user_id", flat=True)
    )
    foreign = sorted(officer_ids - on_roster)
    if foreign:
        raise ValidationError(
            {
                "officer_ids": _("Not active officers of your department: %(ids)s")
                % {"ids": ", ".join(str(i) for i in foreign)}
            }
        )


def _check_curriculum(*, curriculum: Curriculum, cohort: Cohort | None, due_on) -> None:
    if curriculum.status != Curriculum.Status.PUBLISHED:
        raise ValidationError({"curriculum_id": _("This curriculum is not published.")})
    if cohort is not None and cohort.curriculum_id != curriculum.pk:
        raise ValidationError({"cohort": _("This cohort follows another curriculum.")})
    if due_on is not None and due_on < timezone.localdate():
        raise ValidationError({"due_on": _("The due date cannot be in the past.")})


def enrollment_bulk_create(
    *,
    officer_ids: Iterable[int],
    curriculum: Curriculum,
    department: Department,
    due_on: dt.date | None,
    acting_user,
    cohort: Cohort | None = None,
    client_ip: str | None = None,
) -> EnrollmentBulkResult:
    """Enroll officers of `department`; existing enrollments are skipped and reported.

    Any officer outside the department fails the whole call and nothing is written.
    """
    wanted = {int(i) for i in officer_ids}
    _check_curriculum(curriculum=curriculum, cohort=cohort, due_on=due_on)
    with transaction.atomic():
        _check_officers(officer_ids=wanted, department=department)
        existing = set(
            Enrollment.objects.filter(curriculum=curriculum, officer_id__in=wanted).values_list(
                "officer_id", flat=True
            )
        )
        new_ids = sorted(wanted - existing)
        now = timezone.now()
        Enrollment.objects.bulk_create(
            [
                Enrollment(
                    officer_id=officer_id,
                    curriculum=curriculum,
                    department=department,
                    cohort=cohort,
                    due_on=due_on,
                    assigned_by=acting_user,
                    assigned_at=now,
                )
                for officer_id in new_ids
            ],
            batch_size=1000,
        )
        # bulk_create returns no primary keys on every backend, so read them back.
        ids = list(
            Enrollment.objects.filter(curriculum=curriculum, officer_id__in=new_ids)
            .order_by("id")
            .values_list("id", flat=True)
        )
        if ids:
            audit_record(
                action="enrollment.create",
                actor=acting_user,
                obj=curriculum,
                department=department,
                client_ip=client_ip,
                data={"enrollment_ids": ids, "due_on": due_on.isoformat() if due_on else None},
            )
    return EnrollmentBulkResult(
        created=len(ids), skipped_existing=len(wanted & existing), enrollment_ids=ids
    )
