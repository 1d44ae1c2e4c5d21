"""Output shapes of the partner endpoints (DESIGN.md contract); R-11 applies before these."""

from __future__ import annotations

from django.urls import reverse
from rest_framework import serializers

from partners.selectors import GROUPINGS


class AggregateRowSerializer(serializers.Serializer):
    key = serializers.CharField()
    label = serializers.CharField()
    officers = serializers.IntegerField(
        allow_null=True, help_text="Officers reached (distinct); null when suppressed."
    )
    enrolled = serializers.IntegerField(
        allow_null=True, help_text="Enrollments; null when suppressed."
    )
    completed = serializers.IntegerField(
        allow_null=True, help_text="Enrollments completed; null when suppressed."
    )
    completion_rate = serializers.FloatField(
        allow_null=True,
        help_text="completed / enrolled (0-1); null when suppressed or no enrollments.",
    )
    suppressed = serializers.BooleanField(
        help_text="True when R-11 withholds this row (a count of 1-10, or one that would reveal one)."
    )


class AggregateTotalsSerializer(serializers.Serializer):
    officers = serializers.IntegerField(allow_null=True)
    enrolled = serializers.IntegerField(allow_null=True)
    completed = serializers.IntegerField(allow_null=True)
    completion_rate = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()


class AggregatesOutputSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=GROUPINGS)
    min_cell = serializers.IntegerField(help_text="The R-11 threshold (never below 11).")
    period_start = serializers.DateField()
    period_end = serializers.DateField(help_text="Figures are cumulative to the end of this day.")
    rows = AggregateRowSerializer(many=True)
    totals = AggregateTotalsSerializer()


class PartnerReportOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    period_start = serializers.DateField()
    period_end = serializers.DateField()
    generated_at = serializers.DateTimeField()
    download_url = serializers.SerializerMethodField(help_text="The CSV file (session sign-in).")
    pdf_url = serializers.SerializerMethodField(help_text="The PDF file (session sign-in).")

    def _url(self, report, kind: str) -> str:
        path = reverse("partners:report-download", kwargs={"pk": report.pk, "kind": kind})
        request = self.context.get("request")
        return request.build_absolute_uri(path) if request else path

    def get_download_url(self, report) -> str:
        return self._url(report, "csv")

    def get_pdf_url(self, report) -> str:
        return self._url(report, "pdf")


class PartnerReportPageSerializer(serializers.Serializer):
    count = serializers.IntegerField()
    next = serializers.URLField(allow_null=True)
    previous = serializers.URLField(allow_null=True)
    results = PartnerReportOutputSerializer(many=True)
