"""`GET /api/v1/departments/{id}/compliance/`: the compliance figures per rule."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from compliance.api import serializers as s
from compliance.selectors import department_compliance
from curriculum.selectors.api import api_managed_department_get
from repair import clock
from repair.api_errors import error_responses

DEPARTMENT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Department id."
)


class DepartmentComplianceApi(APIView):
    # Scope is the selector's: a department the caller is liaison of (staff: any), else 404.
    permission_classes = [IsAuthenticated]

    @extend_schema(
        operation_id="departments_compliance_retrieve",
        summary="Compliance per assignment rule: compliant, due, overdue, expired officers",
        description=(
            "Per active rule of the department, the active officers it counts and their state "
            "on the department's date `as_of`: compliant (a certificate neither expired nor "
            "revoked), expired (only expired certificates), overdue (an open enrollment past "
            "its due date), due (anything else). Liaisons of the department and staff."
        ),
        parameters=[DEPARTMENT_ID],
        responses={
            200: s.DepartmentComplianceOutputSerializer,
            **error_responses(401, 403, 404, 429),
        },
    )
    def get(self, request, id):
        department = api_managed_department_get(user=request.user, department_id=id)
        today = clock.today(department)
        data = {
            "department": department.pk,
            "as_of": today,
            "rules": department_compliance(department=department, today=today),
        }
        return Response(s.DepartmentComplianceOutputSerializer(data).data)
