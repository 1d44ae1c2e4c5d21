"""REPAIR as an LTI 1.3 tool (pylti1p3): platform registrations from the database, the tool's
own RSA keys (rotated; the current and the previous one published in the JWKS).

Each department's LMS is an `LtiPlatform` row (issuer + client ID + deployments). The tool signs
its client assertions (for Assignment and Grade Services tokens) and deep-linking responses with
the newest live `LtiToolKey`; `manage.py lti_rotate_key` adds a key and keeps the one it
replaces published until the next rotation, so messages signed just before still verify.
"""

from __future__ import annotations

import datetime as dt

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from jwcrypto.jwk import JWK
from pylti1p3.deployment import Deployment
from pylti1p3.registration import Registration
from pylti1p3.tool_config.abstract import ToolConfAbstract

from integrations.models import LtiPlatform, LtiToolKey


def _pem_pair() -> tuple[str, str]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def tool_key_create() -> LtiToolKey:
    private, public = _pem_pair()
    jwk = Registration.get_jwk(public)
    kid = jwk.get("kid") or JWK.from_pem(public.encode()).thumbprint()
    return LtiToolKey.objects.create(
        kid=kid, private_key_pem=private, public_jwk={**jwk, "kid": kid}
    )


def tool_key_rotate(*, now: dt.datetime | None = None) -> LtiToolKey:
    """A new signing key. The key it replaces stays published until the next rotation (so a
    platform still checking a message signed with it can); older keys are retired."""
    now = now or timezone.now()
    with transaction.atomic():
        live = list(
            LtiToolKey.objects.select_for_update()
            .filter(retired_at__isnull=True)
            .order_by("-created_at", "-pk")
        )
        new = tool_key_create()
        LtiToolKey.objects.filter(pk__in=[k.pk for k in live[1:]]).update(retired_at=now)
    return new


def tool_key_current() -> LtiToolKey:
    key = LtiToolKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-pk").first()
    return key if key is not None else tool_key_create()


def tool_jwks() -> dict:
    keys = LtiToolKey.objects.filter(retired_at__isnull=True).order_by("-created_at", "-pk")
    return {"keys": [k.public_jwk for k in keys] or [tool_key_current().public_jwk]}


def _public_pem(key: LtiToolKey) -> str:
    return JWK(**key.public_jwk).export_to_pem().decode()


class DatabaseToolConf(ToolConfAbstract):
    """pylti1p3's tool configuration, read from `LtiPlatform` rows (many clients per issuer)."""

    def __init__(self):
        super().__init__()
        self._platforms: dict[tuple[str, str | None], LtiPlatform | None] = {}

    def check_iss_has_one_client(self, iss: str) -> bool:
        return False

    def check_iss_has_many_clients(self, iss: str) -> bool:
        return True

    def platform(self, iss: str, client_id: str | None) -> LtiPlatform | None:
        key = (iss, client_id)
        if key not in self._platforms:
            rows = LtiPlatform.objects.filter(issuer=iss, is_active=True).select_related(
                "department"
            )
            if client_id:
                rows = rows.filter(client_id=client_id)
            self._platforms[key] = rows.first() if client_id or rows.count() == 1 else None
        return self._platforms[key]

    def _registration(self, platform: LtiPlatform) -> Registration:
        key = tool_key_current()
        return (
            Registration()
            .set_issuer(platform.issuer)
            .set_client_id(platform.client_id)
            .set_auth_login_url(platform.auth_login_url)
            .set_auth_token_url(platform.auth_token_url)
            .set_key_set_url(platform.key_set_url)
            .set_tool_private_key(key.private_key_pem)
            .set_tool_public_key(_public_pem(key))
        )

    def find_registration_by_issuer(self, iss, *args, **kwargs):
        platform = self.platform(iss, None)
        return self._registration(platform) if platform else None

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        platform = self.platform(iss, client_id)
        return self._registration(platform) if platform else None

    def find_deployment(self, iss, deployment_id):
        return self.find_deployment_by_params(iss, deployment_id, None)

    def find_deployment_by_params(self, iss, deployment_id, client_id, *args, **kwargs):
        platform = self.platform(iss, client_id)
        if platform is None or deployment_id not in platform.deployments:
            return None
        return Deployment().set_deployment_id(deployment_id)


def registration_for(platform: LtiPlatform) -> Registration:
    return DatabaseToolConf()._registration(platform)


def tool_urls() -> dict[str, str]:
    base = settings.SITE_URL
    return {
        "login": base + reverse("lti:login"),
        "launch": base + reverse("lti:launch"),
        "jwks": base + reverse("lti:jwks"),
    }


def tool_urls_html() -> str:
    urls = tool_urls()
    return format_html(
        "{}: {}<br>{}: {}<br>{}: {}",
        _("OpenID Connect login initiation URL"),
        urls["login"],
        _("Target link / redirect URI (launch and deep linking)"),
        urls["launch"],
        _("Public keyset URL (JWKS)"),
        urls["jwks"],
    )
