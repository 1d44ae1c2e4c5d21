"""The notification outbox: one row per message, sent exactly once."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    class Kind(models.TextChoices):
        DUE_SOON_7D = "due_soon_7d", _("Due in 7 days")
        DUE_SOON_1D = "due_soon_1d", _("Due in 1 day")
        OVERDUE = "overdue", _("Overdue")
        NUDGE = "nudge", _("Reminder from the liaison")
        LIAISON_DIGEST = "liaison_digest", _("Weekly digest of overdue officers")
        FACILITATOR_REPLIED = "facilitator_replied", _("Facilitator replied")
        MODULE_OPENED = "module_opened", _("Cohort module opened")
        PARTNER_REPORT_READY = "partner_report_ready", _("Partner report ready")
        INVITATION = "invitation", _("Invitation")
        XAPI_STATEMENT = "xapi_statement", _("xAPI statement to a department's LRS")
        LTI_SCORE = "lti_score", _("Score and completion to a department's LMS (LTI)")
        FACILITATOR_DIGEST = "facilitator_digest", _("Daily digest of waiting reflections")
        REFLECTION_ESCALATION = "reflection_escalation", _("Reflections waiting too long (staff)")
        SESSION_REMINDER = "session_reminder", _("Live session tomorrow")
        DISCUSSION_REPLY = "discussion_reply", _("Reply to your discussion post")
        COHORT_ANNOUNCEMENT = "cohort_announcement", _("Announcement to a cohort")
        CERTIFICATE_EXPIRING = "certificate_expiring", _("Certificate expiring")
        TRAINING_ASSIGNED = "training_assigned", _("Training assigned")
        SUPERVISOR_DIGEST = (
            "supervisor_digest",
            _("Weekly digest of a supervisor's overdue officers"),
        )

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(max_length=32, choices=Kind.choices)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    to_email = models.EmailField(blank=True)
    dedupe_key = models.CharField(max_length=200, unique=True)
    context = models.JSONField(default=dict, blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_error = models.TextField(blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(default=timezone.now)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(recipient__isnull=False) | ~Q(to_email=""),
                name="notification_has_recipient",
            ),
            models.CheckConstraint(
                condition=~Q(status="sent") | Q(sent_at__isnull=False),
                name="notification_sent_has_date",
            ),
        ]
        indexes = [
            # The claim orders by (next_attempt_at, id): with both in the index the first due
            # row is read straight off it, whatever the planner's statistics say right after a
            # sweep has inserted thousands of rows (bench: 252 ms -> 0.2 ms a claim at 50,000).
            models.Index(
                fields=["next_attempt_at", "id"],
                condition=Q(status__in=["pending", "sending"]),
                name="notification_due",
            ),
        ]

    def __str__(self) -> str:
        return self.dedupe_key
