"""Invitations: who may invite whom, single use, expiry, scope, acceptance."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Invitation, Membership, User
from accounts.services import invitation_create, invitation_link
from accounts.tokens import token_key_hash
from partners.models import PartnerMembership
from tests import factories
from worker.models import Notification

pytestmark = pytest.mark.django_db


def _invite_officer(liaison, department, email="new.officer@example.test", **extra):
    return invitation_create(
        email=email,
        role=Invitation.Role.OFFICER,
        department=department,
        first_name="Nia",
        last_name="Long",
        badge_number="B-77",
        acting_user=liaison,
        **extra,
    )


def _accept_form(client, key, password="a-long-enough-secret-42"):
    return client.post(
        reverse("invitation_accept", args=[key]),
        {"first_name": "Nia", "last_name": "Long", "password1": password, "password2": password},
    )


def test_liaison_invites_officer_queues_email_with_link_and_stores_only_hash(
    liaison, department, settings
):
    settings.SITE_URL = "https://repair.example.org"

    invitation, key = _invite_officer(liaison, department)

    assert invitation.key_hash == token_key_hash(key)
    assert key not in str(Invitation.objects.filter(pk=invitation.pk).values().get())
    assert invitation.expires_at - invitation.created_at == dt.timedelta(days=7)
    notification = Notification.objects.get(dedupe_key=f"invitation:{invitation.pk}")
    assert notification.kind == "invitation"
    assert notification.to_email == "new.officer@example.test"
    assert notification.context["link"] == f"https://repair.example.org/invite/{key}/"
    assert notification.context["organization"] == department.name
    assert AuditEvent.objects.filter(
        action="invitation.sent", object_id=str(invitation.pk)
    ).exists()


def test_liaison_may_invite_only_officers_of_own_department(liaison, department, other_department):
    with pytest.raises(PermissionDenied):
        _invite_officer(liaison, other_department)
    with pytest.raises(PermissionDenied):
        invitation_create(
            email="x@example.test", role="liaison", department=department, acting_user=liaison
        )
    with pytest.raises(PermissionDenied):
        invitation_create(email="f@example.test", role="facilitator", acting_user=liaison)

    assert Invitation.objects.count() == 0
    assert Notification.objects.count() == 0


def test_officer_on_another_roster_is_invited_without_telling_the_liaison(
    liaison, department, other_department
):
    """The liaison learns nothing about other rosters (issue 15 row 12); the officer is told
    on accepting (tests/test_security_round2_access.py)."""
    factories.officer(other_department, email="taken@example.test")

    _invite_officer(liaison, department, email="taken@example.test")

    assert Invitation.objects.filter(email="taken@example.test").count() == 1


def test_accepting_creates_user_membership_and_signs_in(client, liaison, department):
    invitation, key = _invite_officer(liaison, department)

    response = _accept_form(client, key)

    assert response.status_code == 302
    user = User.objects.get(email="new.officer@example.test")
    assert user.check_password("a-long-enough-secret-42")
    assert (user.first_name, user.last_name) == ("Nia", "Long")
    membership = Membership.objects.get(user=user)
    assert (membership.department, membership.role, membership.badge_number) == (
        department,
        "officer",
        "B-77",
    )
    assert EmailAddress.objects.get(user=user).verified is True
    assert int(client.session["_auth_user_id"]) == user.pk
    invitation.refresh_from_db()
    assert invitation.accepted_by == user


def test_invitation_link_is_single_use(client, liaison, department):
    _invitation, key = _invite_officer(liaison, department)
    _accept_form(client, key)
    client.logout()

    # Within the first minute a second form is the same person's other tab: sent to sign in.
    soon = _accept_form(client, key, password="another-long-secret-43")
    with time_machine.travel(timezone.now() + dt.timedelta(minutes=2)):
        later = _accept_form(client, key, password="another-long-secret-43")

    assert (soon.status_code, soon["Location"]) == (302, reverse("account_login"))
    assert later.status_code == 404
    assert User.objects.get(email="new.officer@example.test").check_password(
        "a-long-enough-secret-42"
    )


def test_expired_invitation_is_refused(client, liaison, department):
    invitation, key = _invite_officer(liaison, department)
    Invitation.objects.filter(pk=invitation.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    assert client.get(reverse("invitation_accept", args=[key])).status_code == 404
    assert _accept_form(client, key).status_code == 404
    assert not User.objects.filter(email="new.officer@example.test").exists()


def test_repeated_invitation_resends_the_open_one(client, liaison, department):
    first, first_key = _invite_officer(liaison, department)
    Invitation.objects.filter(pk=first.pk).update(sent_at=first.sent_at - dt.timedelta(minutes=2))
    second, second_key = _invite_officer(liaison, department)

    assert second.pk == first.pk
    assert Invitation.objects.filter(email=first.email, revoked_at__isnull=True).count() == 1
    assert Notification.objects.filter(kind="invitation", to_email=first.email).count() == 2
    assert AuditEvent.objects.filter(action="invitation.resent").count() == 1
    assert client.get(reverse("invitation_accept", args=[first_key])).status_code == 404
    assert client.get(reverse("invitation_accept", args=[second_key])).status_code == 200


def test_the_same_invitation_sent_twice_in_a_row_emails_once(liaison, department):
    first, first_key = _invite_officer(liaison, department)
    second, second_key = _invite_officer(liaison, department)  # a double click

    assert (second.pk, second_key) == (first.pk, "")
    assert Notification.objects.filter(kind="invitation", to_email=first.email).count() == 1
    assert Invitation.objects.get(pk=first.pk).key_hash == token_key_hash(first_key)


def test_import_invitation_replaces_the_open_one(liaison, department):
    from accounts.roster import RosterRow, _invitations_write

    first, _key = _invite_officer(liaison, department)
    row = RosterRow(
        line=2, email=first.email, first_name="N", last_name="L", badge_number="", rank=""
    )

    assert _invitations_write([row], department, liaison) == 1

    first.refresh_from_db()
    assert first.revoked_at is not None
    assert Invitation.objects.filter(email=first.email, revoked_at__isnull=True).count() == 1


def test_existing_account_must_sign_in_to_accept(client, staff_user, department):
    person = factories.UserFactory(email="known@example.test")
    _invitation, key = invitation_create(
        email="known@example.test", role="liaison", department=department, acting_user=staff_user
    )

    page = client.get(reverse("invitation_accept", args=[key]))
    assert page.status_code == 200
    assert "Sign in to accept" in page.content.decode()
    assert _accept_form(client, key).status_code == 200
    assert not Membership.objects.filter(user=person).exists()

    client.force_login(person)
    response = client.post(reverse("invitation_accept", args=[key]))

    assert response.status_code == 302
    assert Membership.objects.get(user=person).role == "liaison"


def test_staff_invites_facilitator_and_partner_reviewer(client, staff_user):
    partner = factories.PartnerOrganizationFactory()
    _i, fac_key = invitation_create(
        email="fac@example.test", role="facilitator", acting_user=staff_user
    )
    _j, par_key = invitation_create(
        email="par@example.test", role="partner", partner=partner, acting_user=staff_user
    )

    _accept_form(client, fac_key)
    client.logout()
    _accept_form(client, par_key)

    assert User.objects.get(email="fac@example.test").is_facilitator is True
    assert PartnerMembership.objects.get(user__email="par@example.test").partner == partner


def test_roster_invite_page_other_department_is_404(client, liaison, department, other_department):
    client.force_login(liaison)

    response = client.post(
        reverse("roster:invite"),
        {
            "department": other_department.pk,
            "email": "sneaky@example.test",
            "first_name": "A",
            "last_name": "B",
        },
    )

    assert response.status_code == 404
    assert Invitation.objects.count() == 0
    assert AuditEvent.objects.get(action="access.denied").data["reason"] == (
        "department_out_of_scope"
    )


def test_roster_invite_page_sends_invitation(client, liaison, department):
    client.force_login(liaison)

    response = client.post(
        reverse("roster:invite"),
        {
            "department": department.pk,
            "email": "Page@Example.test",
            "first_name": "A",
            "last_name": "B",
        },
    )

    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.department, invitation.invited_by) == (
        "page@example.test",
        department,
        liaison,
    )


@pytest.mark.parametrize("who", ["officer", "anonymous", "other_liaison"])
def test_roster_pages_refuse_non_liaisons(client, who, officer, other_liaison, department):
    if who == "officer":
        client.force_login(officer)
    elif who == "other_liaison":
        client.force_login(other_liaison)
    membership = Membership.objects.get(user=officer)

    response = client.post(reverse("roster:separate", args=[membership.pk]))

    assert response.status_code == (302 if who == "anonymous" else 404)
    membership.refresh_from_db()
    assert membership.status == "active"


def test_staff_invite_page_is_404_for_liaison(client, liaison):
    client.force_login(liaison)

    response = client.post(
        reverse("staff_invite"), {"role": "facilitator", "email": "f@example.test"}
    )

    assert response.status_code == 404
    assert Invitation.objects.count() == 0


def test_invitation_email_renders_link_role_and_department(liaison, department):
    from worker.emails import notification_email

    invitation, key = _invite_officer(liaison, department)

    message = notification_email(Notification.objects.get(dedupe_key=f"invitation:{invitation.pk}"))

    assert message.subject == "You are invited to the REPAIR training portal"
    assert message.to == ["new.officer@example.test"]
    assert f"/invite/{key}/" in message.body
    assert f"as Officer for {department.name}" in message.body
    assert f'href="{invitation_link(key=key)}"' in message.alternatives[0][0]
