"""Rate limits of the REST API: per user, per API token, and per client address for anonymous
callers. Rates live in `REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]` and are read on every request,
so tests and deployments can change them through settings.

`ApiRateThrottle` applies all three in one class, two cache round trips a request whatever
applies. DRF's per-scope throttles cost four, each reading and writing the list of every
request of the last minute: about 3.7 ms a request through Redis (the bench).
"""

from __future__ import annotations

import contextlib
import time

from django.core.cache import cache
from redis.exceptions import RedisError
from rest_framework.settings import api_settings
from rest_framework.throttling import BaseThrottle

from accounts.net import client_ip

_PERIODS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def _rate_parse(rate: str) -> tuple[int, float]:
    """DRF's rate syntax: "300/minute" (s, m, h or d is all that counts of the period)."""
    num, period = rate.split("/")
    return int(num), float(_PERIODS[period[0]])


class ApiRateThrottle(BaseThrottle):
    """The anon, user and token rates as one throttle (GCRA: a cell-rate algorithm).

    Per budget the cache holds one number, the theoretical arrival time (TAT): a rate of N per
    T spaces requests T/N apart and allows a burst of N. A request is let through when its
    budget's TAT is at most T - T/N ahead of now, which then moves T/N later; a refused request
    uses no budget. Like DRF's throttles the read and the write are not atomic: two requests
    racing may both pass, which a rate limit tolerates.
    """

    timer = staticmethod(time.time)

    def allow_request(self, request, view) -> bool:
        return self._allow(self._scopes(request))

    def allow_refused_credentials(self, request) -> bool:
        """A request whose token was refused spends its address's anonymous budget, so guessing
        or replaying keys is limited like any anonymous call (DRF throttles only after
        authentication, which such a request never passes)."""
        return self._allow([("anon", client_ip(request) or "unknown")])

    def _allow(self, scopes: list[tuple[str, object]]) -> bool:
        self.wait_seconds = 0.0
        budgets = {}
        for scope, ident in scopes:
            rate = api_settings.DEFAULT_THROTTLE_RATES.get(scope)
            if rate is not None:
                num, duration = _rate_parse(rate)
                budgets[f"throttle:{scope}:{ident}"] = (duration / num, duration)
        if not budgets:
            return True
        now = self.timer()
        try:
            stored = cache.get_many(list(budgets))
        except RedisError:  # a cache outage must not stop the API
            return True
        arrivals = {}
        for key, (interval, duration) in budgets.items():
            arrival = max(stored.get(key, now), now)
            ahead = arrival - now - (duration - interval)
            if ahead > 0:
                self.wait_seconds = max(self.wait_seconds, ahead)
            arrivals[key] = arrival + interval
        if self.wait_seconds:
            return False
        longest = max(duration for _interval, duration in budgets.values())
        with contextlib.suppress(RedisError):
            cache.set_many(arrivals, timeout=int(longest) + 1)
        return True

    def wait(self) -> float | None:
        return self.wait_seconds or None

    @staticmethod
    def _scopes(request) -> list[tuple[str, object]]:
        if request.user and request.user.is_authenticated:
            scopes: list[tuple[str, object]] = [("user", request.user.pk)]
            if isinstance(request.auth, str):
                scopes.append(("token", request.auth))
            return scopes
        return [("anon", client_ip(request) or "unknown")]
