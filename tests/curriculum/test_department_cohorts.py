"""Cohorts run by departments: liaisons create them without the admin, capacity is enforced
with a waiting list, and a department trainer facilitates in their own department only."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils.html import escape

from accounts.models import AuditEvent
from curriculum.models import Cohort, CohortWaitlistEntry, Enrollment
from curriculum.services.cohorts import (
    cohort_create,
    cohort_member_add,
    cohort_waitlist_promote,
)
from curriculum.services.enrollments import enrollment_bulk_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def paced():
    return factories.small_curriculum(modules=2, with_tests=False, is_paced=True)


def _create(liaison, department, paced, **kwargs):
    values = {
        "name": "Spring leadership",
        "starts_on": factories.local_today(department) + dt.timedelta(days=7),
        "capacity": 2,
        "facilitator": None,
    }
    return cohort_create(
        acting_user=liaison, department=department, curriculum=paced, **{**values, **kwargs}
    )


def test_a_liaison_creates_a_cohort_on_the_department_page(client, liaison, department, paced):
    trainer = factories.DepartmentTrainerFactory(department=department).user
    client.force_login(liaison)

    page = client.get(reverse("department:cohorts")).content.decode()
    response = client.post(
        reverse("department:cohorts"),
        {
            "curriculum": paced.pk,
            "name": "Spring leadership",
            "starts_on": "2027-04-05",
            "release_interval_days": "7",
            "capacity": "75",
            "facilitator": trainer.pk,
        },
    )

    cohort = Cohort.objects.get()
    assert escape(trainer.display_name) in page
    assert response.status_code == 302
    assert (cohort.department, cohort.facilitator, cohort.capacity) == (department, trainer, 75)
    assert AuditEvent.objects.filter(action="cohort.create").count() == 1


def test_a_trainer_of_another_department_cannot_facilitate_here(
    liaison, department, other_department, paced
):
    outsider = factories.DepartmentTrainerFactory(department=other_department).user

    with pytest.raises(ValidationError):
        _create(liaison, department, paced, facilitator=outsider)
    assert not Cohort.objects.exists()


def test_a_liaison_cannot_create_for_another_department(other_liaison, department, paced):
    with pytest.raises(PermissionDenied):
        _create(other_liaison, department, paced)
    assert not Cohort.objects.exists()


def test_a_full_cohort_puts_officers_on_its_waiting_list_and_seats_them_later(
    liaison, department, paced
):
    cohort = _create(liaison, department, paced, capacity=2)
    officers = [factories.officer(department) for _ in range(3)]

    outcomes = [cohort_member_add(cohort=cohort, officer=o, acting_user=liaison) for o in officers]
    again = cohort_member_add(cohort=cohort, officer=officers[2], acting_user=liaison)
    Enrollment.objects.filter(officer=officers[0]).update(withdrawn_at=dt.datetime.now(dt.UTC))
    seated = cohort_waitlist_promote(cohort=cohort, acting_user=liaison)

    assert outcomes == ["seated", "seated", "waiting"]
    assert again == "waiting"
    assert seated == 1
    assert not CohortWaitlistEntry.objects.exists()
    assert set(
        Enrollment.objects.filter(cohort=cohort, withdrawn_at__isnull=True).values_list(
            "officer", flat=True
        )
    ) == {officers[1].pk, officers[2].pk}


def test_enrolling_into_a_cohort_from_the_roster_respects_its_capacity(liaison, department, paced):
    cohort = _create(liaison, department, paced, capacity=2)
    officers = [factories.officer(department) for _ in range(3)]

    with pytest.raises(ValidationError):
        enrollment_bulk_create(
            officer_ids=[o.pk for o in officers],
            curriculum=paced,
            department=department,
            due_on=None,
            acting_user=liaison,
            cohort=cohort,
        )
    assert not Enrollment.objects.exists()


def test_seats_and_the_waiting_list_on_the_cohort_page(client, liaison, department, paced):
    cohort = _create(liaison, department, paced, capacity=1)
    first, second = factories.officer(department), factories.officer(department)
    client.force_login(liaison)
    url = reverse("facilitate:member_add", args=[cohort.pk])

    client.post(url, {"email": first.email})
    client.post(url, {"email": second.email})
    page = client.get(reverse("facilitate:cohort", args=[cohort.pk])).content.decode()

    assert "1 of 1 seats taken; 1 waiting." in page
    assert escape(second.display_name) in page


def test_the_department_cohort_list_reads_a_fixed_number_of_queries(
    client, liaison, department, paced, django_assert_num_queries
):
    client.force_login(liaison)
    _create(liaison, department, paced, name="First")
    client.get(reverse("department:cohorts"))
    with django_assert_num_queries(7) as counted:
        client.get(reverse("department:cohorts"))
    for n in range(3):
        cohort = _create(liaison, department, paced, name=f"More {n}")
        cohort_member_add(cohort=cohort, officer=factories.officer(department), acting_user=liaison)
    with django_assert_num_queries(len(counted.captured_queries)):
        client.get(reverse("department:cohorts"))
