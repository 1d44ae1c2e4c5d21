"""Cached department figures (curriculum/figures.py): served again until what they count changes,
never past a scope check, and dropped by every kind of write that changes them."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Membership
from accounts.roster import roster_import_commit, roster_import_upload, roster_import_validate
from curriculum.models import Enrollment
from curriculum.services.enrollments import enrollment_bulk_create
from curriculum.services.progress import enrollment_start
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def figures_cache(settings):
    settings.REPAIR_FIGURES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def _summary(client, department):
    response = client.get(f"/api/v1/departments/{department.pk}/summary/")
    assert response.status_code == 200
    return response.json()


def _roster(client, department):
    response = client.get(f"/api/v1/departments/{department.pk}/officers/")
    assert response.status_code == 200
    return {row["id"]: row for row in response.json()["results"]}


def test_a_second_read_is_served_from_the_cache(
    liaison, department, officer, curriculum, django_assert_num_queries
):
    factories.EnrollmentFactory(officer=officer, department=department, curriculum=curriculum)
    client = token_client(liaison)
    first = _summary(client, department)

    with django_assert_num_queries(2):  # the token and the department's scope, no figures
        assert _summary(client, department) == first


def test_enrolling_through_the_service_shows_at_once(
    liaison, department, officer, curriculum, django_capture_on_commit_callbacks
):
    client = token_client(liaison)
    assert _summary(client, department)["enrollments"] == 0
    assert _roster(client, department)[officer.pk]["enrollments"] == 0

    with django_capture_on_commit_callbacks(execute=True):
        enrollment_bulk_create(
            officer_ids=[officer.pk],
            curriculum=curriculum,
            department=department,
            due_on=None,
            acting_user=liaison,
        )

    assert _summary(client, department)["enrollments"] == 1
    assert _roster(client, department)[officer.pk]["enrollments"] == 1


def test_a_change_is_dropped_only_after_the_commit(
    liaison, department, officer, curriculum, django_capture_on_commit_callbacks
):
    client = token_client(liaison)
    _summary(client, department)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        factories.EnrollmentFactory(officer=officer, department=department, curriculum=curriculum)
    assert _summary(client, department)["enrollments"] == 0  # not committed yet: still cached
    for callback in callbacks:
        callback()
    assert _summary(client, department)["enrollments"] == 1


def test_starting_and_completing_show_at_once(
    liaison, department, officer, curriculum, django_capture_on_commit_callbacks
):
    enrollment = factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum
    )
    client = token_client(liaison)
    assert _summary(client, department)["not_started"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        enrollment_start(enrollment=enrollment)  # a queryset update: no signal
    assert _summary(client, department)["in_progress"] == 1

    with django_capture_on_commit_callbacks(execute=True):
        enrollment.status = Enrollment.Status.COMPLETED
        enrollment.completed_at = timezone.now()
        enrollment.save()
    summary = _summary(client, department)
    assert (summary["in_progress"], summary["completed"]) == (0, 1)
    series = client.get("/api/v1/stats/completions/").json()["series"]
    assert sum(point["completed"] for point in series) == 1


def test_roster_shows_membership_and_name_changes(
    liaison, department, officer, django_capture_on_commit_callbacks
):
    client = token_client(liaison)
    assert _roster(client, department)[officer.pk]["status"] == "active"

    with django_capture_on_commit_callbacks(execute=True):
        membership = Membership.objects.get(user=officer, department=department)
        membership.status, membership.separated_on = "separated", factories.local_today()
        membership.save()
    assert _roster(client, department)[officer.pk]["status"] == "separated"

    with django_capture_on_commit_callbacks(execute=True):
        officer.first_name, officer.last_name = "Renamed", "Officer"
        officer.save()
    assert _roster(client, department)[officer.pk]["display_name"] == "Renamed Officer"


def test_a_cached_figure_is_never_served_out_of_scope(liaison, department, other_department):
    other_liaison = factories.liaison(other_department)
    _summary(token_client(liaison), department)  # cached for `department`

    response = token_client(other_liaison).get(f"/api/v1/departments/{department.pk}/summary/")

    assert response.status_code == 404


def test_nothing_is_cached_when_it_is_off(liaison, department, settings, django_assert_num_queries):
    settings.REPAIR_FIGURES_CACHE_SECONDS = 0
    client = token_client(liaison)
    _summary(client, department)

    with django_assert_num_queries(4):  # the token, the scope, the figures, the officer count
        _summary(client, department)


def test_a_roster_import_shows_its_officers_at_once(
    liaison, department, officer, settings, tmp_path, django_capture_on_commit_callbacks
):
    """The import writes memberships in bulk (no post_save) and accounts may not call
    curriculum: its `roster_members_added` signal drops the cached figures (issue 20)."""
    settings.MEDIA_ROOT = tmp_path
    client = token_client(liaison)
    assert set(_roster(client, department)) == {officer.pk}
    data = b"email,first_name,last_name,badge_number,rank\nnew@x.test,New,Officer,7,Officer\n"

    with django_capture_on_commit_callbacks(execute=True):
        state = roster_import_upload(
            data=data, filename="r.csv", department=department, acting_user=liaison
        )
        roster_import_validate(import_id=state["id"])
        roster_import_commit(import_id=state["id"], acting_user=liaison)

    added = Membership.objects.get(department=department, user__email="new@x.test").user_id
    assert set(_roster(client, department)) == {officer.pk, added}
