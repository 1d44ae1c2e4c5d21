"""Training of Trainers: completing a ToT curriculum (REPAIR_TOT_CURRICULUM_SLUGS) and a
practicum (co-facilitating a live session, confirmed by a program facilitator) makes an
officer a certified trainer of their department (`DepartmentTrainer`, with a certificate code
and an expiry, audited). A trainer reads the reflections of their department's enrollments
without a cohort facilitator and may facilitate cohorts of their own department only
(`curriculum.services.cohorts.facilitator_may_lead`).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.selectors import officer_membership_get
from curriculum.models import DepartmentTrainer, Enrollment, LiveSession
from curriculum.services.certificates import certificate_code_new
from curriculum.services.progress import LearningError
from repair import clock


def tot_completed(*, user) -> bool:
    return Enrollment.objects.filter(
        officer=user,
        curriculum__slug__in=settings.REPAIR_TOT_CURRICULUM_SLUGS,
        status=Enrollment.Status.COMPLETED,
        withdrawn_at__isnull=True,
    ).exists()


def practicum_confirmed(*, user) -> bool:
    return LiveSession.objects.filter(
        co_facilitator=user, practicum_confirmed_at__isnull=False
    ).exists()


def practicum_confirm(*, session: LiveSession, acting_user) -> DepartmentTrainer | None:
    """A program facilitator (the session's cohort facilitator) or staff confirms that the
    co-facilitator led the session with them; certifies them when their ToT is complete."""
    is_program = acting_user.is_facilitator and session.cohort.facilitator_id == acting_user.pk
    if not (is_program or acting_user.is_staff):
        raise PermissionDenied
    if session.co_facilitator_id is None or session.starts_at > timezone.now():
        raise LearningError(_("Confirm a practicum once its session has taken place."))
    with transaction.atomic():
        session.practicum_confirmed_by = acting_user
        session.practicum_confirmed_at = timezone.now()
        session.save(update_fields=["practicum_confirmed_by", "practicum_confirmed_at"])
        audit_record(
            action="trainer.practicum_confirm",
            actor=acting_user,
            obj=session,
            department=session.cohort.department,
            data={"co_facilitator_id": session.co_facilitator_id},
        )
        if tot_completed(user=session.co_facilitator):
            return trainer_certify(candidate=session.co_facilitator, acting_user=acting_user)
    return None


def trainer_certify(*, candidate, acting_user) -> DepartmentTrainer:
    """Certify the candidate as a trainer of their department (ToT done, practicum confirmed)."""
    if not (acting_user.is_facilitator or acting_user.is_staff):
        raise PermissionDenied
    membership = officer_membership_get(user=candidate)
    if membership is None:
        raise LearningError(_("Only an officer on a department's roster becomes its trainer."))
    if not tot_completed(user=candidate) or not practicum_confirmed(user=candidate):
        raise LearningError(
            _("Training of Trainers and a confirmed practicum come before certification.")
        )
    department = membership.department
    today = clock.today(department)
    with transaction.atomic():
        trainer, created = DepartmentTrainer.objects.get_or_create(
            user=candidate,
            department=department,
            revoked_at=None,
            defaults={
                "certified_on": today,
                "expires_on": today + dt.timedelta(days=settings.REPAIR_TRAINER_VALID_DAYS),
                "certified_by": acting_user,
                "code": certificate_code_new(),
            },
        )
        if created:
            audit_record(
                action="trainer.certify",
                actor=acting_user,
                obj=trainer,
                department=department,
                data={"user_id": candidate.pk, "expires_on": trainer.expires_on.isoformat()},
            )
    return trainer


def trainer_revoke(*, trainer: DepartmentTrainer, acting_user, reason: str) -> DepartmentTrainer:
    if not acting_user.is_staff:
        raise PermissionDenied
    with transaction.atomic():
        trainer.revoked_at = timezone.now()
        trainer.save(update_fields=["revoked_at"])
        audit_record(
            action="trainer.revoke",
            actor=acting_user,
            obj=trainer,
            department=trainer.department,
            data={"reason": reason},
        )
    return trainer
