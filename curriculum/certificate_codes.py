"""A certificate's public code and verification link: pure reads that selectors and services
both use (the selectors may not import the services: tests/test_layering.py)."""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse

from curriculum.models import Certificate

_SEPARATORS = re.compile(r"[\s\-_.]")
_BASE32 = re.compile(r"[A-Z2-7]{16}")


def certificate_code_normalize(code: str) -> str:
    """What a person typed (any case, spaces or dashes) to the stored form of a code."""
    compact = _SEPARATORS.sub("", code or "").upper()
    if _BASE32.fullmatch(compact):
        return "-".join(compact[i : i + 4] for i in range(0, 16, 4))
    return compact


def certificate_code_candidates(code: str) -> set[str]:
    """Stored forms a typed code may match (grouped base32, or a code stored compact)."""
    compact = _SEPARATORS.sub("", code or "").upper()
    return {c for c in (certificate_code_normalize(code), compact) if c}


def certificate_verify_url(*, certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("verify:detail", args=[certificate.code])
