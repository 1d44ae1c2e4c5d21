"""The account pages' navigation sits in the page, not in the header, and offers API tokens only
to the roles whose work uses the API."""

from __future__ import annotations

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _header_and_main(html: str) -> tuple[str, str]:
    header = html[html.index('<header class="site-header">') : html.index("</header>")]
    return header, html[html.index("<main") :]


def test_officer_account_pages_offer_no_api_tokens_and_keep_the_header_short(client, officer):
    client.force_login(officer)

    for url in (reverse("account_email"), reverse("account_change_password")):
        header, main = _header_and_main(client.get(url).content.decode())
        assert "Two-factor authentication" not in header and "Password" not in header
        assert 'aria-label="Account"' in main and "Two-factor authentication" in main
        assert "API tokens" not in main


def test_liaison_and_staff_see_api_tokens_in_the_account_navigation(client, liaison, staff_user):
    for user in (liaison, staff_user):
        client.force_login(user)
        header, main = _header_and_main(client.get(reverse("api_tokens")).content.decode())
        assert "API tokens" not in header
        assert f'href="{reverse("api_tokens")}" aria-current="page"' in main
    assert "Invite a person" in main  # staff
