"""API tokens: hashed at rest, shown once, revocable, expiring; the issue_api_token command."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken, AuditEvent, Membership
from accounts.selectors import api_token_user_get
from accounts.services import api_token_create
from accounts.tokens import token_key_hash
from tests import factories

pytestmark = pytest.mark.django_db


def test_token_is_hashed_at_rest_and_authenticates(officer):
    token, key = api_token_create(user=officer, name="laptop", days=30, acting_user=officer)

    assert key.startswith("rp_")
    stored = ApiToken.objects.filter(pk=token.pk).values().get()
    assert key not in str(stored)
    assert stored["key_hash"] == token_key_hash(key)
    assert api_token_user_get(key=key) == officer
    assert api_token_user_get(key=key + "x") is None
    assert api_token_user_get(key="") is None


def test_last_used_is_written_at_most_once_a_minute(officer, django_assert_num_queries):
    token, key = api_token_create(user=officer, name="t", days=None, acting_user=officer)

    api_token_user_get(key=key)
    first = ApiToken.objects.get(pk=token.pk).last_used_at
    api_token_user_get(key=key)
    second = ApiToken.objects.get(pk=token.pk).last_used_at
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(seconds=61))
    api_token_user_get(key=key)
    third = ApiToken.objects.get(pk=token.pk).last_used_at

    assert first is not None
    assert second == first
    assert third > first


def test_expired_revoked_inactive_and_separated_tokens_are_refused(officer, department):
    _t1, expired = api_token_create(user=officer, name="a", days=1, acting_user=officer)
    ApiToken.objects.filter(name="a").update(expires_at=timezone.now() - dt.timedelta(seconds=1))
    assert api_token_user_get(key=expired) is None

    t2, revoked = api_token_create(user=officer, name="b", days=None, acting_user=officer)
    ApiToken.objects.filter(pk=t2.pk).update(revoked_at=timezone.now())
    assert api_token_user_get(key=revoked) is None

    _t3, live = api_token_create(user=officer, name="c", days=None, acting_user=officer)
    Membership.objects.filter(user=officer).update(
        status="separated", separated_on=factories.local_today()
    )
    assert api_token_user_get(key=live) is None


def test_inactive_user_token_is_refused(officer):
    _token, key = api_token_create(user=officer, name="c", days=None, acting_user=officer)
    officer.is_active = False
    officer.save(update_fields=["is_active"])

    assert api_token_user_get(key=key) is None


def test_tokens_page_shows_a_new_key_once(client, officer):
    client.force_login(officer)

    created = client.post(reverse("api_tokens"), {"name": "script", "days": "30"})
    listing = client.get(reverse("api_tokens"))

    key = created.context["new_key"]
    assert key.startswith("rp_")
    assert key in created.content.decode()
    assert key not in listing.content.decode()
    token = ApiToken.objects.get(user=officer)
    assert token.prefix in listing.content.decode()
    assert (token.expires_at - token.created_at).days == 30


def test_revoke_own_token_only(client, officer):
    other = factories.officer()
    mine, _k = api_token_create(user=officer, name="mine", days=None, acting_user=officer)
    theirs, _k2 = api_token_create(user=other, name="theirs", days=None, acting_user=other)
    client.force_login(officer)

    foreign = client.post(reverse("api_token_revoke", args=[theirs.pk]))
    own = client.post(reverse("api_token_revoke", args=[mine.pk]))

    assert foreign.status_code == 404
    assert own.status_code == 302
    assert ApiToken.objects.get(pk=theirs.pk).revoked_at is None
    assert ApiToken.objects.get(pk=mine.pk).revoked_at is not None
    assert AuditEvent.objects.filter(action="api_token.revoked").count() == 1


def test_issue_api_token_command_prints_key_once(officer):
    out, err = StringIO(), StringIO()

    call_command(
        "issue_api_token", officer.email, "--name", "ci", "--days", "7", stdout=out, stderr=err
    )

    key = out.getvalue().strip()
    token = ApiToken.objects.get(user=officer)
    assert token.key_hash == token_key_hash(key)
    assert (token.name, (token.expires_at - token.created_at).days) == ("ci", 7)
    assert key not in err.getvalue()
    assert api_token_user_get(key=key) == officer


def test_issue_api_token_command_unknown_user():
    with pytest.raises(CommandError, match="No active user"):
        call_command("issue_api_token", "ghost@example.test")
    assert ApiToken.objects.count() == 0
