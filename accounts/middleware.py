"""Per-request access policy for signed-in users: session lifetime and required MFA.

Privileged roles (liaison, facilitator, partner, staff) are signed out after
REPAIR_SESSION_IDLE_SECONDS without a request and REPAIR_SESSION_MAX_SECONDS after signing in.
When REPAIR_REQUIRE_MFA is on, a privileged user without an authenticator reaches only the MFA
set-up, re-authentication and sign-out pages. The API answers 403, decided by DRF's
authentication classes on the user DRF authenticated (accounts.api.authentication): this
middleware leaves DRF views alone, and never reads the Authorization header.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.net import client_ip
from accounts.selectors import user_is_privileged, user_lacks_required_mfa
from accounts.services import audit_denied

AUTH_AT = "_repair_auth_at"
SEEN_AT = "_repair_seen_at"
# This session's sign-in used MFA at an identity provider whose department accepts it
# (accounts.sso): it stands for the portal's own MFA in this session only.
IDP_MFA_SESSION_KEY = "_repair_idp_mfa"
# Writing the session on every request costs a query; a minute of slack is harmless.
SEEN_WRITE_INTERVAL = 60


def session_stamp_login(request) -> None:
    now = time.time()
    request.session[AUTH_AT] = now
    request.session[SEEN_AT] = now


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _mfa_allowed_prefixes() -> tuple[str, ...]:
    return (
        reverse("mfa_index"),
        reverse("account_reauthenticate"),
        reverse("account_logout"),
        "/" + settings.STATIC_URL.lstrip("/"),
    )


def _session_expired(request) -> str | None:
    now = time.time()
    auth_at = request.session.setdefault(AUTH_AT, now)
    seen_at = request.session.get(SEEN_AT, now)
    if now - seen_at > settings.REPAIR_SESSION_IDLE_SECONDS:
        return "idle"
    if now - auth_at > settings.REPAIR_SESSION_MAX_SECONDS:
        return "lifetime"
    if now - seen_at >= SEEN_WRITE_INTERVAL or SEEN_AT not in request.session:
        request.session[SEEN_AT] = now
    return None


def _end_session(request, reason: str):
    audit_record(
        action="session.expired",
        actor=request.user,
        client_ip=client_ip(request),
        data={"reason": reason},
    )
    logout(request)
    if _is_api(request):
        return JsonResponse({"detail": _("Your session has ended.")}, status=401)
    messages.info(request, _("Your session has ended. Please sign in again."))
    login_url = reverse("account_login")
    return redirect(f"{login_url}?{urlencode({'next': request.get_full_path()})}")


def _refuse_without_mfa(request):
    audit_denied(request, "mfa_required")
    if _is_api(request):
        detail = _("Set up multi-factor authentication before using the API.")
        return JsonResponse({"detail": detail}, status=403)
    messages.warning(request, _("Set up multi-factor authentication to continue."))
    return redirect("mfa_activate_totp")


def _is_drf_view(view_func) -> bool:
    # Imported here: DRF's views import its settings, which import accounts.api.authentication.
    from rest_framework.views import APIView

    view_class = getattr(view_func, "cls", None)
    return isinstance(view_class, type) and issubclass(view_class, APIView)


class AccessPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self._check(request)
        return response if response is not None else self.get_response(request)

    def _check(self, request):
        user = request.user
        if user.is_authenticated and user_is_privileged(user=user):
            reason = _session_expired(request)
            if reason is not None:
                return _end_session(request, reason)
        return None

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _is_drf_view(view_func) or request.path.startswith(_mfa_allowed_prefixes()):
            return None
        user = request.user
        if user.is_authenticated and user_lacks_required_mfa(user=user):
            # A department may accept the MFA its identity provider asserted (accounts.sso).
            if getattr(request, "session", {}).get(IDP_MFA_SESSION_KEY):
                return None
            return _refuse_without_mfa(request)
        return None
