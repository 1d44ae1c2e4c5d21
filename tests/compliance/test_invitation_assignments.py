"""Training named at invitation: kept with the invitation, enrolled on acceptance, one email."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from accounts.models import Invitation
from accounts.services import invitation_accept
from compliance.models import InvitationAssignment
from compliance.services import rule_create
from curriculum.models import Enrollment
from tests import factories
from worker.models import Notification

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOON, tick=False):
        yield


def _invite(client, liaison, department, **extra):
    client.force_login(liaison)
    return client.post(
        reverse("roster:invite"),
        {
            "department": department.pk,
            "email": "new@example.test",
            "first_name": "New",
            "last_name": "Hire",
            **extra,
        },
    )


def test_curricula_named_at_invitation_are_enrolled_on_acceptance(client, liaison, department):
    first, second = factories.CurriculumFactory(), factories.CurriculumFactory()
    ruled = factories.CurriculumFactory()
    rule_create(department=department, acting_user=liaison, curriculum=ruled, kind="new_officers")

    _invite(client, liaison, department, curricula=[first.pk, second.pk], due_on="2026-12-31")
    invitation = Invitation.objects.get()
    assert InvitationAssignment.objects.filter(invitation=invitation).count() == 2
    assert not Enrollment.objects.exists()

    user = invitation_accept(invitation=invitation, acting_user=None, password="x-long-pass-42")

    rows = Enrollment.objects.filter(officer=user)
    assert {(e.curriculum_id, e.due_on) for e in rows} == {
        (first.pk, dt.date(2026, 12, 31)),
        (second.pk, dt.date(2026, 12, 31)),
        (ruled.pk, dt.date(2026, 12, 25)),
    }
    assert {e.assigned_by for e in rows if e.curriculum_id != ruled.pk} == {liaison}
    notice = Notification.objects.get(kind="training_assigned", recipient=user)
    assert len(notice.context["assignments"]) == 3


def test_a_past_due_date_is_refused_on_the_form(client, liaison, department):
    response = _invite(
        client,
        liaison,
        department,
        curricula=[factories.CurriculumFactory().pk],
        due_on="2026-11-24",
    )

    assert response.status_code == 200
    assert "due_on" in response.context["form"].errors
    assert not Invitation.objects.exists()
