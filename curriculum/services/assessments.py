"""Assessment attempts: started with shuffled choices, submitted once, scored on the server.

A pre-test is a baseline taken once before the first module; a knowledge check must reach its
pass mark within the attempt limit before its module completes; the post-test opens once every
module is complete and asks the pre-test's items, so the two scores form a learning gain.
"""

from __future__ import annotations

import random
import secrets

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum import events
from curriculum.events import learning_event_send
from curriculum.models import Assessment, Attempt, Enrollment, Question
from curriculum.selectors.learning import (
    AssessmentState,
    EnrollmentState,
    assessment_questions,
    enrollment_state,
)
from curriculum.services.progress import (
    LearningError,
    enrollment_progress_update,
    enrollment_start,
    require_owner,
    require_unlocked,
)

_rng = random.Random(secrets.randbits(64))


class AttemptsExhausted(LearningError):
    message = _("You have used every attempt for this assessment. Ask your training liaison.")


class InvalidAnswers(LearningError):
    message = _("Please answer every question.")

    def __init__(self, errors: dict[int, str]):
        self.errors = errors
        super().__init__()


def assessment_available(*, state: EnrollmentState, assessment: Assessment) -> AssessmentState:
    """The assessment's state, if the learner may take it now; raises why not otherwise."""
    assessment_state = state.assessments.get(assessment.pk)
    if assessment_state is None:
        raise LearningError
    if assessment.kind == Assessment.Kind.KNOWLEDGE_CHECK:
        require_unlocked(state.module_state(assessment.module_id))
    elif assessment.kind == Assessment.Kind.POST_TEST and not state.post_test_available:
        raise LearningError(_("The post-test opens once every module is complete."))
    return assessment_state


def _choice_order(questions: list[Question]) -> dict[str, list[int]]:
    order = {}
    for question in questions:
        ids = [choice.pk for choice in question.choices.all()]
        # True comes before False as everyone expects; other choices are shuffled.
        if question.kind != Question.Kind.TRUE_FALSE:
            _rng.shuffle(ids)
        order[str(question.pk)] = ids
    return order


def attempt_start(*, enrollment: Enrollment, assessment: Assessment, user) -> Attempt:
    """Start an attempt (or return the one already open) with this attempt's choice order."""
    require_owner(enrollment=enrollment, user=user)
    state = enrollment_state(enrollment=enrollment)
    assessment_state = assessment_available(state=state, assessment=assessment)
    if assessment_state.open_attempt is not None:
        return assessment_state.open_attempt
    if assessment_state.done:
        raise LearningError(_("You have already completed this assessment."))
    if assessment_state.attempts_left == 0:
        raise AttemptsExhausted
    questions = assessment_questions(assessment=assessment)
    try:
        with transaction.atomic():
            attempt = Attempt.objects.create(
                enrollment=enrollment,
                assessment=assessment,
                number=assessment_state.submitted + 1,
                choice_order=_choice_order(questions),
            )
            enrollment_start(enrollment=enrollment)
    except IntegrityError:
        # A second tab started the same attempt a moment earlier: continue that one.
        attempt = Attempt.objects.get(
            enrollment=enrollment, assessment=assessment, number=assessment_state.submitted + 1
        )
    return attempt


def _validate(*, questions: list[Question], answers: dict[str, list[int]]) -> dict[str, list[int]]:
    errors: dict[int, str] = {}
    cleaned: dict[str, list[int]] = {}
    for question in questions:
        valid_ids = {choice.pk for choice in question.choices.all()}
        try:
            chosen = sorted({int(c) for c in answers.get(str(question.pk), [])})
        except (TypeError, ValueError):
            chosen = [-1]
        if not chosen:
            errors[question.pk] = _("Choose an answer.")
        elif not set(chosen) <= valid_ids:
            errors[question.pk] = _("Choose among the answers shown.")
        elif question.kind != Question.Kind.MULTIPLE and len(chosen) != 1:
            errors[question.pk] = _("Choose one answer.")
        cleaned[str(question.pk)] = chosen
    if errors:
        raise InvalidAnswers(errors)
    return cleaned


def attempt_score(*, questions: list[Question], answers: dict[str, list[int]]) -> int:
    """The percentage of questions answered exactly right (all and only the right choices)."""
    if not questions:
        return 100
    right = 0
    for question in questions:
        correct = sorted(c.pk for c in question.choices.all() if c.is_correct)
        right += answers.get(str(question.pk)) == correct
    return round(100 * right / len(questions))


def attempt_submit(*, attempt: Attempt, answers: dict[str, list[int]], user) -> Attempt:
    """Score an open attempt; a passed knowledge check or post-test may complete work."""
    enrollment = attempt.enrollment
    require_owner(enrollment=enrollment, user=user)
    assessment = attempt.assessment
    questions = assessment_questions(assessment=assessment)
    cleaned = _validate(questions=questions, answers=answers)
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            raise LearningError(_("This attempt has already been submitted."))
        score = attempt_score(questions=questions, answers=cleaned)
        locked.answers = cleaned
        locked.score = score
        locked.passed = score >= assessment.pass_mark
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["answers", "score", "passed", "submitted_at"])
        learning_event_send(
            event=events.ATTEMPT_SUBMITTED,
            enrollment=enrollment,
            obj=locked,
            occurred_at=locked.submitted_at,
        )
        enrollment_progress_update(enrollment=enrollment, acting_user=user)
    return locked
