"""The officer's rating (1 to 5) and comment on a module."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum.models import Enrollment, Feedback, Module
from curriculum.selectors.learning import enrollment_state
from curriculum.services.progress import LearningError, require_owner, require_unlocked


def module_feedback_submit(
    *, enrollment: Enrollment, module: Module, rating: int, comment: str, user
) -> Feedback:
    """Create or update the officer's feedback on a module they have opened."""
    require_owner(enrollment=enrollment, user=user)
    if rating not in range(1, 6):
        raise LearningError(_("Choose a rating from 1 to 5."))
    state = enrollment_state(enrollment=enrollment)
    require_unlocked(state.module_state(module.pk))
    with transaction.atomic():
        feedback, _created = Feedback.objects.update_or_create(
            enrollment=enrollment,
            module=module,
            defaults={
                "rating": rating,
                "comment": (comment or "").strip(),
                "created_at": timezone.now(),
            },
        )
    return feedback
