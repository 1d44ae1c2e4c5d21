"""How the REST API authenticates: `Authorization: Token <key>` (checked against the stored
SHA-256 only) and the session; both make the MFA decision on the user they authenticated.

The required MFA (REPAIR_REQUIRE_MFA) is decided here, once, on the user DRF actually
authenticated, and nowhere else for API views: the access-policy middleware leaves DRF views
alone, since it cannot know which of a token and a session cookie DRF will use.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.authentication import SessionScheme
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.api.throttling import ApiRateThrottle
from accounts.middleware import IDP_MFA_SESSION_KEY
from accounts.selectors import api_token_user_get, user_lacks_required_mfa
from accounts.services import audit_denied
from accounts.tokens import token_key_hash

KEYWORD = "Token"


class ApiTokenAuthentication(authentication.BaseAuthentication):
    """A hashed, named, expiring, revocable API token (see `issue_api_token`).

    `request.auth` is the key's hash, so throttles can count per token without the key.
    """

    def authenticate(self, request):
        parts = authentication.get_authorization_header(request).split()
        if not parts or parts[0].lower() != KEYWORD.lower().encode():
            return None
        if len(parts) != 2:
            raise _refused(request, _("Invalid token header: send `Authorization: Token <key>`."))
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise _refused(request, _("Invalid token.")) from error
        user = api_token_user_get(key=key)
        if user is None:
            raise _refused(request, _("Invalid, expired or revoked token."))
        mfa_required_check(request, user, idp_mfa=False)
        return user, token_key_hash(key)

    def authenticate_header(self, request) -> str:
        return KEYWORD


def _refused(request, message) -> exceptions.APIException:
    """401 for a refused token, or 429 once the address has spent its anonymous budget."""
    throttle = ApiRateThrottle()
    if not throttle.allow_refused_credentials(request):
        return exceptions.Throttled(wait=throttle.wait())
    return exceptions.AuthenticationFailed(message)


class SessionMfaAuthentication(authentication.SessionAuthentication):
    """DRF's session authentication (with its CSRF check), plus the required MFA."""

    def authenticate(self, request):
        result = super().authenticate(request)
        if result is not None:
            idp_mfa = bool(request._request.session.get(IDP_MFA_SESSION_KEY))
            mfa_required_check(request, result[0], idp_mfa=idp_mfa)
        return result


def mfa_required_check(request, user, *, idp_mfa: bool) -> None:
    """403 for a privileged user without an authenticator (unless the session's identity
    provider asserted MFA that the department accepts, accounts.sso)."""
    if idp_mfa or not user_lacks_required_mfa(user=user):
        return
    audit_denied(request._request, "mfa_required", user=user)
    raise exceptions.PermissionDenied(_("Set up multi-factor authentication before using the API."))


class ApiTokenAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": 'API token, sent as "Token <key>" (`manage.py issue_api_token`).',
        }


class SessionMfaAuthenticationScheme(SessionScheme):
    target_class = "accounts.api.authentication.SessionMfaAuthentication"
