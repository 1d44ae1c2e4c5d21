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

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
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
    code = models.CharField(_("certificate code"), max_length=32, unique=True, null=True)

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


class LiveSession(models.Model):
    """A scheduled facilitated session of a cohort: online (a meeting link) or in person (a
    place), tied to a module or free-standing."""

    class Format(models.TextChoices):
        ONLINE = "online", _("Online")
        IN_PERSON = "in_person", _("In person")

    cohort = models.ForeignKey(
        "curriculum.Cohort", on_delete=models.PROTECT, related_name="live_sessions"
    )
    module = models.ForeignKey(
        "curriculum.Module", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    duration_minutes = models.PositiveSmallIntegerField(_("length (minutes)"), default=90)
    format = models.CharField(
        _("format"), max_length=16, choices=Format.choices, default=Format.ONLINE
    )
    meeting_url = models.URLField(_("meeting link"), max_length=500, blank=True)
    location = models.CharField(_("place"), max_length=300, blank=True)
    co_facilitator = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="co_facilitated_sessions",
        verbose_name=_("co-facilitator"),
    )
    practicum_confirmed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    practicum_confirmed_at = models.DateTimeField(null=True, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        verbose_name = _("live session")
        constraints = [
            models.CheckConstraint(
                condition=Q(duration_minutes__gt=0, duration_minutes__lte=600),
                name="live_session_duration_range",
            ),
            models.CheckConstraint(
                condition=Q(practicum_confirmed_at__isnull=True) | Q(co_facilitator__isnull=False),
                name="live_session_practicum_has_co_facilitator",
            ),
            models.CheckConstraint(
                condition=(Q(format="online") & ~Q(meeting_url=""))
                | (Q(format="in_person") & ~Q(location="")),
                name="live_session_has_link_or_place",
            ),
        ]
        indexes = [models.Index(fields=["cohort", "starts_at"])]

    def __str__(self) -> str:
        return self.title

    @property
    def ends_at(self):
        return self.starts_at + timedelta(minutes=self.duration_minutes)


class Attendance(models.Model):
    """One officer's attendance at one session; `minutes` is the time that counts toward
    credit hours (the session's length when present, what the facilitator entered when late,
    none when absent or excused)."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        LATE = "late", _("Late")
        ABSENT = "absent", _("Absent")
        EXCUSED = "excused", _("Excused")

    session = models.ForeignKey(LiveSession, on_delete=models.CASCADE, related_name="attendances")
    enrollment = models.ForeignKey(
        "curriculum.Enrollment", on_delete=models.CASCADE, related_name="attendances"
    )
    status = models.CharField(_("attendance"), max_length=16, choices=Status.choices)
    minutes = models.PositiveSmallIntegerField(_("minutes attended"), default=0)
    recorded_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["session", "enrollment"]
        constraints = [
            models.UniqueConstraint(fields=["session", "enrollment"], name="attendance_unique"),
            models.CheckConstraint(
                condition=Q(status__in=["present", "late"]) | Q(minutes=0),
                name="attendance_minutes_only_when_there",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.session_id}/{self.enrollment_id}: {self.status}"


class CalendarFeed(models.Model):
    """The secret address of a user's iCalendar feed (sessions and due dates); only its hash
    is kept. Making a new one replaces the old."""

    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="calendar_feed")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=timezone.now)

    def __str__(self) -> str:
        return f"calendar of {self.user_id}"


class DiscussionPost(models.Model):
    """A post in a cohort's discussion of one module (`module` empty: the general thread), or a
    reply to one. Seen by the cohort's current members and its facilitator only; a hidden post
    keeps its text for the audit but shows only the moderator's reason."""

    cohort = models.ForeignKey(
        "curriculum.Cohort", on_delete=models.CASCADE, related_name="discussion_posts"
    )
    module = models.ForeignKey(
        "curriculum.Module", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="discussion_posts")
    body = models.TextField(_("post"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["cohort", "module", "created_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(hidden_at__isnull=True) | ~Q(hidden_reason=""),
                name="discussion_post_hidden_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort_id}/{self.module_id}: {self.body[:40]}"


class Announcement(models.Model):
    """A message from the facilitator to the whole cohort: on the course page and by email."""

    cohort = models.ForeignKey(
        "curriculum.Cohort", on_delete=models.CASCADE, related_name="announcements"
    )
    author = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), max_length=5000)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title


class CohortWaitlistEntry(models.Model):
    """An officer waiting for a seat in a full cohort; seated oldest first."""

    cohort = models.ForeignKey(
        "curriculum.Cohort", on_delete=models.CASCADE, related_name="waitlist"
    )
    officer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="+")
    added_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("waiting-list entry")
        verbose_name_plural = _("waiting list")
        constraints = [
            models.UniqueConstraint(fields=["cohort", "officer"], name="cohort_waitlist_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.officer_id} waits for {self.cohort_id}"
