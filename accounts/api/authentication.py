"""`Authorization: Token <key>` for the REST API, checked against the stored SHA-256 only."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from accounts.middleware import API_TOKEN_ATTR
from accounts.selectors import api_token_user_get
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
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: send `Authorization: Token <key>`.")
            )
        try:
            key = parts[1].decode("ascii")
        except UnicodeDecodeError as error:
            raise exceptions.AuthenticationFailed(_("Invalid token.")) from error
        looked_up = getattr(request._request, API_TOKEN_ATTR, None)
        if looked_up is not None and looked_up[0] == key:
            user = api_token_user_get(key=key, token=looked_up[1])
        else:
            user = api_token_user_get(key=key)
        if user is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        return user, token_key_hash(key)

    def authenticate_header(self, request) -> str:
        return KEYWORD


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
