from __future__ import annotations

from allauth.account.adapter import DefaultAccountAdapter
from allauth.core.internal import ratelimit
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from accounts.net import client_ip

# Failed sign-ins per account, from any address (ACCOUNT_RATE_LIMITS): a long window, cleared by
# a password reset. allauth's own "login_failed" counts per address and per account+address.
ACCOUNT_FAILURES = "login_failed_account"


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

    # Sign-in limits: failures lock an account only for the address they came from (and, far
    # more slowly, for everyone); a password reset always lets the owner back in.

    def _get_login_attempts_cache_key(self, request, **credentials) -> str:
        account = self._account_key(request, **credentials)
        return f"{account}:{client_ip(request) or ''}"

    def _account_key(self, request, **credentials) -> str:
        return super()._get_login_attempts_cache_key(request, **credentials)

    def pre_authenticate(self, request, **credentials) -> None:
        super().pre_authenticate(request, **credentials)
        self._account_failures_usage = ratelimit.consume(
            request,
            app="allauth.account",
            action=ACCOUNT_FAILURES,
            key=self._account_key(request, **credentials),
        )
        if not self._account_failures_usage:
            self._rollback_login_failed_rl_usage()
            raise self.validation_error("too_many_login_attempts")

    def _rollback_login_failed_rl_usage(self) -> None:
        super()._rollback_login_failed_rl_usage()
        usage = getattr(self, "_account_failures_usage", None)
        if usage:
            usage.rollback()

    def _delete_login_attempts_cached_email(self, request, **credentials) -> None:
        super()._delete_login_attempts_cached_email(request, **credentials)
        ratelimit.clear(
            request,
            app="allauth.account",
            action=ACCOUNT_FAILURES,
            key=self._account_key(request, **credentials),
        )

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
