"""Rate limits of the REST API: per user, per API token, and per client address for anonymous
callers. Rates live in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` and are read on every request,
so tests and deployments can change them through settings."""

from __future__ import annotations

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from accounts.net import client_ip


class _SettingsRateThrottle(SimpleRateThrottle):
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        # The rate is looked up per request, not once at import like DRF's own classes.
        self.rate = self.get_rate()
        if self.rate is None:
            return True
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class AnonRateThrottle(_SettingsRateThrottle):
    """Anonymous callers, per client address (trusting REPAIR_TRUSTED_PROXIES hops only)."""

    scope = "anon"

    def get_cache_key(self, request, view):
        if request.user and request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request) or "unknown"}


class UserRateThrottle(_SettingsRateThrottle):
    """Every signed-in user, whichever way they authenticated."""

    scope = "user"

    def get_cache_key(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class TokenRateThrottle(_SettingsRateThrottle):
    """Each API token on its own, so one runaway script does not use up its owner's budget."""

    scope = "token"

    def get_cache_key(self, request, view):
        if not isinstance(request.auth, str):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth}
