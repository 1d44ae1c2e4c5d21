"""Training of Trainers: ToT completed plus a confirmed practicum certifies a department
trainer (audited, with a code and an expiry) who runs cohorts in their own department only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from curriculum.models import DepartmentTrainer, Enrollment, LiveSession
from curriculum.selectors.facilitation import trainer_department_ids
from curriculum.services.cohorts import cohort_create
from curriculum.services.progress import LearningError
from curriculum.services.trainers import practicum_confirm, trainer_certify
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def program_facilitator():
    return factories.UserFactory(is_facilitator=True)


@pytest.fixture
def candidate(department):
    officer = factories.officer(department)
    tot = factories.small_curriculum(modules=1, with_tests=False, slug="training-of-trainers")
    factories.EnrollmentFactory(
        officer=officer,
        curriculum=tot,
        department=department,
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
        progress=100,
    )
    return officer


@pytest.fixture
def practicum_session(department, program_facilitator, candidate):
    cohort = factories.CohortFactory(
        curriculum=factories.small_curriculum(modules=1, with_tests=False),
        facilitator=program_facilitator,
        department=department,
    )
    return LiveSession.objects.create(
        cohort=cohort,
        title="Week 1, co-facilitated",
        starts_at=timezone.now() - dt.timedelta(hours=3),
        duration_minutes=90,
        format="in_person",
        location="Academy room 2",
        co_facilitator=candidate,
    )


def test_confirming_the_practicum_certifies_a_trainer_with_an_expiry(
    client, department, candidate, practicum_session, program_facilitator
):
    client.force_login(program_facilitator)

    client.post(reverse("facilitate:practicum", args=[practicum_session.pk]))

    trainer = DepartmentTrainer.objects.get()
    assert (trainer.user, trainer.department, trainer.certified_by) == (
        candidate,
        department,
        program_facilitator,
    )
    assert trainer.expires_on == trainer.certified_on + dt.timedelta(days=730)
    assert trainer.code
    assert AuditEvent.objects.filter(action="trainer.certify").count() == 1
    assert trainer_department_ids(user=candidate) == [department.pk]
    client.force_login(candidate)
    page = client.get(reverse("learn:trainer_certificate")).content.decode()
    assert trainer.code in page


def test_no_certification_without_the_practicum_or_the_course(
    department, candidate, program_facilitator
):
    with pytest.raises(LearningError):
        trainer_certify(candidate=candidate, acting_user=program_facilitator)
    uncertified = factories.officer(department)
    with pytest.raises(LearningError):
        trainer_certify(candidate=uncertified, acting_user=program_facilitator)
    assert not DepartmentTrainer.objects.exists()


def test_only_the_sessions_program_facilitator_confirms(practicum_session, candidate):
    with pytest.raises(PermissionDenied):
        practicum_confirm(session=practicum_session, acting_user=candidate)
    practicum_session.refresh_from_db()
    assert practicum_session.practicum_confirmed_at is None


def test_the_certified_trainer_runs_a_cohort_in_their_department_and_not_in_another(
    department,
    other_department,
    candidate,
    practicum_session,
    program_facilitator,
    liaison,
    other_liaison,
):
    practicum_confirm(session=practicum_session, acting_user=program_facilitator)
    paced = factories.small_curriculum(modules=1, with_tests=False, is_paced=True)
    start = factories.local_today(department) + dt.timedelta(days=7)

    own = cohort_create(
        acting_user=liaison,
        department=department,
        curriculum=paced,
        name="Ours",
        starts_on=start,
        capacity=20,
        facilitator=candidate,
    )
    with pytest.raises(ValidationError):
        cohort_create(
            acting_user=other_liaison,
            department=other_department,
            curriculum=paced,
            name="Theirs",
            starts_on=start,
            capacity=20,
            facilitator=candidate,
        )

    assert own.facilitator == candidate
    assert not other_department.cohorts.exists()


def test_the_admin_refuses_a_trainer_for_another_departments_cohort(department, other_department):
    from curriculum.admin_facilitation import CohortAdminForm

    outsider = factories.DepartmentTrainerFactory(department=other_department).user
    curriculum = factories.small_curriculum(modules=1, with_tests=False, is_paced=True)
    form = CohortAdminForm(
        data={
            "curriculum": curriculum.pk,
            "name": "Admin cohort",
            "department": department.pk,
            "facilitator": outsider.pk,
            "starts_on": "2027-04-05",
            "release_interval_days": 7,
            "capacity": 75,
        }
    )

    assert not form.is_valid()
    assert "facilitator" in form.errors
