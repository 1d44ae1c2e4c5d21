from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.core.exceptions import PermissionDenied

from accounts.net import client_ip


class AccountAdapter(DefaultAccountAdapter):
    """No open sign-up: accounts are created from invitations only."""

    def is_open_for_signup(self, request) -> bool:
        return False

    def get_client_ip(self, request) -> str:
        """The same trusted-proxy rule as the rest of the portal (rate limits key on it)."""
        ip = client_ip(request)
        if not ip:
            raise PermissionDenied("Unable to determine client IP address")
        return ip
