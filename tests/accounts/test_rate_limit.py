"""Login rate limits (allauth): the 11th failed sign-in from one address within a minute is
refused, through the admin too, with the client address taken behind trusted proxies."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from tests import factories
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db
REFUSED = "Too many failed login attempts"


def _login(client, email, password="wrong-password-123", **headers):
    return client.post(reverse("account_login"), {"login": email, "password": password}, **headers)


def _fail_ten_times(client, **headers):
    for i in range(10):
        response = _login(client, f"nobody{i}@example.test", **headers)
        assert response.status_code == 200
        assert REFUSED not in response.content.decode()


def test_eleventh_failed_login_from_one_address_is_refused_even_with_the_right_password(client):
    user = factories.UserFactory(email="real@example.test")
    _fail_ten_times(client)

    response = _login(client, user.email, PASSWORD)

    assert REFUSED in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="auth.login_failed").count() == 10


def test_admin_login_goes_through_allauth_and_its_limit(client):
    staff = factories.UserFactory(email="boss@example.test", is_staff=True, is_superuser=True)

    redirect = client.get("/admin/login/?next=/admin/")
    posted = client.post("/admin/login/", {"username": staff.email, "password": PASSWORD})
    _fail_ten_times(client)
    refused = client.post(
        redirect["Location"], {"login": staff.email, "password": PASSWORD}, follow=False
    )

    assert redirect.status_code == 302
    assert redirect["Location"] == "/accounts/login/?next=/admin/"
    assert posted.status_code == 302  # the admin's own form no longer authenticates
    assert REFUSED in refused.content.decode()
    assert "_auth_user_id" not in client.session


def test_spoofed_forwarded_for_does_not_reset_the_limit_without_trusted_proxies(client, settings):
    settings.REPAIR_TRUSTED_PROXIES = 0
    for i in range(10):
        _login(client, f"nobody{i}@example.test", HTTP_X_FORWARDED_FOR=f"203.0.113.{i}")

    response = _login(client, "x@example.test", HTTP_X_FORWARDED_FOR="198.51.100.7")

    assert REFUSED in response.content.decode()


def test_behind_a_trusted_proxy_the_limit_is_per_client(client, settings):
    settings.REPAIR_TRUSTED_PROXIES = 1
    _fail_ten_times(client, HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="10.0.0.2")

    same = _login(
        client, "x@example.test", HTTP_X_FORWARDED_FOR="203.0.113.5", REMOTE_ADDR="10.0.0.2"
    )
    other = _login(
        client, "x@example.test", HTTP_X_FORWARDED_FOR="203.0.113.6", REMOTE_ADDR="10.0.0.2"
    )

    assert REFUSED in same.content.decode()
    assert REFUSED not in other.content.decode()
    assert AuditEvent.objects.filter(action="auth.login_failed").last().client_ip == "203.0.113.6"


def test_successful_login_is_audited_with_new_session_key(client):
    user = factories.UserFactory(email="ok@example.test")
    session = client.session
    session["probe"] = 1
    session.save()
    anonymous_key = session.session_key
    assert client.session.session_key == anonymous_key

    _login(client, user.email, PASSWORD)

    assert int(client.session["_auth_user_id"]) == user.pk
    assert client.session.session_key != anonymous_key
    event = AuditEvent.objects.get(action="auth.login")
    assert (event.actor, event.client_ip) == (user, "127.0.0.1")


def test_password_reset_requests_are_limited_per_address(client):
    responses = [
        client.post(reverse("account_reset_password"), {"email": f"p{i}@example.test"})
        for i in range(6)
    ]

    assert [r.status_code for r in responses[:5]] == [302] * 5
    assert responses[5].status_code == 429


def _totp_user_signed_in_with_password(client):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    user = factories.UserFactory(email="mfa@example.test")
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    _login(client, user.email, PASSWORD)
    return user, secret


def _current_code(secret: str) -> str:
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    return format_hotp_value(hotp_value(secret, next(yield_hotp_counters_from_time())))


def test_mfa_code_completes_sign_in(client):
    user, secret = _totp_user_signed_in_with_password(client)
    assert "_auth_user_id" not in client.session

    client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})

    assert int(client.session["_auth_user_id"]) == user.pk


def test_mfa_codes_are_limited_per_user(client):
    user, secret = _totp_user_signed_in_with_password(client)
    wrong = [
        client.post(reverse("mfa_authenticate"), {"code": "000000"}).status_code for _ in range(5)
    ]

    refused = client.post(reverse("mfa_authenticate"), {"code": _current_code(secret)})

    assert wrong == [200] * 5
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session
    assert AuditEvent.objects.filter(action="mfa.failed", actor=user).count() == 5
