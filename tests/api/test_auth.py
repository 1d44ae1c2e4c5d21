"""Token and session authentication, throttling, and who may read the schema and the docs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import ApiToken
from tests.api.conftest import token_key

pytestmark = pytest.mark.django_db


def _client(key: str | None = None, header: str | None = None) -> APIClient:
    client = APIClient()
    if header is not None:
        client.credentials(HTTP_AUTHORIZATION=header)
    elif key is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def test_a_valid_token_authenticates_and_records_its_use(officer):
    key = token_key(officer)

    response = _client(key).get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json()["id"] == officer.pk
    assert ApiToken.objects.get(user=officer).last_used_at is not None


def test_a_revoked_token_is_refused(officer):
    key = token_key(officer)
    ApiToken.objects.filter(user=officer).update(revoked_at=timezone.now())

    response = _client(key).get("/api/v1/me/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_an_expired_token_is_refused(officer):
    key = token_key(officer)
    ApiToken.objects.filter(user=officer).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )

    assert _client(key).get("/api/v1/me/").status_code == 401


def test_a_token_of_a_deactivated_user_is_refused(officer):
    key = token_key(officer)
    officer.is_active = False
    officer.save(update_fields=["is_active"])

    assert _client(key).get("/api/v1/me/").status_code == 401


@pytest.mark.parametrize(
    "header",
    [
        "Token",
        "Token rp_one rp_two",
        "Token rp_not-a-real-key",
        "Token not-even-prefixed",
        "token \xff\xfe",
    ],
)
def test_malformed_or_unknown_tokens_are_refused(header, officer):
    token_key(officer)

    response = _client(header=header).get("/api/v1/me/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_another_scheme_is_treated_as_anonymous(officer):
    response = _client(header="Bearer something").get("/api/v1/me/")

    assert response.status_code == 401


def test_a_bad_token_is_refused_even_on_public_endpoints(api_client):
    response = _client(header="Token rp_wrong").get("/api/v1/certificates/NOPE-NOPE-NOPE-NOPE/")

    assert response.status_code == 401


# Throttling ------------------------------------------------------------------------------------


def _rates(settings, **rates):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": None, "user": None, "token": None, **rates},
    }


def test_each_token_has_its_own_budget(settings, officer):
    _rates(settings, token="2/minute")
    first, second = _client(token_key(officer)), _client(token_key(officer, name="second"))

    statuses = [first.get("/api/v1/me/").status_code for _ in range(3)]

    assert statuses == [200, 200, 429]
    assert second.get("/api/v1/me/").status_code == 200


def test_a_user_has_one_budget_across_tokens_and_session(settings, officer):
    _rates(settings, user="3/minute")
    first, second = _client(token_key(officer)), _client(token_key(officer, name="second"))
    browser = APIClient()
    browser.force_login(officer)

    statuses = [c.get("/api/v1/me/").status_code for c in (first, second, browser, first)]

    assert statuses == [200, 200, 200, 429]


def test_throttled_answers_say_when_to_retry(settings, officer):
    _rates(settings, user="1/minute")
    client = _client(token_key(officer))
    client.get("/api/v1/me/")

    response = client.get("/api/v1/me/")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 60


def test_the_budget_refills_at_the_rate_and_a_refusal_costs_nothing(settings, officer, monkeypatch):
    from accounts.api.throttling import ApiRateThrottle

    clock = [1_000_000.0]
    monkeypatch.setattr(ApiRateThrottle, "timer", staticmethod(lambda: clock[0]))
    _rates(settings, token="2/minute")
    client = _client(token_key(officer))

    def status_at(seconds):
        clock[0] = 1_000_000.0 + seconds
        return client.get("/api/v1/me/").status_code

    assert [status_at(0), status_at(1), status_at(2)] == [200, 200, 429]
    assert status_at(29) == 429  # one slot frees 30 s after the first request
    assert status_at(31) == 200
    assert status_at(32) == 429
    assert status_at(92) == 200  # a minute later the whole budget is back
    assert status_at(93) == 200


def test_anonymous_callers_are_throttled_per_address(settings, api_client):
    _rates(settings, anon="2/minute")
    url = "/api/v1/certificates/NOPE-NOPE-NOPE-NOPE/"

    statuses = [api_client.get(url, REMOTE_ADDR="10.0.0.1").status_code for _ in range(3)]

    assert statuses == [404, 404, 429]
    assert api_client.get(url, REMOTE_ADDR="10.0.0.2").status_code == 404


def test_anonymous_address_behind_trusted_proxy(settings, api_client):
    _rates(settings, anon="1/minute")
    settings.REPAIR_TRUSTED_PROXIES = 1
    url = "/api/v1/certificates/NOPE-NOPE-NOPE-NOPE/"

    def get(forwarded):
        return api_client.get(url, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forwarded)

    assert get("203.0.113.5").status_code == 404
    assert get("198.51.100.7, 203.0.113.5").status_code == 429  # forged first hop ignored
    assert get("203.0.113.6").status_code == 404


# Schema and docs -------------------------------------------------------------------------------


def test_the_schema_is_served_to_signed_in_users(api_client, officer):
    api_client.force_login(officer)
    response = api_client.get("/api/schema/?format=json")

    assert response.status_code == 200
    assert "/api/v1/enrollments/" in response.json()["paths"]


def test_docs_are_for_signed_in_users_when_debug_is_off(settings, officer):
    settings.DEBUG = False
    anonymous, signed_in = APIClient(), APIClient()
    signed_in.force_login(officer)

    refused = anonymous.get("/api/docs/")

    assert refused.status_code == 302
    assert "/accounts/login/" in refused["Location"]
    assert signed_in.get("/api/docs/").status_code == 200


def test_docs_are_open_while_debugging(settings):
    settings.DEBUG = True

    assert APIClient().get("/api/docs/").status_code == 200
