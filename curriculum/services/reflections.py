"""Reflections: the officer writes, the cohort's facilitator replies and the officer is told.

A response's text is for the officer and that facilitator only; nothing here exposes it to a
liaison, a partner or an export of anyone else's data.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum.models import Enrollment, Reflection, ReflectionResponse
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
    *, response: ReflectionResponse, facilitator, text: str
) -> ReflectionResponse:
    """The cohort's facilitator replies (or edits the reply); the officer is notified once."""
    enrollment = response.enrollment
    cohort = enrollment.cohort
    if cohort is None or cohort.facilitator_id != facilitator.pk:
        raise PermissionDenied
    text = (text or "").strip()
    if not text:
        raise LearningError(_("Write a reply."))
    with transaction.atomic():
        response.feedback = text
        response.feedback_by = facilitator
        response.feedback_at = timezone.now()
        response.save(update_fields=["feedback", "feedback_by", "feedback_at"])
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
