"""Public Open Badges endpoints under /verify/: a certificate's credential, the issuer's profile
with its keys, and the revocation status list. Anyone may read them (the code is the secret)."""

from __future__ import annotations

from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from curriculum.selectors.learning import certificate_for_code
from integrations.openbadges.credentials import (
    STATUS_LIST_ID,
    badge_credential_issue,
    issuer_profile,
    status_list_credential,
)
from integrations.openbadges.keys import SigningUnavailable

CONTENT_TYPE = "application/ld+json"


def _json(data: dict, *, status: int = 200, max_age: int = 0) -> JsonResponse:
    response = JsonResponse(data, status=status, content_type=CONTENT_TYPE)
    # Verifiers on other sites fetch these documents.
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = f"public, max-age={max_age}" if max_age else "no-store"
    return response


def _unavailable() -> JsonResponse:
    detail = _("Digital credentials are not configured on this portal yet.")
    return JsonResponse({"detail": detail}, status=503)


@require_GET
def credential_json(request, code: str):
    certificate = certificate_for_code(code=code)
    if certificate is None:
        raise Http404
    try:
        badge = badge_credential_issue(certificate=certificate)
    except SigningUnavailable:
        return _unavailable()
    response = _json(badge.document)
    if request.GET.get("download"):
        filename = f"repair-credential-{certificate.code}.json"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_GET
def issuer_json(request):
    return _json(issuer_profile(), max_age=300)


@require_GET
def status_list_json(request, list_id: str):
    if list_id != STATUS_LIST_ID:
        raise Http404
    try:
        return _json(status_list_credential())
    except SigningUnavailable:
        return _unavailable()
