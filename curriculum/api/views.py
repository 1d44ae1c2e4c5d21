"""REST API v1 endpoints of the curriculum app (see the contract in DESIGN.md and docs/api.md).

Thin views: parse, call one selector or service, serialize. Scope comes from the selectors.
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import generics, serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.net import client_ip
from curriculum.api import serializers as s
from curriculum.api.filters import EnrollmentFilter
from curriculum.api.pagination import EnrollmentCursorPagination, RosterCursorPagination
from curriculum.api.permissions import IsLiaison, IsLiaisonOrStaff, IsOfficer
from curriculum.figures import figures_cached
from curriculum.selectors.api import (
    api_department_list_for,
    api_enrollment_list_for,
    api_managed_department_get,
    certificate_get,
    completion_department_ids,
    completion_enrollments_for,
    curriculum_get,
    enrolling_department_list_for,
)
from curriculum.selectors.enrollments import (
    OfficerCounts,
    completion_series,
    department_roster_rows,
    department_summary,
    officer_enrollment_counts,
    officer_enrollment_list,
    published_curriculum_list,
)
from curriculum.selectors.record import officer_record
from curriculum.services.enrollments import enrollment_bulk_create
from repair.api_errors import error_responses, single_query_value

DEPARTMENT_ID = OpenApiParameter(
    "id", OpenApiTypes.INT, OpenApiParameter.PATH, description="Department id."
)
CERTIFICATE_CODE = OpenApiParameter(
    "code",
    {"type": "string", "pattern": "^[A-Za-z0-9_-]{1,32}$"},
    OpenApiParameter.PATH,
    description="Certificate code, e.g. `K3QZ-7W2M-PA4R-XT6B`.",
)


class StrictQueryMixin:
    """Refuse a repeated or empty query parameter (400) instead of silently reading one."""

    query_param_names: tuple[str, ...] = ()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        for name in self.query_param_names:
            single_query_value(request, name)


class CurriculumListApi(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.CurriculumOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        return published_curriculum_list().order_by("title", "id")

    @extend_schema(
        operation_id="curricula_list",
        summary="Published curricula with their modules",
        responses={
            200: s.CurriculumOutputSerializer(many=True),
            **error_responses(400, 401, 404, 429),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MyEnrollmentListApi(generics.ListAPIView):
    permission_classes = [IsOfficer]
    serializer_class = s.MyEnrollmentOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        return officer_enrollment_list(user=self.request.user)

    @extend_schema(
        operation_id="me_enrollments_list",
        summary="The signed-in officer's own enrollments",
        responses={
            200: s.MyEnrollmentOutputSerializer(many=True),
            **error_responses(400, 401, 403, 404, 429),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class MyRecordApi(APIView):
    permission_classes = [IsOfficer]

    @extend_schema(
        operation_id="me_record_retrieve",
        summary="The signed-in officer's training record",
        description=(
            "Every enrollment (withdrawn ones too) with its curriculum version and content "
            "hash, lesson times on the lesson clock, attempts and scores, reflections (with "
            "their text: this is the officer's own copy), completion reviews, the certificate, "
            "and the audit events about the officer with the audit chain's head hash. The same "
            "data as `/learn/record.json`; the PDF is at `/learn/record.pdf`."
        ),
        responses={200: s.RecordOutputSerializer, **error_responses(401, 403, 429)},
    )
    def get(self, request):
        return Response(officer_record(user=request.user))


class DepartmentListApi(generics.ListAPIView):
    permission_classes = [IsAuthenticated]
    serializer_class = s.DepartmentOutputSerializer
    filter_backends: list = []

    def get_queryset(self):
        queryset, self.full_ids = api_department_list_for(user=self.request.user)
        return queryset

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "full_ids": getattr(self, "full_ids", None)}

    @extend_schema(
        operation_id="departments_list",
        summary="Departments the caller may see",
        description=(
            "Staff: every department. Liaisons and officers: their own. Partner reviewers: "
            "departments sharing data with their organization, `id`, `name` and `state` only."
        ),
        responses={
            200: s.DepartmentOutputSerializer(many=True),
            **error_responses(400, 401, 404, 429),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class DepartmentSummaryApi(APIView):
    permission_classes = [IsLiaisonOrStaff]

    @extend_schema(
        operation_id="departments_summary_retrieve",
        summary="Headline and per-curriculum figures of one department",
        parameters=[DEPARTMENT_ID],
        responses={
            200: s.DepartmentSummaryOutputSerializer,
            **error_responses(401, 403, 404, 429),
        },
    )
    def get(self, request, id):
        department = api_managed_department_get(user=request.user, department_id=id)
        data = figures_cached(
            kind="summary",
            department_ids=[department.pk],
            parts=[],
            compute=lambda: (
                s.DepartmentSummaryOutputSerializer(department_summary(department=department)).data
            ),
        )
        return Response(data)


class DepartmentOfficerListApi(generics.ListAPIView):
    permission_classes = [IsLiaisonOrStaff]
    serializer_class = s.RosterOfficerOutputSerializer
    pagination_class = RosterCursorPagination
    filter_backends: list = []

    def get_queryset(self):
        self.department = api_managed_department_get(
            user=self.request.user, department_id=self.kwargs["id"]
        )
        return department_roster_rows(department=self.department)

    def list(self, request, *args, **kwargs):
        rows = self.get_queryset()  # the scope check, before any cached page
        data = figures_cached(
            kind="roster",
            department_ids=[self.department.pk],
            parts=[request.build_absolute_uri()],
            compute=lambda: self._page(rows).data,
        )
        return Response(data)

    def _page(self, rows):
        """A page of plain rows, then that page's figures in one grouped query: no model
        instances, no per-row subqueries. The rows already have the serializer's shape and
        types (it stays the schema)."""
        page = self.paginate_queryset(rows)
        counts = officer_enrollment_counts(
            department=self.department, officer_ids=[row["user_id"] for row in page]
        )
        none = OfficerCounts()
        results = []
        for row in page:
            figures = counts.get(row["user_id"], none)
            results.append(
                {
                    "id": row["user_id"],
                    "display_name": row["display_name"],
                    "email": row["email"],
                    "badge_number": row["badge_number"],
                    "status": row["status"],
                    "enrollments": figures.enrollments,
                    "completed": figures.completed,
                    "overdue": figures.overdue,
                }
            )
        return self.get_paginated_response(results)

    @extend_schema(
        operation_id="departments_officers_list",
        summary="The roster of one department, with each officer's figures",
        parameters=[DEPARTMENT_ID],
        responses={
            200: s.RosterOfficerOutputSerializer(many=True),
            **error_responses(400, 401, 403, 404, 429),
        },
    )
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)


class EnrollmentListCreateApi(StrictQueryMixin, generics.GenericAPIView):
    """GET: liaison (own departments) and staff. POST: liaison of the department."""

    query_param_names = ("department", "curriculum", "status", "overdue")
    serializer_class = s.EnrollmentOutputSerializer
    pagination_class = EnrollmentCursorPagination
    filterset_class = EnrollmentFilter

    def get_permissions(self):
        if self.request.method == "POST":
            return [IsLiaison()]
        return [IsLiaisonOrStaff()]

    def get_queryset(self):
        return api_enrollment_list_for(user=self.request.user)

    @extend_schema(
        operation_id="enrollments_list",
        summary="Enrollments of the caller's departments",
        responses={
            200: s.EnrollmentOutputSerializer(many=True),
            **error_responses(400, 401, 403, 404, 429),
        },
    )
    def get(self, request):
        page = self.paginate_queryset(self.filter_queryset(self.get_queryset()))
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        operation_id="enrollments_create",
        summary="Enroll officers of the liaison's department in a curriculum",
        description=(
            "All or nothing: any officer who is not an active officer of the department makes "
            "the whole request fail with 400 and nothing is written. Officers already enrolled "
            "in the curriculum in the same `cycle` are skipped, counted in `skipped_existing` "
            "and listed in `skipped_officer_ids`; an enrollment of an earlier cycle stays and "
            "a new one is made."
        ),
        request=s.EnrollmentCreateInputSerializer,
        responses={
            201: s.EnrollmentCreateOutputSerializer,
            **error_responses(400, 401, 403, 415, 429),
        },
    )
    def post(self, request):
        data = _valid(s.EnrollmentCreateInputSerializer, request.data)
        department = _enrolling_department(request.user, data.get("department_id"))
        curriculum = curriculum_get(curriculum_id=data["curriculum_id"])
        if curriculum is None:
            raise serializers.ValidationError({"curriculum_id": [_("No such curriculum.")]})
        result = enrollment_bulk_create(
            officer_ids=data["officer_ids"],
            curriculum=curriculum,
            department=department,
            due_on=data["due_on"],
            cycle=data.get("cycle") or None,
            acting_user=request.user,
            client_ip=client_ip(request),
        )
        output = {
            "created": result.created,
            "skipped_existing": result.skipped_existing,
            "skipped_officer_ids": result.skipped_officer_ids,
            "enrollment_ids": result.enrollment_ids,
        }
        return Response(
            s.EnrollmentCreateOutputSerializer(output).data, status=status.HTTP_201_CREATED
        )


def _valid(serializer_class, data) -> dict:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def _enrolling_department(user, department_id: int | None):
    departments = list(enrolling_department_list_for(user=user))
    if department_id is not None:
        chosen = [d for d in departments if d.pk == department_id]
        if not chosen:
            raise serializers.ValidationError(
                {"department_id": [_("You are not the liaison of this department.")]}
            )
        return chosen[0]
    if len(departments) != 1:
        raise serializers.ValidationError(
            {"department_id": [_("You coordinate several departments: name one.")]}
        )
    return departments[0]


class CompletionStatsApi(StrictQueryMixin, APIView):
    permission_classes = [IsLiaisonOrStaff]
    query_param_names = ("interval", "since", "until", "department", "curriculum")

    @extend_schema(
        operation_id="stats_completions_retrieve",
        summary="Completions per week or month",
        parameters=[s.CompletionStatsInputSerializer],
        responses={
            200: s.CompletionStatsOutputSerializer,
            **error_responses(400, 401, 403, 404, 429),
        },
    )
    def get(self, request):
        params = _valid(s.CompletionStatsInputSerializer, request.query_params)
        enrollments, calendar = completion_enrollments_for(
            user=request.user,
            department_id=params.get("department"),
            curriculum_id=params.get("curriculum"),
        )  # the scope check (404 for a department out of scope), before any cached series

        def compute():
            series = completion_series(
                enrollments=enrollments,
                interval=params["interval"],
                since=params.get("since"),
                until=params.get("until"),
                department=calendar,
            )
            output = {
                "interval": params["interval"],
                "series": [
                    {"period_start": point.period_start, "completed": point.completed}
                    for point in series
                ],
            }
            return s.CompletionStatsOutputSerializer(output).data

        scope = completion_department_ids(user=request.user, department_id=params.get("department"))
        if scope is None:  # staff over every department: not cached
            return Response(compute())
        parts = [params["interval"], params.get("since"), params.get("until")]
        data = figures_cached(
            kind="completions",
            department_ids=scope,
            parts=[*parts, params.get("curriculum")],
            compute=compute,
        )
        return Response(data)


class CertificateApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        operation_id="certificates_retrieve",
        summary="Verify a certificate (anyone, no sign-in needed)",
        description=(
            "A revoked or expired certificate answers `valid: false` and says which in "
            "`status`; an unknown code, 404. A certificate expires at the start of its "
            "`expires_on`, a date of the officer's department's calendar."
        ),
        parameters=[CERTIFICATE_CODE],
        auth=[],
        responses={200: s.CertificateOutputSerializer, **error_responses(401, 404, 429)},
    )
    def get(self, request, code):
        certificate = certificate_get(code=code)
        return Response(s.CertificateOutputSerializer(certificate).data)
