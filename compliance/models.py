"""The compliance cycle's rules and records (issue 18).

- `AssignmentRule`: a department's standing order for one curriculum. "Every active officer
  holds a valid certificate" (kind `valid_certificate`) or "new officers get it within N days"
  (kind `new_officers`); `compliance.services.rules_apply` enrolls by it through the enrollment
  service, idempotently (beat task, roster import).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import US_STATES, Department, Invitation, Membership
from curriculum.models import Curriculum
from repair import clock

User = settings.AUTH_USER_MODEL


class AssignmentRule(models.Model):
    class Kind(models.TextChoices):
        VALID_CERTIFICATE = (
            "valid_certificate",
            _("Every active officer holds a valid certificate"),
        )
        NEW_OFFICERS = "new_officers", _("New officers take it within a number of days")

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="assignment_rules"
    )
    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.PROTECT, related_name="assignment_rules"
    )
    kind = models.CharField(_("rule"), max_length=24, choices=Kind.choices)
    due_within_days = models.PositiveSmallIntegerField(
        _("due within (days)"),
        default=30,
        help_text=_("An enrollment the rule makes is due this many days later."),
    )
    renew_days_before = models.PositiveSmallIntegerField(
        _("re-enroll ahead of expiry (days)"),
        default=60,
        help_text=_(
            "Certificates expiring within this many days get an enrollment in the next cycle, "
            "due the day before the certificate expires."
        ),
    )
    applies_from = models.DateField(
        _("applies to officers who joined from"),
        default=clock.today,
        help_text=_("New-officer rules only: earlier members are not enrolled by the rule."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["department", "curriculum__title", "kind"]
        verbose_name = _("assignment rule")
        constraints = [
            models.UniqueConstraint(
                fields=["department", "curriculum", "kind"], name="assignment_rule_unique"
            ),
            models.CheckConstraint(
                condition=Q(due_within_days__gte=1) & Q(due_within_days__lte=730),
                name="assignment_rule_due_within_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.department}: {self.get_kind_display()} ({self.curriculum})"


class OfficerProfile(models.Model):
    """What the compliance cycle keeps about one roster membership: the officer's state POST
    ID and their supervisor (another active member of the same department)."""

    membership = models.OneToOneField(
        Membership, on_delete=models.CASCADE, primary_key=True, related_name="compliance"
    )
    post_id = models.CharField(
        _("state POST ID"),
        max_length=32,
        blank=True,
        help_text=_(
            "The officer's identifier at the state's POST (Peace Officer Standards and Training) body."
        ),
    )
    supervisor = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="supervised_profiles",
        verbose_name=_("supervisor"),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("officer compliance profile")

    def __str__(self) -> str:
        return f"{self.membership_id}: {self.post_id}"


class PostCourse(models.Model):
    """A curriculum's course number and category at one state's POST body."""

    curriculum = models.ForeignKey(
        Curriculum, on_delete=models.CASCADE, related_name="post_courses"
    )
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    course_number = models.CharField(_("POST course number"), max_length=32)
    category = models.CharField(_("POST category"), max_length=100, blank=True)

    class Meta:
        ordering = ["curriculum", "state"]
        verbose_name = _("POST course number")
        constraints = [
            models.UniqueConstraint(fields=["curriculum", "state"], name="post_course_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.state} {self.course_number}"


class InvitationAssignment(models.Model):
    """Training named on an officer's invitation: enrolled when the invitation is accepted."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="assignments")
    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, related_name="+")
    due_on = models.DateField(_("due on"), null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["invitation", "curriculum"], name="invitation_assignment_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitation_id}: {self.curriculum_id}"
