"""`/api/v1/me/`: who the caller is, as the API sees them."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.api.serializers import MeOutputSerializer
from accounts.roles import Role
from accounts.selectors import department_list_for, officer_membership_get, user_roles
from repair.api_errors import error_responses


def _me_department(user, roles: frozenset[str]):
    """The department an officer serves in; for a liaison only, the first they coordinate.

    The roles (read with the user) say which look-up can find anything; the others are skipped.
    """
    if Role.OFFICER in roles:
        membership = officer_membership_get(user=user)
        if membership is not None:
            return membership.department
    if user.is_staff or Role.LIAISON not in roles:
        return None
    return department_list_for(user=user).order_by("name", "id").first()


class MeApi(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="me_retrieve",
        summary="The signed-in user",
        responses={
            200: MeOutputSerializer,
            **error_responses(401, 403, 429),
        },
    )
    def get(self, request):
        user = request.user
        roles = user_roles(user=user)
        department = _me_department(user, roles)
        partner = None
        if Role.PARTNER in roles:
            partner_membership = user.partner_memberships.select_related("partner").first()
            partner = partner_membership.partner if partner_membership else None
        data = {
            "id": user.pk,
            "email": user.email,
            "display_name": user.display_name,
            "roles": sorted(roles),
            "department": {"id": department.pk, "name": department.name} if department else None,
            "partner": {"id": partner.pk, "name": partner.name} if partner else None,
            "language": user.language,
        }
        return Response(MeOutputSerializer(data).data)


_swagger_view = SpectacularSwaggerSplitView.as_view(url_name="api-schema")


def api_docs_view(request, *args, **kwargs):
    """The interactive API docs: anyone while DEBUG is on, signed-in users only otherwise.

    The split view serves its script from a URL of its own (no inline script, for the CSP).
    """
    if not settings.DEBUG and not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _swagger_view(request, *args, **kwargs)
