"""Cohorts run by departments: liaisons (and staff) create them, seat officers up to the
capacity and keep a waiting list.

Capacity: every path that puts enrollments into a cohort (`cohort_member_add`,
`cohort_waitlist_promote`, and `enrollment_bulk_create` with a cohort through
`cohort_capacity_check`) locks the cohort's row first, so two liaisons seating the last place at
once cannot both take it (PostgreSQL; SQLite serializes writers). The waiting list is one row per
cohort and officer (a unique constraint, `get_or_create`).

Facilitators: a program facilitator (`is_facilitator`) may facilitate any cohort; a certified
department trainer only cohorts of their own department.
"""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department, Membership
from accounts.selectors import liaison_department_ids
from curriculum.models import Cohort, CohortWaitlistEntry, Curriculum, Enrollment
from curriculum.selectors.facilitation import trainer_current_list


def department_may_run_cohorts(*, user, department: Department) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return user.is_staff or department.pk in liaison_department_ids(user=user)


def facilitator_may_lead(*, user, department: Department | None) -> bool:
    """A program facilitator anywhere; a department trainer in their own department only."""
    if user is None or not user.is_active:
        return False
    if user.is_facilitator:
        return True
    return (
        department is not None
        and trainer_current_list().filter(user=user, department=department).exists()
    )


def cohort_create(
    *,
    acting_user,
    department: Department,
    curriculum: Curriculum,
    name: str,
    starts_on: dt.date,
    capacity: int,
    facilitator=None,
    release_interval_days: int = 7,
) -> Cohort:
    if not department_may_run_cohorts(user=acting_user, department=department):
        raise PermissionDenied
    if not curriculum.is_paced or curriculum.status != Curriculum.Status.PUBLISHED:
        raise ValidationError(_("Choose a published paced course."))
    if facilitator is not None and not facilitator_may_lead(
        user=facilitator, department=department
    ):
        raise ValidationError(
            _("A department trainer may facilitate cohorts of their own department only.")
        )
    if capacity < 1:
        raise ValidationError(_("A cohort has at least one seat."))
    with transaction.atomic():
        cohort = Cohort.objects.create(
            curriculum=curriculum,
            department=department,
            name=name.strip(),
            starts_on=starts_on,
            capacity=capacity,
            facilitator=facilitator,
            release_interval_days=release_interval_days,
        )
        audit_record(
            action="cohort.create",
            actor=acting_user,
            obj=cohort,
            department=department,
            data={"capacity": capacity, "facilitator_id": getattr(facilitator, "pk", None)},
        )
    return cohort


def _locked(cohort: Cohort) -> Cohort:
    return Cohort.objects.select_for_update().get(pk=cohort.pk)


def cohort_seated_count(*, cohort: Cohort) -> int:
    return Enrollment.objects.filter(cohort=cohort, withdrawn_at__isnull=True).count()


def cohort_capacity_check(*, cohort: Cohort, adding: int) -> None:
    """Refuse to seat `adding` more officers than the cohort has free seats (call inside the
    transaction that seats them: it locks the cohort's row)."""
    locked = _locked(cohort)
    free = locked.capacity - cohort_seated_count(cohort=locked)
    if adding > free:
        raise ValidationError(
            {
                "cohort": _(
                    "This cohort has %(free)s free seats; add the others to its waiting list."
                )
                % {"free": max(free, 0)}
            }
        )


def _seat(*, cohort: Cohort, officer, acting_user) -> None:
    from curriculum.services.enrollments import enrollment_bulk_create

    existing = Enrollment.objects.filter(officer=officer, curriculum=cohort.curriculum).first()
    if existing is not None and existing.withdrawn_at is None:
        existing.cohort = cohort
        existing.save(update_fields=["cohort"])
        return
    enrollment_bulk_create(
        officer_ids=[officer.pk],
        curriculum=cohort.curriculum,
        department=cohort.department,
        due_on=None,
        acting_user=acting_user,
        cohort=cohort,
        reinstate_withdrawn=True,
    )


def cohort_member_add(*, cohort: Cohort, officer, acting_user) -> str:
    """Seat an officer of the cohort's department, or put them on the waiting list when the
    cohort is full. Returns "seated", "waiting" or "already"."""
    if cohort.department is None or not department_may_run_cohorts(
        user=acting_user, department=cohort.department
    ):
        raise PermissionDenied
    on_roster = Membership.objects.filter(
        user=officer,
        department=cohort.department,
        role=Membership.Role.OFFICER,
        status=Membership.Status.ACTIVE,
    ).exists()
    if not on_roster:
        raise PermissionDenied
    with transaction.atomic():
        locked = _locked(cohort)
        if Enrollment.objects.filter(
            cohort=locked, officer=officer, withdrawn_at__isnull=True
        ).exists():
            return "already"
        if cohort_seated_count(cohort=locked) >= locked.capacity:
            CohortWaitlistEntry.objects.get_or_create(
                cohort=locked, officer=officer, defaults={"added_by": acting_user}
            )
            return "waiting"
        _seat(cohort=locked, officer=officer, acting_user=acting_user)
        CohortWaitlistEntry.objects.filter(cohort=locked, officer=officer).delete()
    return "seated"


def cohort_waitlist_promote(*, cohort: Cohort, acting_user) -> int:
    """Seat officers from the waiting list, oldest first, while seats are free."""
    if cohort.department is None or not department_may_run_cohorts(
        user=acting_user, department=cohort.department
    ):
        raise PermissionDenied
    seated = 0
    with transaction.atomic():
        locked = _locked(cohort)
        free = locked.capacity - cohort_seated_count(cohort=locked)
        for entry in locked.waitlist.select_related("officer")[: max(free, 0)]:
            _seat(cohort=locked, officer=entry.officer, acting_user=acting_user)
            entry.delete()
            seated += 1
    return seated
