"""Enrolling officers (one, a selection or a whole filter, all-or-nothing), moving due dates,
withdrawing enrollments and nudging officers."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import Department, Membership
from curriculum.figures import figures_changed
from curriculum.models import Cohort, Curriculum, Enrollment
from curriculum.services.assignment_notices import assignment_notify
from curriculum.services.cohorts import cohort_capacity_check
from repair import clock
from worker.models import Notification
from worker.outbox import notification_queue


@dataclass
class EnrollmentBulkResult:
    created: int = 0
    skipped_existing: int = 0
    enrollment_ids: list[int] = field(default_factory=list)
    reinstated: int = 0
    skipped_officer_ids: list[int] = field(default_factory=list)


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


def _check_curriculum(
    *, curriculum: Curriculum, cohort: Cohort | None, due_on, department: Department
) -> None:
    if curriculum.status != Curriculum.Status.PUBLISHED or curriculum.current_version_id is None:
        raise ValidationError({"curriculum_id": _("This curriculum is not published.")})
    if cohort is not None and cohort.curriculum_id != curriculum.pk:
        raise ValidationError({"cohort": _("This cohort follows another curriculum.")})
    _check_due_on(due_on, department=department)


CYCLE_PATTERN = re.compile(r"[0-9A-Za-z][0-9A-Za-z._-]{0,15}")


def _check_cycle(cycle: str | None, *, department: Department) -> str:
    """The cycle asked for, or the department's current one ("2027")."""
    if not cycle:
        return clock.current_cycle(department)
    cycle = cycle.strip()
    if not CYCLE_PATTERN.fullmatch(cycle):
        raise ValidationError(
            {"cycle": _("A cycle is up to 16 letters, digits, dots or dashes, e.g. 2027.")}
        )
    return cycle


def _check_due_on(due_on: dt.date | None, *, department: Department) -> None:
    """A due date is a date of the department's calendar: today there is the earliest."""
    if due_on is not None and due_on < clock.today(department):
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
    reinstate_withdrawn: bool = False,
    cycle: str | None = None,
    audit_data: dict | None = None,
    notify: bool = True,
) -> EnrollmentBulkResult:
    """Enroll officers of `department` in a training cycle (the department's current one by
    default); enrollments that exist in that cycle are skipped and reported. Earlier cycles'
    enrollments stay as they are: an officer takes the curriculum again in each cycle.

    Any officer outside the department fails the whole call and nothing is written. With
    `reinstate_withdrawn`, an enrollment of this department that was withdrawn is opened
    again (new due date; the withdrawal stays in the audit trail) and counted in `reinstated`.
    Each officer enrolled or reinstated gets an assignment email (batched, `assignment_notices`)
    unless `notify` is off (an officer enrolling themselves from an LMS).
    """
    wanted = {int(i) for i in officer_ids}
    _check_curriculum(curriculum=curriculum, cohort=cohort, due_on=due_on, department=department)
    cycle = _check_cycle(cycle, department=department)
    with transaction.atomic():
        _check_officers(officer_ids=wanted, department=department)
        reinstated = (
            _reinstate(
                officer_ids=wanted,
                curriculum=curriculum,
                department=department,
                cohort=cohort,
                due_on=due_on,
                acting_user=acting_user,
                client_ip=client_ip,
                cycle=cycle,
            )
            if reinstate_withdrawn
            else set()
        )
        wanted -= reinstated
        existing = set(
            Enrollment.objects.filter(
                curriculum=curriculum, cycle=cycle, officer_id__in=wanted
            ).values_list("officer_id", flat=True)
        )
        new_ids = sorted(wanted - existing)
        if cohort is not None and new_ids:
            cohort_capacity_check(cohort=cohort, adding=len(new_ids))
        figures_changed([department.pk])
        made = _enrollments_insert(
            officer_ids=new_ids,
            curriculum=curriculum,
            department=department,
            cohort=cohort,
            due_on=due_on,
            acting_user=acting_user,
            cycle=cycle,
        )
        ids = sorted(made)
        if ids:
            audit_record(
                action="enrollment.create",
                actor=acting_user,
                obj=curriculum,
                department=department,
                client_ip=client_ip,
                data={
                    "enrollment_ids": ids,
                    "due_on": due_on.isoformat() if due_on else None,
                    "cycle": cycle,
                    **(audit_data or {}),
                },
            )
        if notify:
            assignment_notify(
                officer_ids=[*sorted(made.values()), *sorted(reinstated)],
                curriculum_title=curriculum.title,
                due_on=due_on,
            )
    return EnrollmentBulkResult(
        created=len(ids),
        # Officers enrolled before this call, or by another request at the same moment.
        skipped_existing=len(wanted) - len(ids),
        enrollment_ids=ids,
        reinstated=len(reinstated),
        skipped_officer_ids=sorted(wanted - set(made.values())),
    )


def _enrollments_insert(
    *, officer_ids: list[int], curriculum, department, cohort, due_on, acting_user, cycle
) -> dict[int, int]:
    """Insert the enrollments no one holds yet; returns {enrollment id: officer id} of the rows
    this call made.

    `INSERT ... ON CONFLICT DO NOTHING` on the one-per-officer, curriculum and cycle constraint: a
    request enrolling the same officer at the same moment waits for the other to commit, then
    skips that officer instead of failing (and losing the rest of its batch). The rows this
    call made are the ones carrying its own `assigned_at` instant.
    """
    if not officer_ids:
        return {}
    now = timezone.now()
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                officer_id=officer_id,
                curriculum=curriculum,
                version_id=curriculum.current_version_id,
                department=department,
                cohort=cohort,
                due_on=due_on,
                cycle=cycle,
                assigned_by=acting_user,
                assigned_at=now,
            )
            for officer_id in officer_ids
        ],
        batch_size=1000,
        ignore_conflicts=True,
    )
    return dict(
        Enrollment.objects.filter(
            curriculum=curriculum,
            cycle=cycle,
            officer_id__in=officer_ids,
            department=department,
            assigned_at=now,
            assigned_by=acting_user,
        ).values_list("id", "officer_id")
    )


def _reinstate(
    *, officer_ids: set[int], curriculum, department, cohort, due_on, acting_user, client_ip, cycle
) -> set[int]:
    """Open withdrawn enrollments of these officers again; returns the officers' ids."""
    rows = Enrollment.objects.select_for_update().filter(
        curriculum=curriculum,
        cycle=cycle,
        department=department,
        officer_id__in=officer_ids,
        withdrawn_at__isnull=False,
    )
    found = {row.pk: row.officer_id for row in rows}
    if not found:
        return set()
    figures_changed([department.pk])
    Enrollment.objects.filter(pk__in=found).update(
        withdrawn_at=None,
        due_on=due_on,
        cohort=cohort,
        assigned_by=acting_user,
        assigned_at=timezone.now(),
    )
    audit_record(
        action="enrollment.reinstate",
        actor=acting_user,
        obj=curriculum,
        department=department,
        client_ip=client_ip,
        data={
            "enrollment_ids": sorted(found),
            "due_on": due_on.isoformat() if due_on else None,
        },
    )
    return set(found.values())


def _check_open(enrollment: Enrollment) -> None:
    if enrollment.withdrawn_at is not None:
        raise ValidationError(_("This enrollment was withdrawn."))


def enrollment_due_date_change(
    *,
    enrollment: Enrollment,
    due_on: dt.date | None,
    acting_user,
    client_ip: str | None = None,
) -> Enrollment:
    """Move (or clear) the due date of an open enrollment; the old date stays in the audit."""
    _check_open(enrollment)
    if enrollment.status == Enrollment.Status.COMPLETED:
        raise ValidationError(_("This enrollment is already completed."))
    _check_due_on(due_on, department=enrollment.department)
    previous = enrollment.due_on
    with transaction.atomic():
        enrollment.due_on = due_on
        enrollment.save(update_fields=["due_on"])
        audit_record(
            action="enrollment.due_date_change",
            actor=acting_user,
            obj=enrollment,
            department=enrollment.department,
            client_ip=client_ip,
            data={
                "from": previous.isoformat() if previous else None,
                "to": due_on.isoformat() if due_on else None,
            },
        )
    return enrollment


def enrollment_withdraw(
    *, enrollment: Enrollment, acting_user, client_ip: str | None = None
) -> Enrollment:
    """Withdraw an enrollment: the row stays (history), it just stops counting."""
    _check_open(enrollment)
    if enrollment.status == Enrollment.Status.COMPLETED:
        raise ValidationError(_("A completed enrollment is part of the record and stays."))
    with transaction.atomic():
        enrollment.withdrawn_at = timezone.now()
        enrollment.save(update_fields=["withdrawn_at"])
        audit_record(
            action="enrollment.withdraw",
            actor=acting_user,
            obj=enrollment,
            department=enrollment.department,
            client_ip=client_ip,
            data={"officer_id": enrollment.officer_id, "curriculum_id": enrollment.curriculum_id},
        )
    return enrollment


@dataclass
class NudgeResult:
    queued: int = 0
    already_nudged: int = 0


def enrollment_nudge(
    *,
    enrollments: Iterable[Enrollment],
    department: Department,
    acting_user,
    client_ip: str | None = None,
) -> NudgeResult:
    """Remind officers of open enrollments now, at most once a day per officer and curriculum.

    The outbox's unique dedupe key (enrollment and day) is what keeps a second click, a
    replayed form or two liaisons at once from sending twice.
    """
    today = clock.today(department)
    result = NudgeResult()
    queued_ids = []
    with transaction.atomic():
        for enrollment in enrollments:
            if enrollment.department_id != department.pk:
                raise ValidationError(_("This enrollment belongs to another department."))
            if enrollment.withdrawn_at or enrollment.status == Enrollment.Status.COMPLETED:
                continue
            queued = notification_queue(
                kind=Notification.Kind.NUDGE,
                recipient=enrollment.officer,
                dedupe_key=f"nudge:{enrollment.pk}:{today.isoformat()}",
                context={
                    "curriculum_title": enrollment.curriculum.title,
                    "due_on": enrollment.due_on.isoformat() if enrollment.due_on else None,
                    "url": settings.SITE_URL + "/learn/",
                },
            )
            if queued:
                result.queued += 1
                queued_ids.append(enrollment.pk)
            else:
                result.already_nudged += 1
        if queued_ids:
            audit_record(
                action="enrollment.nudge",
                actor=acting_user,
                department=department,
                client_ip=client_ip,
                data={"enrollment_ids": queued_ids},
            )
    return result
