"""Taking a curriculum through the services, as an officer's clicks do (for the tests of what
learning sends out: xAPI statements, LTI scores)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from curriculum.models import Assessment, Enrollment, LessonProgress, ModuleProgress
from curriculum.services.assessments import attempt_start, attempt_submit
from curriculum.services.progress import lesson_complete, lesson_open
from curriculum.services.reflections import reflection_response_submit

REFLECTION = (
    "I will slow down at the start of every stop, explain why I am there and listen "
    "to the person before deciding what happens next."
)


def answers_for(assessment: Assessment, *, right: bool = True) -> dict[str, list[int]]:
    answers = {}
    for question in assessment.item_bank.questions.prefetch_related("choices"):
        choices = list(question.choices.all())
        correct = [c.pk for c in choices if c.is_correct]
        wrong = [c.pk for c in choices if not c.is_correct][:1]
        answers[str(question.pk)] = correct if right else wrong
    return answers


def take(enrollment, assessment, user, *, right=True):
    attempt = attempt_start(enrollment=enrollment, assessment=assessment, user=user)
    return attempt_submit(attempt=attempt, answers=answers_for(assessment, right=right), user=user)


def do_module(enrollment, module, user) -> None:
    lesson = module.lessons.get()
    lesson_open(enrollment=enrollment, lesson=lesson, user=user)
    earlier = timezone.now() - dt.timedelta(minutes=lesson.estimated_minutes)
    LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson).update(
        opened_at=earlier,
        seconds_spent=lesson.estimated_minutes * 60,  # on the lesson clock
    )
    ModuleProgress.objects.filter(enrollment=enrollment, module=module).update(started_at=earlier)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=user)
    take(enrollment, module.assessments.get(), user)
    reflection_response_submit(
        enrollment=enrollment, reflection=module.reflections.get(), text=REFLECTION, user=user
    )


def complete(enrollment: Enrollment, user, *, post_test_right: bool = True) -> None:
    """Pre-test, every module, post-test: the enrollment ends completed."""
    curriculum = enrollment.curriculum
    take(
        enrollment,
        curriculum.current_version.assessments.get(kind=Assessment.Kind.PRE_TEST),
        user,
        right=False,
    )
    # A normal pace, so the completion is not held for the liaison's review.
    Enrollment.objects.filter(pk=enrollment.pk).update(
        started_at=timezone.now() - dt.timedelta(days=1)
    )
    enrollment.refresh_from_db()
    for module in curriculum.current_version.modules.order_by("order"):
        do_module(enrollment, module, user)
    take(
        enrollment, curriculum.current_version.assessments.get(kind=Assessment.Kind.POST_TEST), user
    )
