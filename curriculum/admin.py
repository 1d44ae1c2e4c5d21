from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from curriculum.models import (
    Assessment,
    Certificate,
    Choice,
    Cohort,
    Curriculum,
    Enrollment,
    Lesson,
    Module,
    Question,
    Reflection,
)
from curriculum.services.certificates import certificate_revoke


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 0
    fields = ["order", "title", "estimated_minutes"]
    show_change_link = True


class LessonInline(admin.StackedInline):
    model = Lesson
    extra = 0
    fields = [
        ("order", "title", "kind", "estimated_minutes"),
        "body",
        "video",
        "captions_vtt",
        "transcript",
        "source",
    ]


class ReflectionInline(admin.StackedInline):
    model = Reflection
    extra = 0


class AssessmentInline(admin.TabularInline):
    model = Assessment
    extra = 0
    fields = ["kind", "title", "pass_mark", "max_attempts"]
    show_change_link = True


class ChoiceInline(admin.TabularInline):
    model = Choice
    extra = 0


class QuestionInline(admin.StackedInline):
    model = Question
    extra = 0
    show_change_link = True


@admin.register(Curriculum)
class CurriculumAdmin(admin.ModelAdmin):
    list_display = ["title", "language", "thematic_area", "credit_hours", "status", "is_paced"]
    list_filter = ["status", "language", "thematic_area"]
    search_fields = ["title", "slug"]
    prepopulated_fields = {"slug": ["title"]}
    inlines = [ModuleInline]


@admin.register(Module)
class ModuleAdmin(admin.ModelAdmin):
    list_display = ["title", "curriculum", "order", "estimated_minutes"]
    list_filter = ["curriculum"]
    search_fields = ["title"]
    inlines = [LessonInline, ReflectionInline, AssessmentInline]


@admin.register(Assessment)
class AssessmentAdmin(admin.ModelAdmin):
    list_display = ["title", "curriculum", "module", "kind", "pass_mark", "max_attempts"]
    list_filter = ["kind", "curriculum"]
    inlines = [QuestionInline]


@admin.register(Question)
class QuestionAdmin(admin.ModelAdmin):
    list_display = ["text", "assessment", "kind", "order"]
    list_filter = ["kind"]
    search_fields = ["text"]
    inlines = [ChoiceInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ["name", "curriculum", "department", "facilitator", "starts_on"]
    list_filter = ["curriculum"]
    autocomplete_fields = ["facilitator", "department"]


@admin.register(Enrollment)
class EnrollmentAdmin(admin.ModelAdmin):
    list_display = ["officer", "curriculum", "department", "status", "due_on", "progress"]
    list_filter = ["status", "curriculum", "department"]
    search_fields = ["officer__email", "officer__last_name"]
    list_select_related = ["officer", "curriculum", "department"]
    raw_id_fields = ["officer", "assigned_by", "cohort"]


@admin.register(Certificate)
class CertificateAdmin(admin.ModelAdmin):
    list_display = ["code", "holder_name", "curriculum_title", "issued_on", "revoked_at"]
    search_fields = ["code", "holder_name"]
    readonly_fields = [
        "enrollment",
        "code",
        "issued_on",
        "holder_name",
        "curriculum_title",
        "credit_hours",
        "completed_on",
        "revoked_at",
    ]
    list_filter = [("revoked_at", admin.EmptyFieldListFilter)]
    actions = ["revoke_selected"]

    @admin.action(description=_("Revoke the selected certificates"))
    def revoke_selected(self, request, queryset):
        revoked = 0
        for certificate in queryset.filter(revoked_at__isnull=True):
            certificate_revoke(
                certificate=certificate,
                acting_user=request.user,
                reason=str(_("Revoked by program staff.")),
            )
            revoked += 1
        self.message_user(request, _("%(count)d certificate(s) revoked.") % {"count": revoked})
