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
        help_text="True when any figure of the row is withheld or given as a range."
    )
    withheld = serializers.DictField(
        child=serializers.ChoiceField(choices=["small_cell", "complementary", "change"]),
        help_text="Why each withheld figure is null: {figure: reason}.",
    )
    ranges = serializers.DictField(
        child=serializers.ListField(child=serializers.IntegerField(), min_length=2, max_length=2),
        help_text="Figures given as a range instead: {figure: [low, high]}.",
    )
    in_period = serializers.DictField(
        child=serializers.JSONField(),
        help_text=(
            "Each figure's change in the month since the report that ended on `change_since` "
            "(worked out from the two reports' published figures): an integer, or [low, high] "
            "when only a range follows; absent when either figure was withheld."
        ),
    )
    valid = serializers.IntegerField(
        required=False,
        allow_null=True,
        help_text=(
            "Trainer tables only: trainers holding a valid certification at the end of the "
            "month (enrolled - completed); null when either is withheld."
        ),
    )


class AggregateTotalsSerializer(serializers.Serializer):
    officers = serializers.IntegerField(allow_null=True)
    enrolled = serializers.IntegerField(allow_null=True)
    completed = serializers.IntegerField(allow_null=True)
    completion_rate = serializers.FloatField(allow_null=True)
    suppressed = serializers.BooleanField()
    withheld = serializers.DictField(child=serializers.CharField())
    ranges = serializers.DictField(child=serializers.ListField(child=serializers.IntegerField()))
    in_period = serializers.DictField(child=serializers.JSONField())
    valid = serializers.IntegerField(required=False, allow_null=True)


class AggregatesOutputSerializer(serializers.Serializer):
    group_by = serializers.ChoiceField(choices=GROUPINGS)
    min_cell = serializers.IntegerField(
        allow_null=True, help_text="The R-11 threshold of the report (never below 11)."
    )
    period_start = serializers.DateField(allow_null=True)
    period_end = serializers.DateField(
        allow_null=True,
        help_text="Figures are cumulative to the end of this day (in each department's zone).",
    )
    change_since = serializers.DateField(
        allow_null=True,
        help_text=(
            "`in_period` figures are the change since the report ending on this day (the month "
            "before, same departments); null for a first report."
        ),
    )
    not_counted = serializers.ListField(
        child=serializers.CharField(),
        allow_null=True,
        help_text=(
            "Published curricula with no enrollment counted in this report (titles); null "
            "before the first report, and for a report issued before reports listed them."
        ),
    )
    rows = AggregateRowSerializer(many=True)
    totals = AggregateTotalsSerializer(allow_null=True)


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
