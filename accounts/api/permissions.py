"""Permissions of the accounts app's API views."""

from __future__ import annotations

from django.conf import settings
from rest_framework.permissions import BasePermission


class SignedInUnlessDebug(BasePermission):
    """The OpenAPI schema, like the interactive docs (`api_docs_view`): anyone while DEBUG is
    on, signed-in users (session or token) otherwise."""

    def has_permission(self, request, view) -> bool:
        return settings.DEBUG or bool(request.user and request.user.is_authenticated)
