from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

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

    def pre_login(self, request, user, **kwargs):
        """A department that signs in only through its identity provider refuses passwords."""
        response = super().pre_login(request, user, **kwargs)
        if response is not None:
            return response
        if (kwargs.get("signal_kwargs") or {}).get("sociallogin") is not None:
            return None
        from accounts.sso import password_login_refused

        provider = password_login_refused(user=user)
        if provider is None:
            return None
        from allauth.account.internal.stagekit import clear_login

        clear_login(request)
        messages.error(
            request,
            _("Your department signs in through %(provider)s. Use that button below.")
            % {"provider": provider.name},
        )
        return redirect("account_login")
