"""Fast completions are reviewed before they count (REPAIR_FAST_COMPLETION_POLICY=hold)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from curriculum.models import Certificate, CompletionReview, Enrollment, LessonProgress
from curriculum.services.reviews import completion_review_confirm, completion_review_return
from repair import clock
from tests import factories
from tests.curriculum.test_learn_progress import (
    do_module,
    enroll,
    post_test_of,
    pre_test_of,
    take,
)
from worker.reminders import open_enrollments

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(officer, settings) -> Enrollment:
    """An officer who clicked through a one-module course far faster than its estimate."""
    settings.REPAIR_FAST_COMPLETION_POLICY = "hold"
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)
    do_module(enrollment, curriculum.current_version.modules.get(), officer)
    take(enrollment, post_test_of(curriculum), officer)
    enrollment.refresh_from_db()
    return enrollment


def test_a_held_fast_completion_has_no_certificate_until_confirmed(held, officer):
    review = CompletionReview.objects.get(enrollment=held)

    assert held.status == Enrollment.Status.IN_PROGRESS
    assert held.completed_at is None
    assert held.flagged_fast is True
    assert not Certificate.objects.filter(enrollment=held).exists()
    assert review.status == CompletionReview.Status.PENDING
    assert review.minutes_expected > review.minutes_taken
    assert AuditEvent.objects.filter(action="enrollment.completion_held").count() == 1
    assert not AuditEvent.objects.filter(action="certificate.issued").exists()


def test_the_officer_sees_that_the_completion_waits_for_the_liaison(client, held, officer):
    client.force_login(officer)

    page = client.get(reverse("learn:enrollment", args=[held.pk])).content.decode()
    home = client.get(reverse("learn:home")).content.decode()

    assert 'data-review-status="pending"' in page
    assert "Waiting for your training liaison" in page
    assert "Waiting for review" in home


def test_the_liaison_confirms_and_the_certificate_dates_from_when_the_officer_finished(
    client, held, liaison, department
):
    review = CompletionReview.objects.get(enrollment=held)
    client.force_login(liaison)

    dashboard = client.get(reverse("department:home")).content.decode()
    response = client.post(
        reverse("department:completion_review", args=[review.pk]), {"decision": "confirm"}
    )

    held.refresh_from_db()
    review.refresh_from_db()
    certificate = Certificate.objects.get(enrollment=held)
    assert f'data-review="{review.pk}"' in dashboard
    assert response.status_code == 302
    assert held.status == Enrollment.Status.COMPLETED
    assert held.completed_at == review.requested_at
    assert certificate.completed_on == clock.local_date(review.requested_at, held.department)
    assert (review.status, review.decided_by) == (CompletionReview.Status.CONFIRMED, liaison)
    assert list(
        AuditEvent.objects.filter(
            action__in=[
                "enrollment.completion_confirmed",
                "enrollment.completed",
                "certificate.issued",
            ]
        ).values_list("action", "actor_id")
    ) == [
        ("enrollment.completion_confirmed", liaison.pk),
        ("enrollment.completed", liaison.pk),
        ("certificate.issued", liaison.pk),
    ]


def test_returning_reopens_the_lessons_and_the_officer_reads_the_note(
    client, held, liaison, officer
):
    review = CompletionReview.objects.get(enrollment=held)
    client.force_login(liaison)

    client.post(
        reverse("department:completion_review", args=[review.pk]),
        {"decision": "return", "note": "Please read module 1 properly this time."},
    )

    held.refresh_from_db()
    lesson = LessonProgress.objects.get(enrollment=held)
    assert held.status == Enrollment.Status.IN_PROGRESS
    assert not Certificate.objects.filter(enrollment=held).exists()
    assert lesson.completed_at is None
    assert lesson.seconds_baseline == lesson.seconds_spent  # the minimum time starts again
    event = AuditEvent.objects.get(action="enrollment.completion_returned")
    assert (event.actor_id, event.data["note"]) == (
        liaison.pk,
        "Please read module 1 properly this time.",
    )
    client.force_login(officer)
    page = client.get(reverse("learn:enrollment", args=[held.pk])).content.decode()
    assert "Please read module 1 properly this time." in page


def test_a_returned_completion_is_reviewed_again(held, liaison, officer):
    review = CompletionReview.objects.get(enrollment=held)
    completion_review_return(review=review, acting_user=liaison, note="Again, slowly.")
    module = held.version.modules.get()
    LessonProgress.objects.filter(enrollment=held).update(seconds_spent=60 * 60)
    Enrollment.objects.filter(pk=held.pk).update(
        started_at=timezone.now() - dt.timedelta(days=2), flagged_fast=False
    )
    held.refresh_from_db()

    from curriculum.services.progress import lesson_complete

    lesson_complete(enrollment=held, lesson=module.lessons.get(), user=officer)

    held.refresh_from_db()
    assert held.status == Enrollment.Status.IN_PROGRESS
    assert held.completion_reviews.filter(status=CompletionReview.Status.PENDING).count() == 1


def test_returning_needs_a_note_and_changes_nothing_without_one(held, liaison):
    review = CompletionReview.objects.get(enrollment=held)

    with pytest.raises(ValidationError):
        completion_review_return(review=review, acting_user=liaison, note="  ")

    review.refresh_from_db()
    assert review.status == CompletionReview.Status.PENDING
    assert LessonProgress.objects.get(enrollment=held).completed_at is not None


def test_another_departments_liaison_cannot_decide(client, held, other_liaison):
    review = CompletionReview.objects.get(enrollment=held)
    client.force_login(other_liaison)

    response = client.post(
        reverse("department:completion_review", args=[review.pk]), {"decision": "confirm"}
    )

    review.refresh_from_db()
    assert response.status_code == 404
    assert review.status == CompletionReview.Status.PENDING
    assert not Certificate.objects.exists()


def test_staff_may_confirm(held, staff_user):
    review = CompletionReview.objects.get(enrollment=held)

    completion_review_confirm(review=review, acting_user=staff_user)

    assert Certificate.objects.filter(enrollment=held).exists()


def test_a_completion_is_decided_once(held, liaison):
    review = CompletionReview.objects.get(enrollment=held)
    completion_review_confirm(review=review, acting_user=liaison)

    with pytest.raises(ValidationError, match="already been reviewed"):
        completion_review_return(review=review, acting_user=liaison, note="Too late")

    assert Certificate.objects.filter(enrollment=held).count() == 1


def test_an_officer_waiting_for_review_gets_no_reminder(held):
    Enrollment.objects.filter(pk=held.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))

    assert not open_enrollments().filter(pk=held.pk).exists()


def test_under_flag_a_fast_completion_counts_at_once(officer, settings):
    settings.REPAIR_FAST_COMPLETION_POLICY = "flag"
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)
    do_module(enrollment, curriculum.current_version.modules.get(), officer)
    take(enrollment, post_test_of(curriculum), officer)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.flagged_fast is True
    assert Certificate.objects.filter(enrollment=enrollment).exists()
    assert not CompletionReview.objects.exists()
