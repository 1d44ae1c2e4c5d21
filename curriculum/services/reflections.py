"""Reflections: the officer writes, a responsible reader replies and the officer is told.

The responsible readers are the cohort's facilitator, else the department's trainers, else the
program's facilitator pool (`curriculum.selectors.facilitation`). A response's text is for the
officer and those readers only; nothing here exposes it to a liaison, a partner or an export of
anyone else's data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum.models import Enrollment, Reflection, ReflectionResponse, RubricMark
from curriculum.selectors.facilitation import reflection_reader_q, rubric_criterion_list
from curriculum.selectors.learning import enrollment_state
from curriculum.services.progress import (
    LearningError,
    enrollment_progress_update,
    require_owner,
    require_unlocked,
)
from worker.outbox import notification_queue

# A reflection is a few considered sentences, not a click-through.
REFLECTION_MIN_WORDS = 15


def reflection_response_submit(
    *, enrollment: Enrollment, reflection: Reflection, text: str, user
) -> ReflectionResponse:
    require_owner(enrollment=enrollment, user=user)
    state = enrollment_state(enrollment=enrollment)
    module_state, _reflection, existing = state.reflection_state(reflection.pk)
    require_unlocked(module_state)
    if existing is not None:
        raise LearningError(_("You have already submitted this reflection."))
    text = (text or "").strip()
    if len(text.split()) < REFLECTION_MIN_WORDS:
        raise LearningError(_("Write at least %(words)s words.") % {"words": REFLECTION_MIN_WORDS})
    try:
        with transaction.atomic():
            response = ReflectionResponse.objects.create(
                reflection=reflection, enrollment=enrollment, text=text
            )
            enrollment_progress_update(enrollment=enrollment, acting_user=user)
    except IntegrityError as exc:
        raise LearningError(_("You have already submitted this reflection.")) from exc
    return response


def reflection_feedback_give(
    *, response: ReflectionResponse, facilitator, text: str, rubric: dict[int, bool] | None = None
) -> ReflectionResponse:
    """A responsible reader replies (or edits the reply), optionally marking the rubric
    (criterion id -> met); the officer is notified once."""
    readable = ReflectionResponse.objects.filter(reflection_reader_q(user=facilitator))
    if not readable.filter(pk=response.pk).exists():
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise LearningError(_("Write a reply."))
    enrollment = response.enrollment
    with transaction.atomic():
        response.feedback = text
        response.feedback_by = facilitator
        response.feedback_at = timezone.now()
        response.save(update_fields=["feedback", "feedback_by", "feedback_at"])
        _rubric_marks_set(response=response, rubric=rubric or {})
        path = reverse("learn:reflection", args=[enrollment.pk, response.reflection_id])
        notification_queue(
            kind="facilitator_replied",
            recipient=enrollment.officer,
            dedupe_key=f"facilitator_replied:{response.pk}",
            context={
                "curriculum_title": enrollment.curriculum.title,
                "module_title": response.reflection.module.title,
                "url": f"{settings.SITE_URL}{path}",
            },
        )
    return response


def _rubric_marks_set(*, response: ReflectionResponse, rubric: dict[int, bool]) -> None:
    """Replace the response's marks with `rubric`, for criteria in use only."""
    in_use = set(rubric_criterion_list().values_list("pk", flat=True))
    response.rubric_marks.all().delete()
    RubricMark.objects.bulk_create(
        RubricMark(response=response, criterion_id=pk, met=met)
        for pk, met in rubric.items()
        if pk in in_use
    )
