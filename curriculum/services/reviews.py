"""Completions far faster than the estimate, reviewed before they count.

Under REPAIR_FAST_COMPLETION_POLICY=hold (the default) an enrollment whose work is finished far
faster than its estimate (`Enrollment.flagged_fast`), or that was returned once before, does not
complete: a `CompletionReview` waits for its liaison (or staff). Confirming completes the
enrollment as of the moment the officer finished and issues the certificate; returning it
reopens the lessons (their minimum time on the clock starts again) with a note the officer
reads. Under `flag` the completion counts at once and is only flagged for the liaison.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.selectors import liaison_department_ids
from curriculum.models import (
    CompletionReview,
    Enrollment,
    LessonClock,
    LessonProgress,
    ModuleProgress,
)
from curriculum.services.progress import enrollment_completion_record

HOLD = "hold"


def completion_hold_needed(*, enrollment: Enrollment) -> bool:
    """Whether this completion waits for a review instead of counting now."""
    if settings.REPAIR_FAST_COMPLETION_POLICY != HOLD:
        return False
    returned = enrollment.completion_reviews.filter(status=CompletionReview.Status.RETURNED)
    return enrollment.flagged_fast or returned.exists()


def completion_review_open(
    *, enrollment: Enrollment, now, minutes_expected: int
) -> CompletionReview:
    """Hold a finished enrollment for review (idempotent: one pending review at a time)."""
    pending = enrollment.completion_reviews.filter(status=CompletionReview.Status.PENDING).first()
    if pending is not None:
        return pending
    started = enrollment.started_at or now
    review = CompletionReview.objects.create(
        enrollment=enrollment,
        requested_at=now,
        minutes_taken=math.ceil((now - started).total_seconds() / 60),
        minutes_expected=minutes_expected,
    )
    audit_record(
        action="enrollment.completion_held",
        actor=enrollment.officer,
        obj=enrollment,
        department=enrollment.department,
        data={
            "review_id": review.pk,
            "minutes_taken": review.minutes_taken,
            "minutes_expected": review.minutes_expected,
        },
    )
    return review


def _require_reviewer(*, review: CompletionReview, acting_user) -> None:
    department_id = review.enrollment.department_id
    if getattr(acting_user, "is_staff", False) and acting_user.is_active:
        return
    if department_id not in liaison_department_ids(user=acting_user):
        raise PermissionDenied


def _locked_pending(review: CompletionReview) -> CompletionReview:
    locked = (
        CompletionReview.objects.select_for_update().select_related("enrollment").get(pk=review.pk)
    )
    if locked.status != CompletionReview.Status.PENDING:
        raise ValidationError(_("This completion has already been reviewed."))
    return locked


def _decide(review: CompletionReview, *, status: str, acting_user, note: str) -> None:
    review.status = status
    review.decided_by = acting_user
    review.decided_at = timezone.now()
    review.note = note
    review.save(update_fields=["status", "decided_by", "decided_at", "note"])


def completion_review_confirm(
    *, review: CompletionReview, acting_user, note: str = "", client_ip: str | None = None
) -> CompletionReview:
    """The liaison (or staff) confirms: the enrollment completes as of when the officer
    finished, and the certificate is issued."""
    _require_reviewer(review=review, acting_user=acting_user)
    with transaction.atomic():
        review = _locked_pending(review)
        enrollment = Enrollment.objects.select_for_update().get(pk=review.enrollment_id)
        _decide(
            review, status=CompletionReview.Status.CONFIRMED, acting_user=acting_user, note=note
        )
        audit_record(
            action="enrollment.completion_confirmed",
            actor=acting_user,
            obj=enrollment,
            department=enrollment.department,
            client_ip=client_ip,
            data={"review_id": review.pk, "note": note},
        )
        enrollment_completion_record(
            enrollment=enrollment, completed_at=review.requested_at, actor=acting_user
        )
    return review


def completion_review_return(
    *, review: CompletionReview, acting_user, note: str, client_ip: str | None = None
) -> CompletionReview:
    """The liaison (or staff) returns the completion with a note: the lessons reopen and need
    their minimum time on the clock again; the next completion is reviewed again."""
    _require_reviewer(review=review, acting_user=acting_user)
    if not note.strip():
        raise ValidationError({"note": _("Tell the officer what to do again.")})
    with transaction.atomic():
        review = _locked_pending(review)
        enrollment = Enrollment.objects.select_for_update().get(pk=review.enrollment_id)
        _decide(review, status=CompletionReview.Status.RETURNED, acting_user=acting_user, note=note)
        reopened = LessonProgress.objects.filter(
            enrollment=enrollment, completed_at__isnull=False
        ).update(completed_at=None, seconds_baseline=Coalesce(F("seconds_spent"), 0))
        ModuleProgress.objects.filter(enrollment=enrollment).update(completed_at=None)
        LessonClock.objects.filter(enrollment=enrollment).delete()
        audit_record(
            action="enrollment.completion_returned",
            actor=acting_user,
            obj=enrollment,
            department=enrollment.department,
            client_ip=client_ip,
            data={"review_id": review.pk, "note": note, "lessons_reopened": reopened},
        )
        from curriculum.services.progress import enrollment_progress_update

        enrollment_progress_update(enrollment=enrollment, acting_user=acting_user)
    return review
