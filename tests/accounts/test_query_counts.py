"""Query counts of the hot paths stay fixed as rows grow."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.roster import roster_check
from accounts.selectors import api_token_user_get
from accounts.services import api_token_create

pytestmark = pytest.mark.django_db
HEADER = "email,first_name,last_name,badge_number,rank\n"


def _rows(n: int) -> bytes:
    return (HEADER + "".join(f"o{i}@x.test,F,L,{i},Officer\n" for i in range(n))).encode()


@pytest.mark.parametrize("rows", [10, 400])
def test_roster_check_uses_two_queries_per_500_rows(department, rows, django_assert_num_queries):
    with django_assert_num_queries(2):
        check = roster_check(data=_rows(rows), department=department)

    assert len(check.rows) == rows


def test_api_token_lookup_is_one_query_when_recently_used(officer, django_assert_num_queries):
    _token, key = api_token_create(user=officer, name="t", days=None, acting_user=officer)
    api_token_user_get(key=key)  # first use writes last_used_at

    with django_assert_num_queries(1):  # token, user, roles, partner role and MFA together
        assert api_token_user_get(key=key) == officer


@pytest.mark.parametrize("tokens", [1, 20])
def test_tokens_page_query_count_does_not_grow(client, officer, tokens, django_assert_num_queries):
    for i in range(tokens):
        api_token_create(user=officer, name=f"t{i}", days=30, acting_user=officer)
    client.force_login(officer)

    with django_assert_num_queries(3):  # session, user with roles, tokens
        response = client.get(reverse("api_tokens"))

    assert len(response.context["tokens"]) == tokens
