"""The sign-in page's buttons of the departments' identity providers (accounts.sso)."""

from __future__ import annotations

from django import template
from django.urls import reverse

from accounts.models import SSOProvider

register = template.Library()


def sso_login_url(provider: SSOProvider) -> str:
    if provider.protocol == SSOProvider.Protocol.OIDC:
        return reverse("openid_connect_login", kwargs={"provider_id": provider.slug})
    return reverse("saml_login", kwargs={"organization_slug": provider.slug})


@register.simple_tag
def sso_login_options() -> list[dict]:
    providers = SSOProvider.objects.filter(is_active=True).order_by("name")
    return [{"name": p.name, "url": sso_login_url(p)} for p in providers]
