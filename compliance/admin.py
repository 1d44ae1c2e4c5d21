from django.contrib import admin

from compliance.models import AssignmentRule, OfficerProfile, PostCourse


@admin.register(PostCourse)
class PostCourseAdmin(admin.ModelAdmin):
    list_display = ["curriculum", "state", "course_number", "category"]
    list_filter = ["state"]
    search_fields = ["curriculum__title", "course_number"]


@admin.register(AssignmentRule)
class AssignmentRuleAdmin(admin.ModelAdmin):
    list_display = ["department", "curriculum", "kind", "due_within_days", "is_active"]
    list_filter = ["kind", "is_active"]
    raw_id_fields = ["created_by"]


@admin.register(OfficerProfile)
class OfficerProfileAdmin(admin.ModelAdmin):
    list_display = ["membership", "post_id", "supervisor"]
    search_fields = ["post_id", "membership__user__email"]
    raw_id_fields = ["membership", "supervisor"]
