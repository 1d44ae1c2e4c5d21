from __future__ import annotations

from django.contrib import admin

from worker.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["dedupe_key", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["dedupe_key", "to_email"]
    readonly_fields = [f.name for f in Notification._meta.fields]
