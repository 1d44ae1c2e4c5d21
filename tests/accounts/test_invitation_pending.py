"""Pending invitations: the liaison sees them, resends or revokes them; the roster says who has
not joined yet; the names the liaison typed start the acceptance form."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation
from accounts.services import invitation_create

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(liaison, department):
    invitation, key = invitation_create(
        email="rosa@example.test",
        role=Invitation.Role.OFFICER,
        acting_user=liaison,
        department=department,
        first_name="Rosa",
        last_name="Parks",
        badge_number="B-1955",
    )
    return invitation, key


def test_liaison_sees_resends_and_revokes_pending_invitations(client, liaison, pending):
    invitation, old_key = pending
    client.force_login(liaison)

    page = client.get(reverse("roster:invite")).content.decode()
    assert "1 pending invitation" in page and "rosa@example.test" in page and "B-1955" in page
    roster = client.get(reverse("department:roster")).content.decode()
    assert "1 invited officer has not joined yet" in roster

    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        client.post(reverse("roster:invitation_resend", args=[invitation.pk]))
    # The open invitation is sent again in place: a new link, the old one dead.
    fresh = Invitation.objects.get(email="rosa@example.test", revoked_at__isnull=True)
    assert fresh.pk == invitation.pk and fresh.key_hash != invitation.key_hash
    assert (fresh.first_name, fresh.last_name, fresh.badge_number) == ("Rosa", "Parks", "B-1955")
    assert client.get(f"/invite/{old_key}/").status_code == 404

    client.post(reverse("roster:invitation_revoke", args=[fresh.pk]))
    fresh.refresh_from_db()
    assert fresh.revoked_at is not None
    assert "0 pending invitations" in client.get(reverse("roster:invite")).content.decode()


def test_another_departments_liaison_cannot_touch_the_invitation(client, other_liaison, pending):
    invitation, _key = pending
    client.force_login(other_liaison)

    assert client.post(reverse("roster:invitation_revoke", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def test_the_acceptance_form_starts_with_the_names_the_liaison_typed(client, pending):
    _invitation, key = pending

    page = client.get(f"/invite/{key}/").content.decode()

    assert 'value="Rosa"' in page and 'value="Parks"' in page
