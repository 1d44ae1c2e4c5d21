from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: accounts are created from invitations only."""

    def is_open_for_signup(self, request) -> bool:
        return False
