"""Engagement is judged on the server: time on lessons, answers, reflections, release dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format

from accounts.models import AuditEvent
from curriculum.models import (
    Assessment,
    Certificate,
    Enrollment,
    LessonProgress,
    ModuleProgress,
)
from curriculum.selectors.learning import (
    enrollment_learning_gain,
    enrollment_state,
    officer_enrollment_get,
)
from curriculum.services.assessments import attempt_start, attempt_submit
from curriculum.services.progress import (
    LessonTooSoon,
    ModuleLocked,
    lesson_complete,
    lesson_open,
)
from curriculum.services.reflections import reflection_response_submit
from repair import clock
from tests import factories

pytestmark = pytest.mark.django_db

REFLECTION = (
    "I will slow down at the start of every stop, explain why I am there and listen "
    "to the person before deciding what happens next."
)


def enroll(officer, curriculum, **kwargs) -> Enrollment:
    department = officer.memberships.first().department
    return factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department, **kwargs
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


def spend_time_on(enrollment, lesson, user, *, minutes: float):
    """Open a lesson and put `minutes` on its clock (tests/curriculum/test_lesson_clock.py
    drives the clock itself, beat by beat)."""
    lesson_open(enrollment=enrollment, lesson=lesson, user=user)
    LessonProgress.objects.filter(enrollment=enrollment, lesson=lesson).update(
        opened_at=timezone.now() - dt.timedelta(minutes=minutes),
        seconds_spent=round(minutes * 60),
    )
    ModuleProgress.objects.filter(enrollment=enrollment, module=lesson.module).update(
        started_at=timezone.now() - dt.timedelta(minutes=minutes)
    )


def started_an_hour_ago(enrollment):
    """A normal pace: the enrollment started long enough ago not to be held for review."""
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.IN_PROGRESS, started_at=timezone.now() - dt.timedelta(hours=1)
    )
    enrollment.refresh_from_db()


def do_module(enrollment, module, user):
    lesson = module.lessons.get()
    spend_time_on(enrollment, lesson, user, minutes=lesson.estimated_minutes)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=user)
    take(enrollment, module.assessments.get(), user)
    reflection_response_submit(
        enrollment=enrollment, reflection=module.reflections.get(), text=REFLECTION, user=user
    )


def pre_test_of(curriculum):
    return curriculum.current_version.assessments.get(kind=Assessment.Kind.PRE_TEST)


def post_test_of(curriculum):
    return curriculum.current_version.assessments.get(kind=Assessment.Kind.POST_TEST)


def test_lesson_does_not_count_before_half_its_estimated_time(officer, settings):
    settings.REPAIR_MIN_LESSON_TIME_SHARE = 0.5
    curriculum = factories.small_curriculum(modules=1, with_tests=False, lesson_minutes=10)
    enrollment = enroll(officer, curriculum)
    lesson = curriculum.current_version.modules.get().lessons.get()
    spend_time_on(enrollment, lesson, officer, minutes=4)

    with pytest.raises(LessonTooSoon) as too_soon:
        lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)

    assert too_soon.value.seconds_left == 60
    assert LessonProgress.objects.get(enrollment=enrollment).completed_at is None

    LessonProgress.objects.filter(enrollment=enrollment).update(seconds_spent=5 * 60)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)

    assert LessonProgress.objects.get(enrollment=enrollment).completed_at is not None


def test_reopening_a_lesson_does_not_restart_or_reset_its_clock(officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    lesson = curriculum.current_version.modules.get().lessons.get()
    spend_time_on(enrollment, lesson, officer, minutes=3)
    opened_at = LessonProgress.objects.get().opened_at

    lesson_open(enrollment=enrollment, lesson=lesson, user=officer)

    assert LessonProgress.objects.get().opened_at == opened_at


def test_a_lesson_never_opened_cannot_be_marked_done(officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    lesson = curriculum.current_version.modules.get().lessons.get()

    with pytest.raises(Exception, match="Open the lesson"):
        lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)

    assert LessonProgress.objects.count() == 0


def test_module_needs_the_lesson_the_passed_check_and_the_reflection(officer):
    curriculum = factories.small_curriculum(modules=2, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.order_by("order").first()
    lesson = module.lessons.get()
    check = module.assessments.get()

    # The knowledge check and reflection alone do not complete the module.
    lesson_open(enrollment=enrollment, lesson=lesson, user=officer)
    take(enrollment, check, officer, right=False)
    take(enrollment, check, officer, right=True)
    reflection_response_submit(
        enrollment=enrollment, reflection=module.reflections.get(), text=REFLECTION, user=officer
    )
    state = enrollment_state(enrollment=enrollment)
    assert state.modules[0].completed is False
    assert state.modules[1].unlocked is False

    # With the time spent and the lesson done, it completes.
    LessonProgress.objects.update(seconds_spent=10 * 60)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)

    state = enrollment_state(enrollment=enrollment)
    assert state.modules[0].completed is True
    assert state.modules[1].unlocked is True
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.IN_PROGRESS
    assert enrollment.progress == 50


def test_module_is_not_complete_with_a_failed_knowledge_check(officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.get()
    lesson = module.lessons.get()
    spend_time_on(enrollment, lesson, officer, minutes=10)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)
    reflection_response_submit(
        enrollment=enrollment, reflection=module.reflections.get(), text=REFLECTION, user=officer
    )

    attempt = take(enrollment, module.assessments.get(), officer, right=False)

    assert (attempt.score, attempt.passed) == (0, False)
    assert enrollment_state(enrollment=enrollment).modules[0].completed is False
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.IN_PROGRESS
    assert Certificate.objects.count() == 0


def test_module_is_not_complete_without_the_reflection(officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.get()
    lesson = module.lessons.get()
    spend_time_on(enrollment, lesson, officer, minutes=10)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)
    take(enrollment, module.assessments.get(), officer)

    assert enrollment_state(enrollment=enrollment).modules[0].completed is False

    with pytest.raises(Exception, match="at least 15 words"):
        reflection_response_submit(
            enrollment=enrollment, reflection=module.reflections.get(), text="Fine.", user=officer
        )
    assert enrollment_state(enrollment=enrollment).modules[0].completed is False


def test_first_module_waits_for_the_pre_test(officer, client):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    lesson = curriculum.current_version.modules.get().lessons.get()

    with pytest.raises(ModuleLocked):
        lesson_open(enrollment=enrollment, lesson=lesson, user=officer)

    take(enrollment, pre_test_of(curriculum), officer, right=False)
    lesson_open(enrollment=enrollment, lesson=lesson, user=officer)
    assert LessonProgress.objects.filter(enrollment=enrollment).count() == 1


def test_paced_module_cannot_be_opened_before_its_release(officer, client):
    curriculum = factories.small_curriculum(modules=2, with_tests=False, is_paced=True)
    cohort = factories.CohortFactory(
        curriculum=curriculum, starts_on=factories.local_today(), release_interval_days=7
    )
    enrollment = enroll(officer, curriculum, cohort=cohort)
    first, second = curriculum.current_version.modules.order_by("order")
    do_module(enrollment, first, officer)
    client.force_login(officer)

    page = client.get(reverse("learn:module", args=[enrollment.pk, second.pk]))
    lesson_page = client.get(reverse("learn:lesson", args=[enrollment.pk, second.lessons.get().pk]))

    opens_on = factories.local_today() + dt.timedelta(days=7)
    assert page.status_code == 403
    assert "This module is not open yet" in page.content.decode()
    assert f"opens on {date_format(opens_on, 'DATE_FORMAT')}." in page.content.decode()
    assert lesson_page.status_code == 403
    assert LessonProgress.objects.filter(lesson__module=second).count() == 0
    with pytest.raises(ModuleLocked):
        take(enrollment, second.assessments.get(), officer)
    assert enrollment.attempts.filter(assessment__module=second).count() == 0


def test_paced_module_opens_on_its_release_date(officer, client):
    curriculum = factories.small_curriculum(modules=2, with_tests=False, is_paced=True)
    cohort = factories.CohortFactory(
        curriculum=curriculum,
        starts_on=factories.local_today() - dt.timedelta(days=7),
        release_interval_days=7,
    )
    enrollment = enroll(officer, curriculum, cohort=cohort)
    first, second = curriculum.current_version.modules.order_by("order")
    do_module(enrollment, first, officer)
    client.force_login(officer)

    page = client.get(reverse("learn:module", args=[enrollment.pk, second.pk]))

    assert page.status_code == 200


def test_finishing_issues_a_certificate_and_records_audit_events(officer):
    curriculum = factories.small_curriculum(modules=2)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer, right=False)
    started_an_hour_ago(enrollment)
    for module in curriculum.current_version.modules.order_by("order"):
        do_module(enrollment, module, officer)
    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.IN_PROGRESS
    assert enrollment.progress == 88  # 7 of 8 steps: only the post-test remains

    take(enrollment, post_test_of(curriculum), officer)

    enrollment.refresh_from_db()
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.progress == 100
    assert enrollment.completed_at is not None
    assert certificate.holder_name == officer.display_name
    assert certificate.curriculum_title == curriculum.title
    assert certificate.credit_hours == curriculum.credit_hours
    assert certificate.completed_on == clock.local_date(
        enrollment.completed_at, factories.DEMO_ZONE
    )
    assert certificate.issued_on == factories.local_today()
    assert list(
        AuditEvent.objects.filter(action__in=["enrollment.completed", "certificate.issued"])
        .order_by("id")
        .values_list("action", "actor_id")
    ) == [("enrollment.completed", officer.pk), ("certificate.issued", officer.pk)]
    assert enrollment_learning_gain(enrollment=enrollment) == 100


def test_post_test_waits_for_every_module(officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)

    with pytest.raises(Exception, match="once every module is complete"):
        take(enrollment, post_test_of(curriculum), officer)

    assert enrollment.attempts.filter(assessment__kind="post_test").count() == 0


def test_completion_far_faster_than_estimated_is_flagged(officer, settings):
    settings.REPAIR_FAST_COMPLETION_POLICY = "flag"
    settings.REPAIR_MIN_LESSON_TIME_SHARE = 0
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.get()
    lesson = module.lessons.get()
    lesson_open(enrollment=enrollment, lesson=lesson, user=officer)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)
    take(enrollment, module.assessments.get(), officer)
    reflection_response_submit(
        enrollment=enrollment, reflection=module.reflections.get(), text=REFLECTION, user=officer
    )

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.flagged_fast is True


def test_completion_at_a_normal_pace_is_not_flagged(officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.IN_PROGRESS, started_at=timezone.now() - dt.timedelta(hours=1)
    )
    enrollment.refresh_from_db()

    do_module(enrollment, curriculum.current_version.modules.get(), officer)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.flagged_fast is False


def test_another_officer_cannot_work_on_an_enrollment(officer, department):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    intruder = factories.officer(department)
    lesson = curriculum.current_version.modules.get().lessons.get()

    with pytest.raises(PermissionDenied):
        lesson_open(enrollment=enrollment, lesson=lesson, user=intruder)

    assert LessonProgress.objects.count() == 0


@pytest.mark.parametrize("modules", [1, 5])
def test_enrollment_state_reads_in_nine_queries_whatever_the_size(
    officer, modules, django_assert_num_queries
):
    curriculum = factories.small_curriculum(modules=modules)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)
    do_module(enrollment, curriculum.current_version.modules.order_by("order").first(), officer)
    enrollment = officer_enrollment_get(user=officer, enrollment_id=enrollment.pk)

    with django_assert_num_queries(9):
        state = enrollment_state(enrollment=enrollment)
        assert len(state.steps) == 2 + 3 * modules
