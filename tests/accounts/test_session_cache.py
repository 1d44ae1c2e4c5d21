"""Sessions read from the cache and written through to the database (accounts.sessions): a
signed-in request reads no session row, the row still records its user, and every way a session
ends leaves no copy in the cache that could sign anyone in again."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse
from redis.exceptions import RedisError

from accounts.models import Membership, UserBoundSession
from accounts.services import membership_separate, user_deactivate
from accounts.sessions import COPY_PREFIX, ENDED_PREFIX, SessionStore
from tests import factories

# The security tests of ending sessions by user, run again here with the session cache on.
from tests.test_security_round2_access import (  # noqa: F401
    test_password_change_ends_the_other_sessions_and_keeps_this_one,
    test_password_reset_ends_every_session_and_api_token,
    test_separation_ends_a_session_whose_key_rotated,
    test_separation_ends_only_what_the_membership_granted,
    test_sign_out_everywhere_ends_a_session_whose_key_rotated,
)

pytestmark = pytest.mark.django_db

UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


@pytest.fixture(autouse=True)
def session_cache(settings):
    settings.REPAIR_SESSION_CACHE = True
    cache.clear()
    yield
    cache.clear()


def _signed_in(user) -> tuple[Client, str]:
    browser = Client(raise_request_exception=False)
    browser.force_login(user)
    return browser, browser.cookies["sessionid"].value


def _signed_out(browser) -> bool:
    return browser.get("/learn/").status_code == 302


def _session_statements(browser, url: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        assert browser.get(url).status_code == 200
    sql = [query["sql"] for query in captured.captured_queries]
    return len(sql), [s for s in sql if "userboundsession" in s.lower()]


def _assert_no_live_copy(key: str) -> None:
    """The copy is gone and the key is marked ended: a copy written back later is not served."""
    assert cache.get(COPY_PREFIX + key) is None
    assert cache.get(ENDED_PREFIX + key) is not None


def test_a_signed_in_request_reads_its_session_from_the_cache(officer, settings):
    browser, _key = _signed_in(officer)

    count, session_reads = _session_statements(browser, "/api/v1/me/")

    assert session_reads == []
    assert count == 2  # the user with their roles, and their department
    settings.REPAIR_SESSION_CACHE = False
    count, session_reads = _session_statements(browser, "/api/v1/me/")
    assert len(session_reads) == 1 and count == 3


def test_the_row_still_records_its_user_and_a_lost_copy_is_read_from_it(officer):
    browser, key = _signed_in(officer)

    assert UserBoundSession.objects.get(session_key=key).user_id == officer.pk
    assert cache.get(COPY_PREFIX + key)["_auth_user_id"] == str(officer.pk)
    cache.delete(COPY_PREFIX + key)  # evicted, or Redis restarted empty

    assert not _signed_out(browser)
    assert cache.get(COPY_PREFIX + key)["_auth_user_id"] == str(officer.pk)


def test_a_session_written_by_a_request_is_written_through(officer):
    _browser, key = _signed_in(officer)
    store = SessionStore(key)
    store["marker"] = 7
    store.save()

    assert SessionStore(key).load()["marker"] == 7  # the copy
    cache.delete(COPY_PREFIX + key)
    assert SessionStore(key).load()["marker"] == 7  # the row


def test_sign_out_leaves_no_copy(officer):
    browser, key = _signed_in(officer)
    stolen = Client()
    stolen.cookies["sessionid"] = key

    assert browser.post(reverse("account_logout")).status_code == 302

    _assert_no_live_copy(key)
    assert not UserBoundSession.objects.filter(session_key=key).exists()
    assert _signed_out(stolen)


@pytest.mark.parametrize("how", ["separation", "deactivation", "password_change"])
def test_ending_a_users_sessions_leaves_no_copy(how, department, liaison, staff_user):
    officer = factories.officer(department)
    browser, key = _signed_in(officer)
    other, other_key = _signed_in(officer)
    assert not _signed_out(browser) and not _signed_out(other)

    if how == "separation":
        membership_separate(membership=Membership.objects.get(user=officer), acting_user=liaison)
    elif how == "deactivation":
        user_deactivate(user=officer, acting_user=staff_user)
    else:
        changed = other.post(
            reverse("account_change_password"),
            {
                "oldpassword": factories.PASSWORD,
                "password1": "a-new-long-password-77",
                "password2": "a-new-long-password-77",
            },
        )
        assert changed.status_code == 302

    _assert_no_live_copy(key)
    assert _signed_out(browser)
    if how != "password_change":
        _assert_no_live_copy(other_key)
        assert _signed_out(other)
    else:  # the session that changed the password stays, under a new key
        assert not _signed_out(other)


def test_a_copy_written_back_after_the_session_ended_is_not_served(department, liaison):
    """A request that read the row just before it was deleted writes its copy afterwards."""
    officer = factories.officer(department)
    browser, key = _signed_in(officer)
    copy = cache.get(COPY_PREFIX + key)

    membership_separate(membership=Membership.objects.get(user=officer), acting_user=liaison)
    cache.set(COPY_PREFIX + key, copy, 600)

    assert _signed_out(browser)


def test_with_redis_down_a_signed_in_request_answers_503(officer, settings):
    browser, _key = _signed_in(officer)
    settings.DEBUG = False

    with override_settings(CACHES=UNREACHABLE_REDIS):
        response = browser.get("/learn/")
        anonymous = Client().get(reverse("account_login"))

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert anonymous.status_code == 200  # no cookie: no session read


def test_with_redis_down_ending_sessions_fails_whole(department, liaison):
    """No row is deleted whose copy could not be marked ended: the separation rolls back."""
    officer = factories.officer(department)
    _browser, key = _signed_in(officer)
    membership = Membership.objects.get(user=officer)

    with override_settings(CACHES=UNREACHABLE_REDIS), pytest.raises(RedisError) as raised:
        membership_separate(membership=membership, acting_user=liaison)

    from repair.outage import is_outage

    assert is_outage(raised.value)
    assert UserBoundSession.objects.filter(session_key=key).exists()
    assert Membership.objects.get(user=officer).status == Membership.Status.ACTIVE
