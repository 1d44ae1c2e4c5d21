"""Services behind the liaison's workspace: re-enrolling after a withdrawal, nudges, withdrawal."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Membership
from curriculum.models import Enrollment, ReflectionResponse
from curriculum.services.enrollments import (
    enrollment_bulk_create,
    enrollment_nudge,
    enrollment_withdraw,
)
from tests import factories
from worker.models import Notification

pytestmark = pytest.mark.django_db


def _enroll(officer, department, curriculum, **kwargs):
    return factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum, **kwargs
    )


def test_withdrawn_enrollment_is_skipped_unless_reinstating(department, liaison):
    curriculum = factories.CurriculumFactory()
    officer = factories.officer(department)
    enrollment = _enroll(officer, department, curriculum)
    enrollment_withdraw(enrollment=enrollment, acting_user=liaison)
    due = factories.local_today() + dt.timedelta(days=10)

    plain = enrollment_bulk_create(
        officer_ids=[officer.pk],
        curriculum=curriculum,
        department=department,
        due_on=due,
        acting_user=liaison,
    )
    again = enrollment_bulk_create(
        officer_ids=[officer.pk],
        curriculum=curriculum,
        department=department,
        due_on=due,
        acting_user=liaison,
        reinstate_withdrawn=True,
    )

    enrollment.refresh_from_db()
    assert (plain.created, plain.skipped_existing, plain.reinstated) == (0, 1, 0)
    assert (again.created, again.skipped_existing, again.reinstated) == (0, 0, 1)
    assert (enrollment.withdrawn_at, enrollment.due_on) == (None, due)
    assert Enrollment.objects.count() == 1
    assert list(
        AuditEvent.objects.filter(action__startswith="enrollment.").values_list("action", flat=True)
    ) == ["enrollment.withdraw", "enrollment.reinstate"]


def test_withdrawing_twice_is_refused(department, liaison):
    enrollment = _enroll(factories.officer(department), department, factories.CurriculumFactory())
    enrollment_withdraw(enrollment=enrollment, acting_user=liaison)

    with pytest.raises(ValidationError):
        enrollment_withdraw(enrollment=enrollment, acting_user=liaison)

    assert AuditEvent.objects.filter(action="enrollment.withdraw").count() == 1


def test_nudge_skips_completed_and_withdrawn(department, liaison):
    curriculum = factories.CurriculumFactory()
    open_one = _enroll(factories.officer(department), department, curriculum)
    done = _enroll(
        factories.officer(department),
        department,
        curriculum,
        status="completed",
        completed_at=timezone.now(),
    )
    gone = _enroll(
        factories.officer(department), department, curriculum, withdrawn_at=timezone.now()
    )

    result = enrollment_nudge(
        enrollments=[open_one, done, gone], department=department, acting_user=liaison
    )

    assert (result.queued, result.already_nudged) == (1, 0)
    assert (
        Notification.objects.get().dedupe_key
        == f"nudge:{open_one.pk}:{factories.local_today().isoformat()}"
    )


def test_nudge_of_another_departments_enrollment_writes_nothing(
    department, other_department, liaison
):
    foreign = _enroll(
        factories.officer(other_department), other_department, factories.CurriculumFactory()
    )

    with pytest.raises(ValidationError):
        enrollment_nudge(enrollments=[foreign], department=department, acting_user=liaison)

    assert Notification.objects.count() == 0
    assert not AuditEvent.objects.filter(action="enrollment.nudge").exists()


@pytest.mark.parametrize("course_count", [1, 8])
def test_officer_page_queries_do_not_grow_with_enrollments(
    client, liaison, department, course_count
):
    officer = factories.officer(department)
    for _ in range(course_count):
        module = factories.ModuleFactory()
        enrollment = _enroll(officer, department, module.version.curriculum, status="in_progress")
        assessment = factories.AssessmentFactory(module=module)
        enrollment.attempts.create(
            assessment=assessment, submitted_at=timezone.now(), score=90, passed=True
        )
        ReflectionResponse.objects.create(
            reflection=factories.ReflectionFactory(module=module), enrollment=enrollment, text="x"
        )
    membership = Membership.objects.get(user=officer)
    client.force_login(liaison)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("department:officer", args=[membership.pk]))

    assert response.status_code == 200
    assert len(response.context["enrollments"]) == course_count
    assert len(queries) == 10
