"""LTI 1.3 tool: what the browser test does not show. A launch whose id_token is not signed by
the platform's key is refused (checked against the real platform's JWKS); the tool's keys
rotate with the old one still published for a grace period; the registration page gives an LMS
administrator the tool's URLs."""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlsplit

import jwt
import pytest
import requests
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from accounts.models import User
from integrations.lti.tool import tool_jwks, tool_key_current, tool_key_rotate
from integrations.models import LtiPlatform, LtiToolKey
from tests import factories
from tests.integrations.counterparts.process import free_port, python_counterpart

pytestmark = pytest.mark.counterpart
SITE = "http://testserver"
CLIENT_ID, DEPLOYMENT_ID = "repair-tool-1", "deployment-1"


@pytest.fixture(scope="module")
def platform(tmp_path_factory):
    port = free_port()
    process = python_counterpart(
        "tests.integrations.counterparts.lti_platform",
        {
            "port": port,
            "client_id": CLIENT_ID,
            "deployment_id": DEPLOYMENT_ID,
            "tool": {
                "login": f"{SITE}/lti/login/",
                "launch": f"{SITE}/lti/launch/",
                "jwks": f"{SITE}/lti/jwks/",
            },
            "people": {},
        },
        tmp_path_factory.mktemp("lti") / "platform.log",
        "lti platform ready",
    ).start()
    yield f"http://localhost:{port}"
    process.stop()


@pytest.fixture
def registered(db, settings, platform, department):
    settings.SITE_URL = SITE
    return LtiPlatform.objects.create(
        department=department,
        name="Demo City Moodle",
        issuer=platform,
        client_id=CLIENT_ID,
        deployment_ids=DEPLOYMENT_ID,
        auth_login_url=f"{platform}/authorize/",
        auth_token_url=f"{platform}/token/",
        key_set_url=f"{platform}/jwks/",
    )


def _forged_id_token(platform: str, nonce: str) -> str:
    """A launch with every claim right, signed by a key that is not the platform's."""
    kid = requests.get(f"{platform}/jwks/", timeout=10).json()["keys"][0]["kid"]
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    now = int(time.time())
    claims = {
        "iss": platform,
        "aud": CLIENT_ID,
        "sub": "lms-user-42",
        "email": "officer@example.test",
        "nonce": nonce,
        "iat": now,
        "exp": now + 300,
        "https://purl.imsglobal.org/spec/lti/claim/message_type": "LtiResourceLinkRequest",
        "https://purl.imsglobal.org/spec/lti/claim/version": "1.3.0",
        "https://purl.imsglobal.org/spec/lti/claim/deployment_id": DEPLOYMENT_ID,
        "https://purl.imsglobal.org/spec/lti/claim/target_link_uri": f"{SITE}/lti/launch/",
        "https://purl.imsglobal.org/spec/lti/claim/resource_link": {"id": "unit-1"},
        "https://purl.imsglobal.org/spec/lti/claim/roles": [],
    }
    return jwt.encode(claims, pem, algorithm="RS256", headers={"kid": kid})


def test_a_launch_not_signed_by_the_platform_is_refused(client, registered, officer):
    start = client.get(
        "/lti/login/",
        {
            "iss": registered.issuer,
            "client_id": CLIENT_ID,
            "login_hint": "lms-user-42",
            "target_link_uri": f"{SITE}/lti/launch/",
            "lti_message_hint": "unit-1",
        },
    )
    assert start.status_code == 302
    auth = parse_qs(urlsplit(start["Location"]).query)
    assert auth["redirect_uri"] == [f"{SITE}/lti/launch/"]

    response = client.post(
        "/lti/launch/",
        {
            "id_token": _forged_id_token(registered.issuer, auth["nonce"][0]),
            "state": auth["state"][0],
        },
    )

    assert response.status_code == 400
    assert "could not be verified" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert User.objects.filter(pk=officer.pk, last_login__isnull=True).exists()


def test_login_initiation_refuses_a_foreign_target(client, registered):
    response = client.get(
        "/lti/login/",
        {
            "iss": registered.issuer,
            "client_id": CLIENT_ID,
            "login_hint": "x",
            "target_link_uri": "https://evil.example/phish",
        },
    )
    assert response.status_code == 400


def test_tool_keys_rotate_and_the_replaced_one_stays_published_until_the_next(db):
    first = tool_key_current()
    assert [k["kid"] for k in tool_jwks()["keys"]] == [first.kid]

    second = tool_key_rotate()
    assert [k["kid"] for k in tool_jwks()["keys"]] == [second.kid, first.kid]
    assert tool_key_current() == second

    third = tool_key_rotate()
    assert [k["kid"] for k in tool_jwks()["keys"]] == [third.kid, second.kid]
    assert LtiToolKey.objects.get(pk=first.pk).retired_at is not None
    assert all("d" not in key for key in tool_jwks()["keys"])  # no private part leaves


def test_the_jwks_endpoint_serves_the_live_public_keys(client, db):
    key = tool_key_current()

    body = client.get("/lti/jwks/").json()

    assert body == {"keys": [key.public_jwk]}
    assert {"kty", "n", "e", "kid"} <= set(body["keys"][0])


def test_the_admin_shows_the_urls_to_register_in_the_lms(client, registered, staff_user):
    client.force_login(staff_user)

    page = client.get(f"/admin/integrations/ltiplatform/{registered.pk}/change/").content.decode()

    assert f"{SITE}/lti/login/" in page
    assert f"{SITE}/lti/launch/" in page
    assert f"{SITE}/lti/jwks/" in page


def test_an_unknown_platform_cannot_start_a_login(client, db, settings):
    settings.SITE_URL = SITE
    factories.DepartmentFactory()

    response = client.get(
        "/lti/login/",
        {
            "iss": "https://unknown-lms.example",
            "client_id": "x",
            "login_hint": "y",
            "target_link_uri": f"{SITE}/lti/launch/",
        },
    )

    assert response.status_code == 400
