"""The partner endpoints: fixed R-11 tables and the report archive (partner and staff only)."""

from __future__ import annotations

import re

from django.http import Http404
from django.utils.translation import gettext as _
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
    partner_report_latest,
    partner_report_list_for,
    table_as_dict,
)
from repair.api_errors import error_responses
from repair.db_router import replica_reads

PARTNER = OpenApiParameter(
    "partner",
    {"type": "integer", "minimum": 1, "maximum": 999_999_999},
    OpenApiParameter.QUERY,
    required=False,
    description="Partner organization id (staff, or a reviewer of several); default: the first.",
)
PAGE = OpenApiParameter(
    "page",
    {"type": "integer", "minimum": 1},
    OpenApiParameter.QUERY,
    required=False,
    description="Page number.",
)
_ID = re.compile(r"[1-9][0-9]{0,8}")


def _query(request, *, tables: bool = False) -> dict:
    """The query parameters, strictly: one value each, no blanks (fixed tables, no filters)."""
    params, found, errors = request.query_params, {}, {}
    if tables:
        values = params.getlist("group_by") or ["department"]
        if len(values) == 1 and values[0] in GROUPINGS:
            found["group_by"] = values[0]
        else:
            errors["group_by"] = [_("Give one of: %(names)s.") % {"names": ", ".join(GROUPINGS)}]
    values = params.getlist("partner")
    if values:
        if len(values) == 1 and _ID.fullmatch(values[0]):
            found["partner"] = int(values[0])
        else:
            errors["partner"] = [_("Give one partner organization id.")]
    if errors:
        raise serializers.ValidationError(errors)
    return found


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
            "One fixed table of the partner's latest monthly report (cumulative to the end of "
            "that month), exactly as the report published it; before the first report, no rows. "
            "A figure that R-11 withholds is null, with its reason in `withheld` "
            "(`small_cell`: a group of 1 to min_cell-1 officers; `complementary`: it would let a "
            "withheld figure be worked out by subtraction, from totals, other rows, another "
            "partner's figures or an earlier report; `change`: it changed by 1 to min_cell-1 "
            "since the last report); the officers of a small group may be given as a range in "
            "`ranges` ([1, min_cell-1]). `suppressed` is true when any figure of the row is not "
            "exact. Departments with 1 to 29 officers (REPAIR_PARTNER_SIZE_BANDS) are grouped "
            "by state and size band (keys `GA:1-10`, `GA:11-29`). The trainer tables "
            "(`trainer`: by state, `trainer_month`: by month of certification) count the "
            "department trainers certified through Training of Trainers: `officers` trainers "
            "certified, `enrolled` certifications issued, `completed` certifications expired "
            "or revoked, `valid` those holding a valid certification at the end of the month "
            "(null when withheld). `discussion` (by module): `officers` officers who posted in "
            "their cohort's module threads, `enrolled` posts, `completed` replies. No row-level "
            "data."
        ),
        parameters=[
            OpenApiParameter(
                "group_by",
                OpenApiTypes.STR,
                OpenApiParameter.QUERY,
                enum=list(GROUPINGS),
                description=(
                    "The table: department, state, curriculum, module, or month, quarter or "
                    "year of enrollment; trainer (certified trainers by state) or trainer_month "
                    "(by month of certification); discussion (posts per module)."
                ),
            ),
            PARTNER,
        ],
        responses={200: AggregatesOutputSerializer, **error_responses(400, 401, 403, 404, 429)},
    )
    def get(self, request):
        query = _query(request, tables=True)
        partner = _partner_or_404(request, query.get("partner"))
        with replica_reads():  # a stored report: a replica's lag is harmless (docs/scaling.md)
            report = partner_report_latest(partner=partner)
            return Response(table_as_dict(report=report, name=query["group_by"]))


class PartnerReportListApi(APIView):
    permission_classes = [IsPartnerOrStaff]

    @extend_schema(
        operation_id="partner_reports_list",
        summary="The partner's periodic reports, newest first",
        parameters=[PARTNER, PAGE],
        responses={
            200: PartnerReportPageSerializer,
            **error_responses(400, 401, 403, 404, 429),
        },
    )
    def get(self, request):
        partner = _partner_or_404(request, _query(request).get("partner"))
        reports = partner_report_list_for(user=request.user, partner=partner).exclude(csv_file="")
        paginator = PageNumberPagination()
        page = paginator.paginate_queryset(reports, request, view=self)
        data = PartnerReportOutputSerializer(page, many=True, context={"request": request}).data
        return paginator.get_paginated_response(data)
