"""The partner endpoints: fixed R-11 tables and the report archive (partner and staff only)."""

from __future__ import annotations

from django.http import Http404
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.views import APIView

from partners.api.permissions import IsPartnerOrStaff
from partners.api.serializers import (
    AggregatesOutputSerializer,
    PartnerReportOutputSerializer,
    PartnerReportPageSerializer,
)
from partners.selectors import (
    GROUPINGS,
    partner_get_for,
    partner_report_list_for,
    partner_snapshot,
    table_as_dict,
)
from repair.api_errors import error_responses

PARTNER = OpenApiParameter(
    "partner",
    OpenApiTypes.INT,
    OpenApiParameter.QUERY,
    required=False,
    description="Partner organization id (staff, or a reviewer of several); default: the first.",
)


class AggregatesQuerySerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=GROUPINGS, default="department")
    partner = serializers.IntegerField(required=False, min_value=1)


def _partner_or_404(request, partner_id):
    partner = partner_get_for(user=request.user, partner_id=partner_id)
    if partner is None:
        raise Http404
    return partner


class PartnerAggregatesApi(APIView):
    permission_classes = [IsPartnerOrStaff]

    @extend_schema(
        operation_id="partner_aggregates",
        summary="R-11 aggregate table of the departments sharing data with the partner",
        description=(
            "One fixed table, cumulative to the end of the last closed month. Counts of 1-10 "
            "officers, and counts that would reveal one by subtraction (from totals, other "
            "rows or earlier reports), are null with `suppressed: true`; departments with fewer "
            "than `min_cell` officers are merged into the row `other`. No row-level data."
        ),
        parameters=[
            OpenApiParameter(
                "group_by",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(GROUPINGS),
                description="The table: department, state, curriculum, module or month.",
            ),
            PARTNER,
        ],
        responses={200: AggregatesOutputSerializer, **error_responses(400, 401, 403, 404, 429)},
    )
    def get(self, request):
        query = AggregatesQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        partner = _partner_or_404(request, query.validated_data.get("partner"))
        snapshot = partner_snapshot(partner=partner)
        return Response(table_as_dict(snapshot=snapshot, name=query.validated_data["group_by"]))


class PartnerReportListApi(APIView):
    permission_classes = [IsPartnerOrStaff]

    @extend_schema(
        operation_id="partner_reports_list",
        summary="The partner's periodic reports, newest first",
        parameters=[PARTNER],
        responses={
            200: PartnerReportPageSerializer,
            **error_responses(401, 403, 404, 429),
        },
    )
    def get(self, request):
        partner_id = request.query_params.get("partner")
        partner = _partner_or_404(request, partner_id)
        reports = partner_report_list_for(user=request.user, partner=partner).exclude(csv_file="")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(reports, request, view=self)
        data = PartnerReportOutputSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)
