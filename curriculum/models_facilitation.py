"""Facilitated learning (issue 17): who reads a reflection, rubrics, live sessions and
attendance, department trainers.

Imported at the bottom of `curriculum.models`, so these are `curriculum` models; they live in
their own module to keep the facilitation work apart from the course content.

- A reflection's responsible readers (`curriculum.selectors.facilitation`): the facilitator of
  the enrollment's cohort; else the department's current trainers (`DepartmentTrainer`); else
  the program's facilitator pool (users staff flagged `is_facilitator`).
- `RubricCriterion` / `RubricMark`: a few named criteria, each met or not yet, that a
  facilitator may mark on a reflection and the officer sees.
- `LiveSession` / `Attendance`: a cohort's scheduled sessions and who attended; attended minutes
  count toward credit hours (`curriculum.selectors.credit.attended_session_minutes`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Department

User = settings.AUTH_USER_MODEL


class DepartmentTrainer(models.Model):
    """An officer certified to facilitate cohorts of their own department (Training of
    Trainers). Current while not revoked and not past `expires_on`."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="trainer_certifications")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="trainers")
    certified_on = models.DateField(_("certified on"))
    expires_on = models.DateField(_("expires on"))
    certified_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["department", "-certified_on"]
        verbose_name = _("department trainer")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department"],
                condition=Q(revoked_at__isnull=True),
                name="department_trainer_one_current",
            ),
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("certified_on")),
                name="department_trainer_expires_after_certified",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.department})"


class RubricCriterion(models.Model):
    """One named criterion a facilitator may mark on any reflection (staff keep the list)."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    description = models.CharField(_("description"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("rubric criterion")
        verbose_name_plural = _("rubric criteria")

    def __str__(self) -> str:
        return self.name


class RubricMark(models.Model):
    response = models.ForeignKey(
        "curriculum.ReflectionResponse", on_delete=models.CASCADE, related_name="rubric_marks"
    )
    criterion = models.ForeignKey(RubricCriterion, on_delete=models.PROTECT, related_name="+")
    met = models.BooleanField(_("met"))

    class Meta:
        ordering = ["criterion__order", "criterion__name"]
        constraints = [
            models.UniqueConstraint(fields=["response", "criterion"], name="rubric_mark_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.response_id}: {self.criterion_id}={self.met}"
