"""Session idle timeout and absolute lifetime for privileged roles; separation and
deactivation end every session and API token of the user."""

from __future__ import annotations

import time

import pytest
from django.test import Client
from django.urls import reverse

from accounts.middleware import AUTH_AT, SEEN_AT
from accounts.models import ApiToken, AuditEvent, Membership, UserBoundSession
from accounts.selectors import api_token_user_get
from accounts.services import api_token_create, user_deactivate
from curriculum.models import Enrollment
from tests import factories

pytestmark = pytest.mark.django_db
PAGE = "/accounts/tokens/"


def _age_session(client, *, seen_ago: float, auth_ago: float) -> None:
    session = client.session
    now = time.time()
    session[SEEN_AT] = now - seen_ago
    session[AUTH_AT] = now - auth_ago
    session.save()


def test_login_stamps_and_tracks_the_session(client, liaison):
    client.force_login(liaison)

    assert time.time() - client.session[AUTH_AT] < 5
    assert UserBoundSession.objects.get(user=liaison).session_key == client.session.session_key


def test_idle_privileged_session_ends(client, liaison, settings):
    settings.REPAIR_SESSION_IDLE_SECONDS = 30 * 60
    client.force_login(liaison)
    _age_session(client, seen_ago=30 * 60 + 5, auth_ago=30 * 60 + 5)

    response = client.get(PAGE)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="session.expired").data == {"reason": "idle"}


def test_recently_active_privileged_session_continues_and_is_refreshed(client, liaison):
    client.force_login(liaison)
    _age_session(client, seen_ago=29 * 60, auth_ago=60 * 60)

    response = client.get(PAGE)

    assert response.status_code == 200
    assert time.time() - client.session[SEEN_AT] < 5


def test_absolute_lifetime_ends_an_active_session(client, staff_user, settings):
    settings.REPAIR_SESSION_MAX_SECONDS = 12 * 60 * 60
    client.force_login(staff_user)
    _age_session(client, seen_ago=10, auth_ago=12 * 60 * 60 + 1)

    response = client.get(PAGE)

    assert response.status_code == 302
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.get(action="session.expired").data == {"reason": "lifetime"}


def test_expired_api_session_answers_401(client, liaison):
    client.force_login(liaison)
    _age_session(client, seen_ago=31 * 60, auth_ago=31 * 60)

    response = client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response["Content-Type"] == "application/json"


def test_officer_sessions_have_no_idle_timeout(client, officer):
    client.force_login(officer)
    _age_session(client, seen_ago=3 * 60 * 60, auth_ago=3 * 60 * 60)

    assert client.get(PAGE).status_code == 200


def test_separation_ends_sessions_and_tokens_and_keeps_training(
    client, liaison, officer, department
):
    enrollment = factories.EnrollmentFactory(officer=officer, department=department)
    phone, desk = Client(), Client()
    phone.force_login(officer)
    desk.force_login(officer)
    _token, key = api_token_create(user=officer, name="t", days=30, acting_user=officer)
    membership = Membership.objects.get(user=officer, role="officer")
    client.force_login(liaison)

    response = client.post(reverse("roster:separate", args=[membership.pk]))

    assert response.status_code == 302
    membership.refresh_from_db()
    assert membership.status == "separated"
    assert membership.separated_on is not None
    assert phone.get(PAGE).status_code == 302
    assert desk.get(PAGE).status_code == 302
    assert not UserBoundSession.objects.filter(user=officer).exists()
    assert ApiToken.objects.get(user=officer).revoked_at is not None
    assert api_token_user_get(key=key) is None
    assert Enrollment.objects.filter(pk=enrollment.pk, officer=officer).exists()
    assert int(client.session["_auth_user_id"]) == liaison.pk  # the liaison stays signed in
    event = AuditEvent.objects.get(action="roster.separated")
    assert (event.actor, event.department) == (liaison, department)


def test_deactivation_ends_sessions(staff_user, officer):
    other = Client()
    other.force_login(officer)
    key = other.session.session_key

    user_deactivate(user=officer, acting_user=staff_user)

    assert not UserBoundSession.objects.filter(session_key=key).exists()
    assert other.get(PAGE).status_code == 302


def test_logout_forgets_the_tracked_session(client, officer):
    client.force_login(officer)

    client.post(reverse("account_logout"))

    assert not UserBoundSession.objects.filter(user=officer).exists()


def test_deactivating_in_the_admin_ends_sessions(client, staff_user, officer):
    other = Client()
    other.force_login(officer)
    client.force_login(staff_user)

    client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [officer.pk]},
    )

    officer.refresh_from_db()
    assert officer.is_active is False
    assert not UserBoundSession.objects.filter(user=officer).exists()
    assert other.get(PAGE).status_code == 302
    assert AuditEvent.objects.filter(action="user.deactivated", object_id=str(officer.pk)).exists()


def test_separation_revokes_open_invitations(liaison, department):
    from accounts.models import Invitation
    from accounts.selectors import invitation_get_usable
    from accounts.services import invitation_create, membership_separate

    invitation, key = invitation_create(
        email="late@example.test", role="officer", department=department, acting_user=liaison
    )
    user = factories.officer(department, email="late@example.test")
    membership = Membership.objects.get(user=user)

    membership_separate(membership=membership, acting_user=liaison)

    assert invitation_get_usable(key=key) is None
    assert Invitation.objects.get(pk=invitation.pk).revoked_at is not None
