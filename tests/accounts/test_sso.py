"""Agency SSO rules that need no identity provider: who a sign-in resolves to, password sign-in
turned off per department, the IdP's MFA standing for ours only where accepted, secrets never
shown back in the admin. (Sign-ins through real IdPs: tests/e2e/test_sso.py.)"""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.utils import timezone

from accounts.middleware import IDP_MFA_SESSION_KEY
from accounts.models import Invitation, Membership, SSOProvider
from accounts.sso import SSOIdentity, SSORefused, sso_identity, sso_login_resolve
from repair import clock
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def provider(department):
    return SSOProvider.objects.create(
        department=department,
        protocol=SSOProvider.Protocol.OIDC,
        slug="demo-city",
        name="Demo City PD",
        issuer_url="https://login.example.gov/tenant",
        client_id="repair",
        client_secret="s3cret-value",
        email_domains="democitypd.gov, @dcpd.org",
    )


def _identity(email: str, *, verified: bool = True) -> SSOIdentity:
    return SSOIdentity(email=email, email_verified=verified, mfa=False)


def test_a_rostered_officer_resolves_to_their_account(provider, department):
    officer = factories.officer(department, email="ana@dcpd.org")

    assert (
        sso_login_resolve(provider=provider, identity=_identity("ana@dcpd.org"), ip=None) == officer
    )


@pytest.mark.parametrize(
    ("email", "verified", "reason"),
    [
        ("ana@democitypd.gov", False, "email_unverified"),
        ("ana@gmail.com", True, "domain_not_vouched"),
        ("nobody@democitypd.gov", True, "not_on_roster"),
    ],
)
def test_refusals(provider, department, email, verified, reason):
    factories.officer(department, email="ana@gmail.com")

    with pytest.raises(SSORefused) as refused:
        sso_login_resolve(provider=provider, identity=_identity(email, verified=verified), ip=None)

    assert refused.value.reason == reason


def test_an_officer_of_another_department_or_separated_is_refused(
    provider, department, other_department
):
    factories.officer(other_department, email="bo@democitypd.gov")
    separated = factories.officer(department, email="cy@democitypd.gov")
    Membership.objects.filter(user=separated).update(
        status=Membership.Status.SEPARATED, separated_on=clock.today(department)
    )

    for email in ("bo@democitypd.gov", "cy@democitypd.gov"):
        with pytest.raises(SSORefused):
            sso_login_resolve(provider=provider, identity=_identity(email), ip=None)


def test_an_invited_person_is_let_in_and_the_invitation_accepted(provider, department, liaison):
    invitation = Invitation.objects.create(
        email="new.hire@democitypd.gov",
        role=Invitation.Role.OFFICER,
        department=department,
        key_hash="x" * 64,
        invited_by=liaison,
        expires_at=timezone.now() + dt.timedelta(days=7),
    )

    user = sso_login_resolve(
        provider=provider, identity=_identity("new.hire@democitypd.gov"), ip=None
    )

    invitation.refresh_from_db()
    assert invitation.accepted_by == user
    assert Membership.objects.filter(user=user, department=department, status="active").exists()
    assert not user.has_usable_password()


def _sociallogin(protocol: str, extra_data: dict, email: str):
    return SimpleNamespace(
        provider=SimpleNamespace(id=protocol),
        account=SimpleNamespace(provider="x", extra_data=extra_data),
        user=SimpleNamespace(email=email),
    )


@pytest.mark.parametrize(
    ("amr", "mfa"),
    [(["pwd"], False), (["pwd", "otp"], True), (["mfa"], True), (["hwk"], True), ([], False)],
)
def test_oidc_amr_tells_whether_the_idp_used_mfa(amr, mfa):
    login = _sociallogin(
        "openid_connect", {"id_token": {"amr": amr, "email_verified": True}}, "a@x.gov"
    )

    assert sso_identity(login) == SSOIdentity(email="a@x.gov", email_verified=True, mfa=mfa)


def test_saml_authn_context_tells_whether_the_idp_used_mfa():
    mfa = _sociallogin("saml", {"_authn_contexts": ["https://refeds.org/profile/mfa"]}, "a@x.gov")
    pwd = _sociallogin(
        "saml",
        {"_authn_contexts": ["urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"]},
        "a@x.gov",
    )

    assert sso_identity(mfa).mfa is True
    assert sso_identity(pwd).mfa is False


def test_password_sign_in_is_refused_where_the_department_turned_it_off(
    client, provider, department
):
    officer = factories.officer(department, email="ana@democitypd.gov")
    provider.password_login_allowed = False
    provider.save(update_fields=["password_login_allowed"])

    response = client.post(
        "/accounts/login/",
        {"login": officer.email, "password": factories.PASSWORD},
        follow=True,
    )

    assert "_auth_user_id" not in client.session
    assert "Your department signs in through Demo City PD" in response.content.decode()


def test_password_sign_in_still_works_where_allowed(client, provider, department):
    officer = factories.officer(department, email="ana@democitypd.gov")

    client.post("/accounts/login/", {"login": officer.email, "password": factories.PASSWORD})

    assert client.session["_auth_user_id"] == str(officer.pk)


def test_the_idp_mfa_mark_lets_a_liaison_past_the_mfa_requirement(
    client, settings, department, liaison
):
    settings.REPAIR_REQUIRE_MFA = True
    client.force_login(liaison)
    assert client.get("/department/").status_code == 302  # to MFA set-up

    session = client.session
    session[IDP_MFA_SESSION_KEY] = True
    session.save()

    assert client.get("/department/").status_code == 200


def test_sign_in_page_lists_the_providers_and_allows_their_redirects(client, provider):
    response = client.get("/accounts/login/")

    assert "Sign in with Demo City PD" in response.content.decode()
    assert "form-action 'self' https://login.example.gov" in response["Content-Security-Policy"]


def test_admin_never_shows_the_client_secret_and_keeps_it_when_left_blank(
    client, staff_user, provider
):
    client.force_login(staff_user)
    url = f"/admin/accounts/ssoprovider/{provider.pk}/change/"

    page = client.get(url).content.decode()
    assert "s3cret-value" not in page
    assert "set (hidden)" in page

    form = {
        "department": provider.department_id,
        "protocol": "openid_connect",
        "name": "Demo City PD (Entra ID)",
        "slug": "demo-city",
        "is_active": "on",
        "issuer_url": provider.issuer_url,
        "client_id": "repair",
        "client_secret": "",
        "email_domains": "democitypd.gov",
        "password_login_allowed": "on",
    }
    assert client.post(url, form).status_code == 302
    provider.refresh_from_db()
    assert (provider.name, provider.client_secret) == ("Demo City PD (Entra ID)", "s3cret-value")
