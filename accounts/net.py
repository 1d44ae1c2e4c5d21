from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str | None:
    """The client's address, trusting only REPAIR_TRUSTED_PROXIES hops of X-Forwarded-For."""
    trusted = settings.REPAIR_TRUSTED_PROXIES
    remote = request.META.get("REMOTE_ADDR") or None
    if not trusted:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < trusted:
        return remote
    return forwarded[-trusted]
