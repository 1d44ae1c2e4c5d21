"""The REST API's exception handler: DRF's own, plus Django's `ValidationError` from services.

Services raise `django.core.exceptions.ValidationError` (they know nothing of DRF); the API
answers it like any other bad input: 400 with `{"field": ["message", ...]}` and, for errors
that belong to no field, `{"non_field_errors": [...]}`.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import JsonResponse
from django.utils.translation import gettext, gettext_lazy
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiResponse
from rest_framework import exceptions, serializers
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler


def _as_drf(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        detail = {
            (api_settings.NON_FIELD_ERRORS_KEY if field == "__all__" else field): messages
            for field, messages in error.message_dict.items()
        }
    else:
        detail = {api_settings.NON_FIELD_ERRORS_KEY: error.messages}
    return exceptions.ValidationError(detail)


def api_exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = _as_drf(exc)
    return drf_exception_handler(exc, context)


def single_query_value(request, name: str) -> str | None:
    """The one non-empty value of a query parameter, None if absent; 400 if repeated or empty."""
    values = request.query_params.getlist(name)
    if not values:
        return None
    if len(values) > 1 or not values[0]:
        raise exceptions.ValidationError(
            {name: [gettext_lazy("Give this parameter once, with a value.")]}
        )
    return values[0]


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


_ERROR_DESCRIPTIONS = {
    401: "Not signed in, or the API token is invalid, expired or revoked.",
    403: "Signed in, but this role may not use this endpoint.",
    404: "Not found, or outside the caller's scope (no existence leak).",
    405: "Method not allowed.",
    415: "Send the body as application/json.",
    429: "Too many requests: see the Retry-After header.",
}


def error_responses(*codes: int) -> dict:
    """OpenAPI responses for the error codes an endpoint can answer."""
    responses = {}
    for code in codes:
        if code == 400:
            responses[400] = OpenApiResponse(
                OpenApiTypes.OBJECT,
                description='Bad input: field errors, `{"field": ["message", ...]}`.',
            )
        else:
            responses[code] = OpenApiResponse(
                ErrorSerializer, description=_ERROR_DESCRIPTIONS[code]
            )
    return responses


def api_not_found(request, *args, **kwargs):
    """Any other path under /api/v1/ answers JSON, like the API itself."""
    return JsonResponse({"detail": gettext("Not found.")}, status=404)
