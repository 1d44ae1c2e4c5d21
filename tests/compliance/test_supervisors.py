"""Supervisors: officers overdue by more than REPAIR_ESCALATE_AFTER_DAYS appear in their
supervisor's weekly digest (once a week); the supervisor reads their team, and nobody else's."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from compliance.services import officer_profile_update
from compliance.supervisors import supervisor_digest_sweep
from tests import factories
from worker.models import Notification

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)  # a Wednesday; Nov 25 in every zone
TODAY = dt.date(2026, 11, 25)


@pytest.fixture
def supervisor(department):
    return factories.officer(department, email="sergeant@example.test", first_name="Sam")


def _supervised(department, supervisor, liaison, days_overdue: int | None, **user):
    officer = factories.officer(department, **user)
    officer_profile_update(
        membership=officer.memberships.get(),
        post_id="",
        supervisor=supervisor,
        acting_user=liaison,
    )
    if days_overdue is not None:
        factories.EnrollmentFactory(
            officer=officer,
            department=department,
            due_on=TODAY - dt.timedelta(days=days_overdue),
        )
    return officer


def test_only_officers_overdue_by_more_than_the_threshold_reach_the_digest_once_a_week(
    department, supervisor, liaison, settings
):
    settings.REPAIR_ESCALATE_AFTER_DAYS = 14
    _supervised(department, supervisor, liaison, 15, first_name="Late", last_name="Lou")
    _supervised(department, supervisor, liaison, 14, first_name="Borderline", last_name="Bo")
    _supervised(department, supervisor, liaison, None)
    factories.EnrollmentFactory(  # overdue, but nobody supervises this officer
        officer=factories.officer(department), department=department,
        due_on=TODAY - dt.timedelta(days=30),
    )  # fmt: skip

    supervisor_digest_sweep(now=AT)
    supervisor_digest_sweep(now=AT + dt.timedelta(hours=3))

    digest = Notification.objects.get(kind="supervisor_digest")
    assert digest.recipient == supervisor
    assert digest.dedupe_key == f"supervisor_digest:{department.pk}:{supervisor.pk}:2026-W48"
    assert digest.context["overdue_count"] == 1
    assert [o["name"] for o in digest.context["officers"]] == ["Late Lou"]

    supervisor_digest_sweep(now=AT + dt.timedelta(days=7))
    assert Notification.objects.filter(kind="supervisor_digest").count() == 2


def test_the_digest_email_renders(department, supervisor, liaison):
    from worker.emails import notification_email

    _supervised(department, supervisor, liaison, 20, first_name="Late", last_name="Lou")
    supervisor_digest_sweep(now=AT)

    message = notification_email(Notification.objects.get(kind="supervisor_digest"))

    assert "1 overdue training" in message.subject
    assert "Late Lou" in message.body
    assert "/team/" in message.body


def test_a_supervisor_sees_their_team_read_only_and_nobody_else_does(
    client, department, supervisor, liaison, django_assert_num_queries
):
    for index in range(3):
        _supervised(department, supervisor, liaison, 20 + index)
    stranger = factories.officer(department)
    client.force_login(supervisor)

    # session, user, enrollments (with officer, curriculum, department, certificate)
    with django_assert_num_queries(3):
        response = client.get(reverse("team"))

    assert response.status_code == 200
    assert len(response.context["enrollments"]) == 3
    assert all(e.overdue for e in response.context["enrollments"])
    assert b"<form" not in response.content.split(b"<main", 1)[-1].split(b"</main>")[0]
    client.force_login(stranger)
    assert client.get(reverse("team")).status_code == 404
