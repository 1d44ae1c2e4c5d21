"""In headless Chromium, agency single sign-on against real identity providers on loopback:
an OpenID Connect provider (django-oauth-toolkit) and a SAML 2.0 IdP (pysaml2, signing with
xmlsec1), each in its own process. Officers on a department's roster sign in through their
department's provider; a person not on the roster is refused; the provider's MFA counts only
where the department says so."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount
from django.core.cache import cache

from accounts.models import AuditEvent, SSOProvider, User
from tests import factories
from tests.e2e.conftest import serious_axe_violations
from tests.integrations.counterparts.process import free_port, python_counterpart

pytestmark = [pytest.mark.e2e, pytest.mark.counterpart]

OIDC_SLUG = "demo-city-entra"
SAML_SLUG = "harbor-county-saml"
IDP_PASSWORD = "agency-directory-pass"
MFA_AMR = ["pwd", "otp", "mfa"]
OIDC_SECRET = "client-secret-for-the-test-provider"


@pytest.fixture(scope="module")
def idps(live_server, tmp_path_factory):
    """Both identity providers, started once for the module (the portal's URL is stable)."""
    ports = {"oidc": free_port(), "saml": free_port()}
    logs = tmp_path_factory.mktemp("idps")
    oidc = python_counterpart(
        "tests.integrations.counterparts.oidc_provider",
        {
            "port": ports["oidc"],
            "client": {
                "id": "repair-portal",
                "secret": OIDC_SECRET,
                "redirect_uris": [f"{live_server.url}/accounts/oidc/{OIDC_SLUG}/login/callback/"],
            },
            "people": [
                _idp_person("ana", "ana.diaz@democitypd.gov", amr=["pwd"]),
                _idp_person("lee", "lee.park@democitypd.gov", amr=MFA_AMR),
                _idp_person("eve", "eve.stranger@democitypd.gov", amr=["pwd"]),
            ],
        },
        logs / "oidc.log",
        "oidc provider ready",
    )
    saml = python_counterpart(
        "tests.integrations.counterparts.saml_idp",
        {
            "port": ports["saml"],
            "people": [
                _idp_person("sam", "sam.ito@harborso.org"),
                _idp_person("mallory", "mallory@harborso.org"),
            ],
        },
        logs / "saml.log",
        "saml idp ready",
    )
    oidc.start()
    saml.start()
    yield ports
    oidc.stop()
    saml.stop()


@pytest.fixture
def sso_world(transactional_db, live_server, settings, idps):
    settings.SITE_URL = live_server.url
    cache.clear()  # allauth caches IdP metadata
    demo = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    harbor = factories.DepartmentFactory(name="Harbor County Sheriff's Office", state="FL")
    people = {
        "oidc_officer": factories.officer(demo, email="ana.diaz@democitypd.gov"),
        "oidc_liaison": factories.liaison(demo, email="lee.park@democitypd.gov"),
        "saml_officer": factories.officer(harbor, email="sam.ito@harborso.org"),
    }
    SSOProvider.objects.create(
        department=demo,
        protocol=SSOProvider.Protocol.OIDC,
        slug=OIDC_SLUG,
        name="Demo City PD (Entra ID)",
        issuer_url=f"http://127.0.0.1:{idps['oidc']}/o",
        client_id="repair-portal",
        client_secret=OIDC_SECRET,
        email_domains="democitypd.gov",
        idp_mfa_satisfies_requirement=True,
    )
    SSOProvider.objects.create(
        department=harbor,
        protocol=SSOProvider.Protocol.SAML,
        slug=SAML_SLUG,
        name="Harbor County (SAML)",
        idp_entity_id=f"http://127.0.0.1:{idps['saml']}/metadata",
        idp_metadata_url=f"http://127.0.0.1:{idps['saml']}/metadata",
        email_domains="harborso.org",
    )
    return people


def _idp_person(username: str, email: str, **extra) -> dict:
    first, _, last = email.partition("@")[0].partition(".")
    return {
        "username": username,
        "email": email,
        "password": IDP_PASSWORD,
        "first_name": first.title(),
        "last_name": last.title(),
        **extra,
    }


def _sign_in_through(page, base_url: str, button: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.get_by_role("button", name=f"Sign in with {button}").click()
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(IDP_PASSWORD)
    page.get_by_role("button", name="Sign in to the agency").click()
    page.wait_for_load_state("networkidle")


def test_officer_signs_in_through_the_departments_oidc_provider(browser, sso_world, live_server):
    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{live_server.url}/accounts/login/")
    assert serious_axe_violations(page) == []

    _sign_in_through(page, live_server.url, "Demo City PD (Entra ID)", "ana")

    assert page.url.startswith(f"{live_server.url}/learn/")
    assert page.get_by_role("button", name="Sign out").is_visible()
    officer = sso_world["oidc_officer"]
    account = SocialAccount.objects.get(user=officer)
    assert (account.provider, account.extra_data["id_token"]["email"]) == (
        OIDC_SLUG,
        "ana.diaz@democitypd.gov",
    )
    assert AuditEvent.objects.filter(action="sso.linked", actor=officer).count() == 1


def test_officer_signs_in_through_the_departments_saml_idp(browser, sso_world, live_server):
    page = browser.new_context(locale="en-US").new_page()

    _sign_in_through(page, live_server.url, "Harbor County (SAML)", "sam")

    assert page.url.startswith(f"{live_server.url}/learn/")
    assert page.get_by_role("button", name="Sign out").is_visible()
    account = SocialAccount.objects.get(user=sso_world["saml_officer"])
    assert account.provider == SAML_SLUG
    # The IdP's signed `mail` attribute (eduPerson OID), and how the sign-in was made.
    assert account.extra_data["urn:oid:0.9.2342.19200300.100.1.3"] == ["sam.ito@harborso.org"]
    assert account.extra_data["_authn_contexts"] == [
        "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"
    ]


@pytest.mark.parametrize(
    ("button", "username", "email"),
    [
        ("Demo City PD (Entra ID)", "eve", "eve.stranger@democitypd.gov"),
        ("Harbor County (SAML)", "mallory", "mallory@harborso.org"),
    ],
)
def test_a_person_not_on_the_roster_is_refused(
    browser, sso_world, live_server, button, username, email
):
    users_before = User.objects.count()
    page = browser.new_context(locale="en-US").new_page()

    _sign_in_through(page, live_server.url, button, username)

    assert page.get_by_role("heading", name="Sign-in refused").is_visible()
    assert "not on this department's roster" in page.content()
    assert serious_axe_violations(page) == []
    assert not page.get_by_role("button", name="Sign out").is_visible()
    assert User.objects.count() == users_before
    assert not User.objects.filter(email=email).exists()
    assert not SocialAccount.objects.exists()
    refused = AuditEvent.objects.get(action="sso.refused")
    assert refused.data["reason"] == "not_on_roster"


def test_idp_mfa_stands_for_ours_where_the_department_accepts_it(
    browser, sso_world, live_server, settings
):
    settings.REPAIR_REQUIRE_MFA = True
    page = browser.new_context(locale="en-US").new_page()

    _sign_in_through(page, live_server.url, "Demo City PD (Entra ID)", "lee")
    page.goto(f"{live_server.url}/department/")

    assert page.url == f"{live_server.url}/department/"
    assert "/2fa/" not in page.url
