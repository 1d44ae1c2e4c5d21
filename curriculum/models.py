"""Curricula and their versioned content, cohorts, enrollments, progress, attempts, reviews and
certificates.

A map for the engineers who build on these models:

- `Curriculum` is the catalogue entry (slug, language, translation group, pacing, status). Its
  title, summary and credit hours mirror its current published version.
- `CurriculumVersion` holds one version of the content: `Module` -> `Lesson`, `Reflection`;
  `Assessment` (knowledge checks per module, a pre- and a post-test) -> `Question` -> `Choice`.
  A draft version is edited by staff; publishing freezes it (content hash over a canonical
  serialization, `curriculum.versions`). Published rows are never edited again: a later edit
  makes the draft of the next version.
- `Enrollment` records the version it is taken on; every progress row (`ModuleProgress`,
  `LessonProgress`, `Attempt`, `ReflectionResponse`, `Feedback`) points at that version's rows,
  so what an officer read and answered stays whole.
- `LessonClock` says which lesson of an enrollment earns time now (`LessonProgress.seconds_spent`).
- `CompletionReview` holds a completion that was far faster than the estimate until the liaison
  (or staff) confirms it or returns it (REPAIR_FAST_COMPLETION_POLICY).
"""

from __future__ import annotations

from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department
from repair import clock

User = settings.AUTH_USER_MODEL


class Curriculum(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        RETIRED = "retired", _("Retired")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    summary = models.TextField(_("summary"), blank=True)
    thematic_area = models.CharField(_("thematic area"), max_length=100)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    credit_hours = models.DecimalField(
        _("credit hours"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Those of the current version; empty until a version is published."),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.DRAFT
    )
    translation_group = models.SlugField(
        _("translation group"),
        max_length=100,
        blank=True,
        help_text=_("Curricula that translate one another share this value."),
    )
    is_paced = models.BooleanField(
        _("paced"), default=False, help_text=_("Modules are released to cohorts on a schedule.")
    )
    validity_months = models.PositiveSmallIntegerField(
        _("certificate validity (months)"),
        null=True,
        blank=True,
        help_text=_(
            "Empty: certificates never expire. E.g. 12 or 24: a certificate expires that many "
            "months after the completion date, on the department's calendar."
        ),
    )
    current_version = models.ForeignKey(
        "CurriculumVersion",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("current version"),
        help_text=_("The published version that new enrollments get."),
    )
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name_plural = _("curricula")
        constraints = [
            models.UniqueConstraint(
                fields=["translation_group", "language"],
                condition=~Q(translation_group=""),
                name="curriculum_one_language_per_translation_group",
            ),
            models.CheckConstraint(
                condition=Q(credit_hours__isnull=True) | Q(credit_hours__gt=0),
                name="curriculum_credit_hours_positive",
            ),
            models.CheckConstraint(
                condition=Q(validity_months__isnull=True) | Q(validity_months__gt=0),
                name="curriculum_validity_months_positive",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(current_version__isnull=False),
                name="curriculum_published_has_version",
            ),
        ]
        indexes = [models.Index(fields=["status", "language"])]

    def __str__(self) -> str:
        return self.title


class CurriculumVersion(models.Model):
    """One version of a curriculum's content.

    A draft (no `published_at`) is what staff edit; there is at most one per curriculum.
    Publishing (`curriculum.versions.version_publish`) checks the content, derives the credit
    hours, stores the content hash and freezes it: its rows are never edited again.
    `credit_hours` is what a certificate of this version awards; it is derived from the content
    unless `credit_hours_override` is set, which the change note must justify.
    """

    curriculum = models.ForeignKey(Curriculum, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    thematic_area = models.CharField(_("thematic area"), max_length=100)
    credit_hours = models.DecimalField(
        _("credit hours"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    credit_hours_override = models.DecimalField(
        _("credit hours override"),
        max_digits=5,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_(
            "Leave empty to award the hours the content supports. An override above them must "
            "be justified in the change note."
        ),
    )
    content_hash = models.CharField(_("content hash (SHA-256)"), max_length=64, blank=True)
    change_note = models.TextField(_("change note"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    published_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["curriculum", "number"]
        verbose_name = _("curriculum version")
        constraints = [
            models.UniqueConstraint(
                fields=["curriculum", "number"], name="curriculum_version_number_unique"
            ),
            models.UniqueConstraint(
                fields=["curriculum"],
                condition=Q(published_at__isnull=True),
                name="curriculum_version_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(published_at__isnull=True)
                | (~Q(content_hash="") & Q(credit_hours__gt=0)),
                name="curriculum_version_published_is_sealed",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.curriculum.slug} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class Module(models.Model):
    version = models.ForeignKey(CurriculumVersion, on_delete=models.CASCADE, related_name="modules")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(
        _("estimated minutes"),
        default=30,
        help_text=_("Set on publishing: its lessons and its knowledge check."),
    )

    class Meta:
        ordering = ["version", "order"]
        constraints = [
            models.UniqueConstraint(fields=["version", "order"], name="module_order_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.title}"


class Lesson(models.Model):
    class Kind(models.TextChoices):
        TEXT = "text", _("Text")
        VIDEO = "video", _("Video")
        READING = "reading", _("Reading")

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="lessons")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.TEXT)
    body = models.TextField(_("body (Markdown)"), blank=True)
    video = models.FileField(_("video file"), upload_to="lessons/video/", blank=True)
    captions_vtt = models.TextField(_("captions (WebVTT)"), blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    estimated_minutes = models.PositiveSmallIntegerField(_("estimated minutes"), default=10)

    class Meta:
        ordering = ["module", "order"]
        constraints = [
            models.UniqueConstraint(fields=["module", "order"], name="lesson_order_unique"),
            models.CheckConstraint(
                condition=~Q(kind="video") | ~Q(transcript=""),
                name="lesson_video_has_transcript",
            ),
        ]

    def __str__(self) -> str:
        return self.title


class Assessment(models.Model):
    class Kind(models.TextChoices):
        KNOWLEDGE_CHECK = "knowledge_check", _("Knowledge check")
        PRE_TEST = "pre_test", _("Pre-test")
        POST_TEST = "post_test", _("Post-test")

    version = models.ForeignKey(
        CurriculumVersion, on_delete=models.CASCADE, related_name="assessments"
    )
    module = models.ForeignKey(
        Module, on_delete=models.CASCADE, null=True, blank=True, related_name="assessments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"), default=70, validators=[MaxValueValidator(100)]
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempts allowed"), default=3, help_text=_("0 means unlimited.")
    )
    question_source = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("A post-test asks the items of this assessment (its pre-test)."),
    )

    class Meta:
        ordering = ["version", "module__order", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["module"],
                condition=Q(kind="knowledge_check"),
                name="assessment_one_knowledge_check_per_module",
            ),
            models.UniqueConstraint(
                fields=["version", "kind"],
                condition=Q(kind__in=["pre_test", "post_test"]),
                name="assessment_one_pre_post_per_version",
            ),
            models.CheckConstraint(
                condition=Q(kind="knowledge_check", module__isnull=False)
                | Q(kind__in=["pre_test", "post_test"], module__isnull=True),
                name="assessment_module_matches_kind",
            ),
            models.CheckConstraint(
                condition=Q(pass_mark__lte=100), name="assessment_pass_mark_percent"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def item_bank(self) -> Assessment:
        return self.question_source or self


class Question(models.Model):
    class Kind(models.TextChoices):
        SINGLE = "single", _("Single choice")
        MULTIPLE = "multiple", _("Multiple choice")
        TRUE_FALSE = "true_false", _("True or false")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="questions")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.TextField(_("question"))
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices, default=Kind.SINGLE)
    explanation = models.TextField(_("explanation"), blank=True)

    class Meta:
        ordering = ["assessment", "order"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "order"], name="question_order_unique"),
        ]

    def __str__(self) -> str:
        return self.text[:80]


class Choice(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="choices")
    order = models.PositiveSmallIntegerField(_("order"))
    text = models.CharField(_("text"), max_length=500)
    is_correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "order"]
        constraints = [
            models.UniqueConstraint(fields=["question", "order"], name="choice_order_unique"),
        ]

    def __str__(self) -> str:
        return self.text


class Reflection(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="reflections")
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    prompt = models.TextField(_("prompt"))

    class Meta:
        ordering = ["module", "order"]
        constraints = [
            models.UniqueConstraint(fields=["module", "order"], name="reflection_order_unique"),
        ]

    def __str__(self) -> str:
        return self.prompt[:80]


class Cohort(models.Model):
    """Enrollments that move through a paced curriculum together, one module per interval."""

    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, related_name="cohorts")
    name = models.CharField(_("name"), max_length=200)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="cohorts"
    )
    facilitator = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="facilitated_cohorts"
    )
    starts_on = models.DateField(_("starts on"))
    release_interval_days = models.PositiveSmallIntegerField(
        _("days between module releases"), default=7
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=75)

    class Meta:
        ordering = ["-starts_on", "name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(release_interval_days__gte=0), name="cohort_interval_non_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def module_opens_on(self, module_order: int) -> date:
        return self.starts_on + timedelta(days=self.release_interval_days * (module_order - 1))


class Enrollment(models.Model):
    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        COMPLETED = "completed", _("Completed")

    officer = models.ForeignKey(User, on_delete=models.PROTECT, related_name="enrollments")
    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, related_name="enrollments")
    version = models.ForeignKey(
        CurriculumVersion,
        on_delete=models.PROTECT,
        related_name="enrollments",
        help_text=_("The version of the curriculum this enrollment is taken on."),
    )
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="enrollments")
    cohort = models.ForeignKey(
        Cohort, on_delete=models.PROTECT, null=True, blank=True, related_name="enrollments"
    )
    assigned_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(default=timezone.now)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    # Services set the department's cycle; the default (the site's year) serves fixtures.
    cycle = models.CharField(
        _("training cycle"),
        max_length=16,
        default=clock.current_cycle,
        help_text=_('E.g. "2027": an officer takes a curriculum at most once per cycle.'),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.NOT_STARTED
    )
    progress = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MaxValueValidator(100)]
    )
    started_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    flagged_fast = models.BooleanField(_("completed far faster than estimated"), default=False)

    class Meta:
        ordering = ["-assigned_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["officer", "curriculum", "cycle"],
                name="enrollment_one_per_officer_curriculum_cycle",
            ),
            models.CheckConstraint(
                condition=Q(status="completed", completed_at__isnull=False)
                | (~Q(status="completed") & Q(completed_at__isnull=True)),
                name="enrollment_completed_has_date",
            ),
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="enrollment_progress_percent"
            ),
        ]
        indexes = [
            models.Index(fields=["department", "status"], name="enrollment_dept_status"),
            models.Index(fields=["department", "curriculum"], name="enrollment_dept_curriculum"),
            models.Index(fields=["department", "completed_at"], name="enrollment_dept_completed"),
            # The department summary's figures and the completions series, read from the index
            # alone on PostgreSQL (bench): current enrollments only.
            models.Index(
                fields=["department", "curriculum", "status", "due_on"],
                include=["id", "withdrawn_at"],
                condition=Q(withdrawn_at__isnull=True),
                name="enrollment_dept_current",
            ),
            models.Index(
                fields=["department", "completed_at"],
                include=["id", "withdrawn_at"],
                condition=Q(status="completed", withdrawn_at__isnull=True),
                name="enrollment_dept_completions",
            ),
            models.Index(
                fields=["due_on"],
                condition=~Q(status="completed") & Q(withdrawn_at__isnull=True),
                name="enrollment_open_due",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.officer} in {self.curriculum}"

    def overdue_on(self, today: date) -> bool:
        """Overdue as of the department's date `today`."""
        return (
            self.due_on is not None
            and self.status != self.Status.COMPLETED
            and self.withdrawn_at is None
            and self.due_on < today
        )

    @property
    def is_overdue(self) -> bool:
        return self.overdue_on(clock.today(self.department))

    @property
    def completed_on(self) -> date | None:
        """The department's date of the completion (certificate, transcript, exports, API)."""
        return clock.local_date(self.completed_at, self.department)


class ModuleProgress(models.Model):
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="module_progress"
    )
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="+")
    started_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "module"], name="module_progress_unique"),
        ]
        verbose_name_plural = _("module progress")

    def __str__(self) -> str:
        return f"{self.enrollment} / {self.module}"


class LessonProgress(models.Model):
    """Server-side time on a lesson: it counts only after enough time on it.

    `seconds_spent` is the time the lesson clock credited (null: the lesson was taken before
    the clock existed). A completion returned by the liaison reopens the lesson and needs the
    minimum time again beyond `seconds_baseline`.
    """

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="lesson_progress"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="+")
    opened_at = models.DateTimeField(default=timezone.now)
    completed_at = models.DateTimeField(null=True, blank=True)
    seconds_spent = models.PositiveIntegerField(_("seconds on the lesson"), null=True, default=0)
    seconds_baseline = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "lesson"], name="lesson_progress_unique"),
        ]
        verbose_name_plural = _("lesson progress")

    def __str__(self) -> str:
        return f"{self.enrollment} / {self.lesson}"


class LessonClock(models.Model):
    """Which lesson of an enrollment earns time: the one most recently opened (one at a time).

    `beat_at` is the last page view or ping of a visible page that the clock took; a gap longer
    than REPAIR_LESSON_IDLE_SECONDS between two beats earns nothing.
    """

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.CASCADE, primary_key=True, related_name="lesson_clock"
    )
    lesson = models.ForeignKey(Lesson, on_delete=models.PROTECT, related_name="+")
    beat_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.lesson_id}"


class Attempt(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="attempts")
    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="attempts")
    number = models.PositiveSmallIntegerField(_("attempt number"), default=1)
    started_at = models.DateTimeField(default=timezone.now)
    submitted_at = models.DateTimeField(null=True, blank=True)
    choice_order = models.JSONField(default=dict, blank=True)
    answers = models.JSONField(default=dict, blank=True)
    score = models.PositiveSmallIntegerField(
        _("score (%)"), null=True, blank=True, validators=[MaxValueValidator(100)]
    )
    passed = models.BooleanField(default=False)

    class Meta:
        ordering = ["enrollment", "assessment", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment", "assessment", "number"], name="attempt_number_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} #{self.number}"


class ReflectionResponse(models.Model):
    """An officer's reflection; its text is for the officer and the facilitator only."""

    reflection = models.ForeignKey(Reflection, on_delete=models.PROTECT, related_name="responses")
    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="reflection_responses"
    )
    text = models.TextField(_("response"))
    submitted_at = models.DateTimeField(default=timezone.now)
    feedback = models.TextField(_("facilitator feedback"), blank=True)
    feedback_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    feedback_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["reflection", "enrollment"], name="reflection_response_unique"
            ),
        ]
        indexes = [models.Index(fields=["feedback_at", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.enrollment} / {self.reflection_id}"


class Feedback(models.Model):
    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="feedback")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="feedback")
    rating = models.PositiveSmallIntegerField(
        _("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    comment = models.TextField(_("comment"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "module"], name="feedback_unique"),
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.module}: {self.rating}"


class CompletionReview(models.Model):
    """A completion far faster than the estimate, held until the liaison or staff decide.

    Under REPAIR_FAST_COMPLETION_POLICY=hold the enrollment stays in progress and earns no
    certificate while a review is pending; confirming completes it as of `requested_at`,
    returning reopens its lessons with the reviewer's note.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        CONFIRMED = "confirmed", _("Confirmed")
        RETURNED = "returned", _("Returned to the officer")

    enrollment = models.ForeignKey(
        Enrollment, on_delete=models.CASCADE, related_name="completion_reviews"
    )
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.PENDING
    )
    requested_at = models.DateTimeField(_("finished at"))
    minutes_taken = models.PositiveIntegerField(_("minutes taken"))
    minutes_expected = models.PositiveIntegerField(_("minutes expected"))
    decided_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    note = models.TextField(_("note to the officer"), blank=True)

    class Meta:
        ordering = ["-requested_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["enrollment"],
                condition=Q(status="pending"),
                name="completion_review_one_pending",
            ),
            models.CheckConstraint(
                condition=Q(status="pending", decided_at__isnull=True)
                | (~Q(status="pending") & Q(decided_at__isnull=False)),
                name="completion_review_decided_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(note=""),
                name="completion_review_return_has_note",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}: {self.status}"


class Certificate(models.Model):
    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.PROTECT, related_name="certificate"
    )
    code = models.CharField(_("code"), max_length=32, unique=True)
    issued_on = models.DateField(_("issued on"), default=clock.today)
    holder_name = models.CharField(_("holder"), max_length=300)
    curriculum_title = models.CharField(_("curriculum"), max_length=200)
    credit_hours = models.DecimalField(_("credit hours"), max_digits=5, decimal_places=1)
    completed_on = models.DateField(_("completed on"))
    expires_on = models.DateField(
        _("expires on"),
        null=True,
        blank=True,
        help_text=_("The department's date from which it is no longer valid; empty: never."),
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_reason = models.CharField(_("reason for revocation"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        indexes = [
            # The expiry reminders and the compliance figures read certificates by expiry.
            models.Index(
                fields=["expires_on"],
                condition=Q(revoked_at__isnull=True, expires_on__isnull=False),
                name="certificate_expiring",
            ),
        ]

    def __str__(self) -> str:
        return self.code

    def expired_on(self, today: date) -> bool:
        """Expired as of the department's date `today` (it expires at the start of its date)."""
        return self.expires_on is not None and today >= self.expires_on

    @property
    def is_expired(self) -> bool:
        return self.expired_on(clock.today(self.enrollment.department))

    @property
    def is_valid(self) -> bool:
        return self.revoked_at is None and not self.is_expired

    @property
    def state(self) -> str:
        """What /verify/ and the API say: "revoked", "expired" or "valid"."""
        if self.revoked_at is not None:
            return "revoked"
        return "expired" if self.is_expired else "valid"


# Facilitated learning lives in its own module; importing it here registers its models.
from curriculum.models_facilitation import (  # noqa: E402, F401
    Announcement,
    Attendance,
    CalendarFeed,
    CohortWaitlistEntry,
    DepartmentTrainer,
    DiscussionPost,
    LiveSession,
    RubricCriterion,
    RubricMark,
)
