"""Admin for facilitated learning: rubric criteria (staff keep the list) and the department
trainers (certified through Training of Trainers; read here, revoked through the service)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from curriculum.admin import CohortAdmin
from curriculum.models import Cohort, DepartmentTrainer, RubricCriterion
from curriculum.services.cohorts import facilitator_may_lead


class CohortAdminForm(forms.ModelForm):
    """The admin keeps the rule the department's page keeps: a department trainer facilitates
    cohorts of their own department only."""

    class Meta:
        model = Cohort
        fields = [
            "curriculum",
            "name",
            "department",
            "facilitator",
            "starts_on",
            "release_interval_days",
            "capacity",
        ]

    def clean(self):
        cleaned = super().clean()
        facilitator = cleaned.get("facilitator")
        department = cleaned.get("department")
        if facilitator is not None and not facilitator_may_lead(
            user=facilitator, department=department
        ):
            self.add_error(
                "facilitator",
                _(
                    "Choose a program facilitator, or a current trainer of this cohort's "
                    "department."
                ),
            )
        return cleaned


admin.site.unregister(Cohort)


@admin.register(Cohort)
class CohortFacilitationAdmin(CohortAdmin):
    form = CohortAdminForm


@admin.register(RubricCriterion)
class RubricCriterionAdmin(admin.ModelAdmin):
    list_display = ["name", "order", "is_active"]
    list_editable = ["order", "is_active"]


@admin.register(DepartmentTrainer)
class DepartmentTrainerAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "certified_on", "expires_on", "revoked_at"]
    list_filter = ["department__state"]
    list_select_related = ["user", "department"]
    search_fields = ["user__email", "user__last_name", "department__name"]
    readonly_fields = ["user", "department", "certified_on", "certified_by", "revoked_at"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
