"""MFA enforcement: privileged users without an authenticator reach only MFA set-up."""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    SECRET_SESSION_KEY,
    format_hotp_value,
    hotp_value,
    yield_hotp_counters_from_time,
)
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.services import api_token_create
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_mfa(settings):
    settings.REPAIR_REQUIRE_MFA = True


def _privileged_users(liaison, staff_user):
    facilitator = factories.UserFactory(is_facilitator=True)
    partner = factories.PartnerMembershipFactory().user
    return [liaison, facilitator, partner, staff_user]


@pytest.mark.usefixtures("require_mfa")
@pytest.mark.parametrize(
    "path", ["/", "/department/roster/invite/", "/accounts/tokens/", "/admin/"]
)
def test_privileged_user_without_authenticator_is_sent_to_setup(client, liaison, staff_user, path):
    for user in _privileged_users(liaison, staff_user):
        client.force_login(user)

        response = client.get(path)

        assert response.status_code == 302, user
        assert response["Location"] == reverse("mfa_activate_totp")


@pytest.mark.usefixtures("require_mfa")
def test_api_answers_403_json_for_session_and_token(client, liaison):
    client.force_login(liaison)
    session_response = client.get("/api/v1/me/")
    client.logout()
    _token, key = api_token_create(user=liaison, name="t", days=None, acting_user=liaison)
    token_response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")

    for response in (session_response, token_response):
        assert response.status_code == 403
        assert response["Content-Type"] == "application/json"
        assert "multi-factor" in response.json()["detail"]
    assert (
        AuditEvent.objects.filter(action="access.denied", data__reason="mfa_required").count() == 2
    )


@pytest.mark.usefixtures("require_mfa")
def test_setup_reauthentication_and_logout_stay_reachable(client, liaison):
    client.force_login(liaison)

    assert client.get(reverse("mfa_index")).status_code == 200
    assert client.get(reverse("account_reauthenticate")).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302
    assert "_auth_user_id" not in client.session


@pytest.mark.usefixtures("require_mfa")
def test_officer_is_not_asked_for_mfa(client, officer):
    client.force_login(officer)

    assert client.get("/accounts/tokens/").status_code == 200


@pytest.mark.usefixtures("require_mfa")
def test_with_authenticator_every_page_opens(client, liaison):
    Authenticator.objects.create(user=liaison, type=Authenticator.Type.TOTP, data={"secret": "x"})
    client.force_login(liaison)

    assert client.get("/department/roster/invite/").status_code == 200


def test_setting_off_requires_nothing(client, liaison):
    client.force_login(liaison)

    assert client.get("/department/roster/invite/").status_code == 200


@pytest.mark.usefixtures("require_mfa")
def test_activating_totp_through_allauth_opens_the_portal_and_is_audited(
    client, liaison, django_capture_on_commit_callbacks
):
    client.post(reverse("account_login"), {"login": liaison.email, "password": PASSWORD})
    assert client.get(reverse("mfa_activate_totp"))["Location"].startswith(
        reverse("account_reauthenticate")
    )
    client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    secret = client.session[SECRET_SESSION_KEY]
    code = format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mfa_activate_totp"), {"code": code})

    assert Authenticator.objects.filter(user=liaison, type="totp").exists()
    assert AuditEvent.objects.filter(action="mfa.added", actor=liaison).exists()
    assert client.get("/department/roster/invite/").status_code == 200
