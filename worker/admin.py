from __future__ import annotations

import json

from django.conf import settings
from django.contrib import admin
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.translation import gettext_lazy as _

from repair.logging import scrub
from worker.models import Notification


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = ["dedupe_key", "kind", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["kind", "status"]
    search_fields = ["dedupe_key", "to_email"]
    # The context holds sign-in links (invitations): shown with their keys redacted, so no
    # one reading the outbox can take over an invited account.
    exclude = ["context"]
    readonly_fields = [
        *(f.name for f in Notification._meta.fields if f.name != "context"),
        "context_redacted",
    ]

    @admin.display(description=_("context"))
    def context_redacted(self, obj) -> str:
        return scrub(json.dumps(obj.context, sort_keys=True, ensure_ascii=False))

    def get_urls(self):
        schedule = path(
            "schedule/",
            self.admin_site.admin_view(self.schedule_view),
            name="worker_notification_schedule",
        )
        return [schedule, *super().get_urls()]

    def schedule_view(self, request):
        """Read-only: the beat schedule is static configuration (settings.CELERY_BEAT_SCHEDULE)."""
        entries = [
            {
                "name": name,
                "task": entry["task"],
                "schedule": str(entry["schedule"]),
                "expires": entry.get("options", {}).get("expires"),
            }
            for name, entry in sorted(settings.CELERY_BEAT_SCHEDULE.items())
        ]
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Beat schedule"),
            "entries": entries,
            "timezone": settings.CELERY_TIMEZONE,
        }
        return TemplateResponse(request, "admin/worker/notification/schedule.html", context)
