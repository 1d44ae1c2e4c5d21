"""Deployment checks of the integrations' configuration."""

from __future__ import annotations

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def open_badges_key_check(app_configs, **kwargs):
    if settings.REPAIR_OB_SIGNING_KEYS:
        return []
    return [
        Warning(
            "No Open Badges signing key: certificates are not issued as digital credentials.",
            hint="Set REPAIR_OB_SIGNING_KEYS (python manage.py ob_signing_key; "
            "docs/integrations.md).",
            id="integrations.W001",
        )
    ]
