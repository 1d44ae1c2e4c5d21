"""The bench's eight HTML pages (bench.pages) with their statements pinned.

The same pages the bench times, requested by the same kinds of users, built by
`bench.pages.page_endpoints` on a small dataset: MFA required with a TOTP authenticator (as the
bench and production run), signed in, DEBUG off. The pins are `bench.pages.PAGE_STATEMENTS`,
which the bench also checks at every scale, so a page that starts running one more statement
fails here and is printed as missed there.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.test import Client

from bench.actors import Actors, _with_authenticator
from bench.pages import PAGE_STATEMENTS, page_endpoints, page_key, statements_counted
from partners.selectors import last_closed_month
from partners.services import partner_report_build
from tests import factories
from tests.curriculum.test_learn_progress import pre_test_of, take

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 11, 18, 17, 0, tzinfo=dt.UTC)
# The lesson clock's atomic block, nested in the test's transaction: SAVEPOINT and RELEASE.
SAVEPOINTS_IN_A_TEST = {"page: a lesson": 2}


@pytest.fixture(autouse=True)
def _clock():
    with time_machine.travel(NOW, tick=False) as traveller:
        yield traveller


@pytest.fixture(autouse=True)
def _mfa_required(settings):
    settings.REPAIR_REQUIRE_MFA = True


def _world(officers: int) -> Actors:
    """A department of `officers` officers, each enrolled in two curricula (the first in
    progress), a liaison, a facilitator on staff and a partner reviewer with a stored report."""
    department = factories.DepartmentFactory(timezone=factories.DEMO_ZONE)
    liaison = factories.liaison(department)
    curricula = [factories.small_curriculum(modules=2), factories.small_curriculum(modules=3)]
    for n in range(officers):
        officer = factories.officer(department)
        for curriculum in curricula:
            enrollment = factories.EnrollmentFactory(
                officer=officer, curriculum=curriculum, department=department
            )
            if n % 2 == 0:
                # Started as the bench's in-progress enrollments are: the pre-test taken.
                take(enrollment, pre_test_of(curriculum), officer)
    staff = factories.UserFactory(is_staff=True, is_superuser=True)
    agreement = factories.DataSharingAgreementFactory(department=department)
    reviewer = factories.PartnerMembershipFactory(partner=agreement.partner).user
    start, end = last_closed_month()
    partner_report_build(partner=agreement.partner, period_start=start, period_end=end)
    _with_authenticator([liaison, staff, reviewer])
    return Actors(
        liaison_id=liaison.pk,
        department_id=department.pk,
        partner_reviewer_ids=[reviewer.pk],
        staff_id=staff.pk,
        liaison_ids=[liaison.pk],
    )


@pytest.mark.parametrize("officers", [3, 60])
def test_every_bench_page_runs_its_pinned_statements_whatever_the_size(
    officers, django_assert_num_queries, _clock
):
    actors = _world(officers)
    endpoints = page_endpoints(actors=actors, deep_page=2)
    clients: dict[int, Client] = {}
    assert {page_key(e.name) for e in endpoints} == set(PAGE_STATEMENTS)
    for endpoint in endpoints:
        if endpoint.user_id not in clients:
            from accounts.models import User

            clients[endpoint.user_id] = Client()
            clients[endpoint.user_id].force_login(User.objects.get(pk=endpoint.user_id))
        client = clients[endpoint.user_id]
        assert client.get(endpoint.path).status_code == 200  # the session's first stamp
        if page_key(endpoint.name) == "page: a lesson":
            # As the bench reads it again: seconds later, so the lesson clock credits the time
            # since its last beat (the lesson's progress is written).
            _clock.shift(dt.timedelta(seconds=2))
        pinned = PAGE_STATEMENTS[page_key(endpoint.name)]
        savepoints = SAVEPOINTS_IN_A_TEST.get(page_key(endpoint.name), 0)
        with django_assert_num_queries(pinned + savepoints) as captured:
            response = client.get(endpoint.path)
        assert response.status_code == 200, endpoint.name
        sqls = [query["sql"] for query in captured.captured_queries]
        assert statements_counted(sqls) == pinned, endpoint.name
