"""Admin for facilitated learning: rubric criteria (staff keep the list) and the department
trainers (certified through Training of Trainers; read here, revoked through the service)."""

from __future__ import annotations

from django.contrib import admin

from curriculum.models import DepartmentTrainer, RubricCriterion


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
