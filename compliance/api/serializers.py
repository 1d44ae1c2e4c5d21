from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from compliance.models import AssignmentRule


class ComplianceCurriculumSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    title = serializers.CharField()


class RuleComplianceOutputSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="rule.pk")
    curriculum = ComplianceCurriculumSerializer(source="rule.curriculum")
    kind = serializers.ChoiceField(source="rule.kind", choices=AssignmentRule.Kind.choices)
    due_within_days = serializers.IntegerField(source="rule.due_within_days")
    renew_days_before = serializers.IntegerField(source="rule.renew_days_before")
    officers = serializers.SerializerMethodField(help_text=_("Officers the rule counts."))
    compliant = serializers.SerializerMethodField()
    due = serializers.SerializerMethodField()
    overdue = serializers.SerializerMethodField()
    expired = serializers.SerializerMethodField()

    def get_officers(self, entry) -> int:
        return len(entry.officers)

    def get_compliant(self, entry) -> int:
        return entry.count("compliant")

    def get_due(self, entry) -> int:
        return entry.count("due")

    def get_overdue(self, entry) -> int:
        return entry.count("overdue")

    def get_expired(self, entry) -> int:
        return entry.count("expired")


class DepartmentComplianceOutputSerializer(serializers.Serializer):
    department = serializers.IntegerField()
    as_of = serializers.DateField(help_text=_("The department's date the figures are for."))
    rules = RuleComplianceOutputSerializer(many=True)
