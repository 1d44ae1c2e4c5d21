"""The officer's language: the interface language and the language a curriculum is taken in.

An officer who prefers another language than their enrollment's curriculum may switch a
not-yet-started enrollment to the published version in that language (same translation
group). Once work has started, or when the enrollment belongs to a paced cohort, it stays.
"""

from __future__ import annotations

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_record
from curriculum.models import Curriculum, Enrollment
from curriculum.services.progress import LearningError, require_owner


def user_language_set(*, user, language: str) -> None:
    if language not in dict(settings.LANGUAGES):
        raise LearningError(_("Choose one of the languages offered."))
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])


def enrollment_language_switch(
    *, enrollment: Enrollment, curriculum: Curriculum, user
) -> Enrollment:
    """Move a not-started enrollment to another language version of its curriculum."""
    require_owner(enrollment=enrollment, user=user)
    current = enrollment.curriculum
    if (
        not current.translation_group
        or curriculum.translation_group != current.translation_group
        or curriculum.status != Curriculum.Status.PUBLISHED
        or curriculum.pk == current.pk
    ):
        raise LearningError(_("This course is not offered in that language."))
    if enrollment.status != Enrollment.Status.NOT_STARTED or enrollment.cohort_id:
        raise LearningError(_("This course can no longer change language."))
    with transaction.atomic():
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        if locked.status != Enrollment.Status.NOT_STARTED:
            raise LearningError(_("This course can no longer change language."))
        if Enrollment.objects.filter(officer=user, curriculum=curriculum).exists():
            raise LearningError(_("You are already enrolled in that version."))
        locked.curriculum = curriculum
        locked.version_id = curriculum.current_version_id
        locked.save(update_fields=["curriculum", "version"])
        audit_record(
            action="enrollment.language_switched",
            actor=user,
            obj=locked,
            department=locked.department,
            data={"from_curriculum_id": current.pk, "to_curriculum_id": curriculum.pk},
        )
    enrollment.curriculum = curriculum
    enrollment.version_id = locked.version_id
    return enrollment
