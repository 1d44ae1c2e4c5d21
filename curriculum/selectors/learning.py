"""Reads of the officer's learning: where an enrollment stands, what opens when, what is next.

`enrollment_state` loads one enrollment's content and progress in a fixed number of queries and
answers what the player and the progress services ask: which modules are released (paced
cohorts) and unlocked (pre-test done, previous module complete), which steps are done, the
progress percentage and the next step. The services judge completion with the same state, so
the page and the rules never disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import (
    Count,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
)
from django.http import Http404
from django.utils import timezone

from curriculum.certificate_codes import certificate_code_candidates
from curriculum.models import (
    Assessment,
    Attempt,
    Certificate,
    Cohort,
    CompletionReview,
    Curriculum,
    Enrollment,
    Feedback,
    Lesson,
    LessonProgress,
    Module,
    ModuleProgress,
    Question,
    Reflection,
    ReflectionResponse,
)
from curriculum.selectors.enrollments import officer_enrollment_list
from repair import clock

PRE_TEST = Assessment.Kind.PRE_TEST
POST_TEST = Assessment.Kind.POST_TEST
KNOWLEDGE_CHECK = Assessment.Kind.KNOWLEDGE_CHECK


@dataclass
class AssessmentState:
    assessment: Assessment
    submitted: int = 0
    passed: bool = False
    open_attempt: Attempt | None = None
    first_score: int | None = None
    best_score: int | None = None

    @property
    def attempt_limit(self) -> int:
        """0 means unlimited; a pre-test is a baseline and is taken once."""
        return 1 if self.assessment.kind == PRE_TEST else self.assessment.max_attempts

    @property
    def attempts_left(self) -> int | None:
        if not self.attempt_limit:
            return None
        return max(self.attempt_limit - self.submitted, 0)

    @property
    def done(self) -> bool:
        if self.assessment.kind == PRE_TEST:
            return self.submitted > 0
        return self.passed

    @property
    def exhausted(self) -> bool:
        return not self.done and self.attempts_left == 0 and self.open_attempt is None


@dataclass
class Step:
    kind: str  # pre_test, lesson, knowledge_check, reflection, post_test
    obj: object
    done: bool
    module: Module | None = None


@dataclass
class ModuleState:
    module: Module
    position: int
    lessons: list[tuple[Lesson, LessonProgress | None]]
    knowledge_check: AssessmentState | None
    reflections: list[tuple[Reflection, ReflectionResponse | None]]
    progress: ModuleProgress | None
    opens_on: dt.date | None
    released: bool
    prerequisite_done: bool = True
    feedback: Feedback | None = None

    @property
    def unlocked(self) -> bool:
        return self.released and self.prerequisite_done

    @property
    def completed(self) -> bool:
        return self.progress is not None and self.progress.completed_at is not None

    @property
    def steps(self) -> list[Step]:
        steps = [
            Step("lesson", lesson, bool(lp and lp.completed_at), self.module)
            for lesson, lp in self.lessons
        ]
        if self.knowledge_check is not None:
            kc = self.knowledge_check
            steps.append(Step("knowledge_check", kc.assessment, kc.done, self.module))
        steps += [
            Step("reflection", reflection, response is not None, self.module)
            for reflection, response in self.reflections
        ]
        return steps

    @property
    def work_done(self) -> bool:
        return all(step.done for step in self.steps)

    @property
    def next_step(self) -> Step | None:
        return next((step for step in self.steps if not step.done), None)


@dataclass
class EnrollmentState:
    enrollment: Enrollment
    today: dt.date
    modules: list[ModuleState]
    pre_test: AssessmentState | None
    post_test: AssessmentState | None
    assessments: dict[int, AssessmentState] = field(default_factory=dict)

    @property
    def steps(self) -> list[Step]:
        steps = []
        if self.pre_test is not None:
            steps.append(Step("pre_test", self.pre_test.assessment, self.pre_test.done))
        for module_state in self.modules:
            steps += module_state.steps
        if self.post_test is not None:
            steps.append(Step("post_test", self.post_test.assessment, self.post_test.done))
        return steps

    @property
    def progress_percent(self) -> int:
        if self.enrollment.status == Enrollment.Status.COMPLETED:
            return 100
        steps = self.steps
        if not steps:
            return 0
        # 100 is reserved for a completed enrollment.
        return min(99, round(100 * sum(step.done for step in steps) / len(steps)))

    @property
    def modules_complete(self) -> bool:
        return all(module_state.completed for module_state in self.modules)

    @property
    def post_test_available(self) -> bool:
        return self.modules_complete

    @property
    def finished(self) -> bool:
        """Everything required for completion is done."""
        post_done = self.post_test is None or self.post_test.done
        return bool(self.modules) and self.modules_complete and post_done

    def module_state(self, module_id: int) -> ModuleState | None:
        return next((m for m in self.modules if m.module.pk == module_id), None)

    def lesson_state(self, lesson_id: int) -> tuple[ModuleState, Lesson, LessonProgress | None]:
        for module_state in self.modules:
            for lesson, lp in module_state.lessons:
                if lesson.pk == lesson_id:
                    return module_state, lesson, lp
        raise Http404

    def reflection_state(self, reflection_id: int):
        for module_state in self.modules:
            for reflection, response in module_state.reflections:
                if reflection.pk == reflection_id:
                    return module_state, reflection, response
        raise Http404

    def next_step(self) -> tuple[str, object] | None:
        """What "continue" leads to: a step, a locked module, or None when all is done."""
        if self.enrollment.status == Enrollment.Status.COMPLETED:
            return None
        if self.pre_test is not None and not self.pre_test.done:
            return ("pre_test", self.pre_test.assessment)
        for module_state in self.modules:
            if module_state.completed:
                continue
            if not module_state.unlocked:
                return ("locked", module_state)
            step = module_state.next_step
            return (step.kind, step.obj) if step else ("module", module_state.module)
        if self.post_test is not None and not self.post_test.done:
            return ("post_test", self.post_test.assessment)
        return None


def _assessment_states(
    *, enrollment: Enrollment, assessments: list[Assessment]
) -> dict[int, AssessmentState]:
    states = {a.pk: AssessmentState(assessment=a) for a in assessments}
    for attempt in Attempt.objects.filter(enrollment=enrollment).order_by("number"):
        state = states.get(attempt.assessment_id)
        if state is None:
            continue
        if attempt.submitted_at is None:
            state.open_attempt = attempt
            continue
        state.submitted += 1
        state.passed = state.passed or attempt.passed
        if state.first_score is None:
            state.first_score = attempt.score
        state.best_score = max(state.best_score or 0, attempt.score or 0)
    return states


def enrollment_state(*, enrollment: Enrollment) -> EnrollmentState:
    """Where one enrollment stands, in eight queries whatever the curriculum's size."""
    curriculum = enrollment.curriculum
    modules = list(
        Module.objects.filter(version_id=enrollment.version_id)
        .order_by("order")
        .prefetch_related(
            Prefetch("lessons", queryset=Lesson.objects.order_by("order")),
            Prefetch("reflections", queryset=Reflection.objects.order_by("order")),
        )
    )
    assessments = list(Assessment.objects.filter(version_id=enrollment.version_id))
    states = _assessment_states(enrollment=enrollment, assessments=assessments)
    lesson_progress = {
        lp.lesson_id: lp for lp in LessonProgress.objects.filter(enrollment=enrollment)
    }
    module_progress = {
        mp.module_id: mp for mp in ModuleProgress.objects.filter(enrollment=enrollment)
    }
    responses = {
        r.reflection_id: r
        for r in ReflectionResponse.objects.filter(enrollment=enrollment).select_related(
            "feedback_by"
        )
    }
    feedback = {f.module_id: f for f in Feedback.objects.filter(enrollment=enrollment)}
    today = clock.today(enrollment.department)  # modules open at the department's midnight
    cohort = enrollment.cohort if curriculum.is_paced else None
    by_kind = {s.assessment.kind: s for s in states.values() if s.assessment.module_id is None}
    knowledge_checks = {
        s.assessment.module_id: s for s in states.values() if s.assessment.module_id is not None
    }
    pre_test = by_kind.get(PRE_TEST)
    module_states = []
    previous_done = pre_test is None or pre_test.done
    for position, module in enumerate(modules, start=1):
        opens_on = cohort.module_opens_on(position) if cohort is not None else None
        module_state = ModuleState(
            module=module,
            position=position,
            lessons=[(lesson, lesson_progress.get(lesson.pk)) for lesson in module.lessons.all()],
            knowledge_check=knowledge_checks.get(module.pk),
            reflections=[(r, responses.get(r.pk)) for r in module.reflections.all()],
            progress=module_progress.get(module.pk),
            opens_on=opens_on,
            released=opens_on is None or opens_on <= today,
            prerequisite_done=previous_done,
            feedback=feedback.get(module.pk),
        )
        module_states.append(module_state)
        previous_done = module_state.completed
    return EnrollmentState(
        enrollment=enrollment,
        today=today,
        modules=module_states,
        pre_test=pre_test,
        post_test=by_kind.get(POST_TEST),
        assessments=states,
    )


def enrollment_review_latest(*, enrollment: Enrollment) -> CompletionReview | None:
    """The latest review of a fast completion, if the enrollment was ever held."""
    return enrollment.completion_reviews.select_related("decided_by").first()


def officer_enrollment_get(*, user, enrollment_id: int) -> Enrollment:
    """One of the signed-in officer's own current enrollments; 404 for any other."""
    enrollment = officer_enrollment_list(user=user).filter(pk=enrollment_id).first()
    if enrollment is None:
        raise Http404
    return enrollment


def assessment_questions(*, assessment: Assessment) -> list[Question]:
    """The items an assessment asks (a post-test asks its pre-test's), choices prefetched."""
    return list(
        Question.objects.filter(assessment=assessment.item_bank)
        .order_by("order")
        .prefetch_related("choices")
    )


@dataclass
class LearnerHome:
    current: list[Enrollment]
    completed: list[Enrollment]
    language_offers: dict[int, Curriculum]

    @property
    def primary(self) -> Enrollment | None:
        return self.current[0] if self.current else None

    @property
    def certificates(self) -> list[Certificate]:
        found = []
        for enrollment in self.completed:
            try:
                found.append(enrollment.certificate)
            except Certificate.DoesNotExist:
                continue
        return found

    @property
    def credit_hours(self):
        return sum(enrollment_awarded_hours(enrollment=e) for e in self.completed)


def enrollment_awarded_hours(*, enrollment: Enrollment):
    """The credit hours a completed enrollment earned: its certificate's, as issued."""
    certificate = getattr(enrollment, "certificate", None)
    return certificate.credit_hours if certificate is not None else enrollment.version.credit_hours


def _home_sort_key(enrollment: Enrollment):
    return (
        not enrollment.is_overdue,
        enrollment.due_on or dt.date.max,
        enrollment.status != Enrollment.Status.IN_PROGRESS,
        enrollment.pk,
    )


def learner_home(*, user) -> LearnerHome:
    """The officer's home: current work first (overdue, then soonest due), transcript, offers.

    Two queries at most, whatever the number of enrollments.
    """
    enrollments = list(officer_enrollment_list(user=user))
    current = sorted(
        (e for e in enrollments if e.status != Enrollment.Status.COMPLETED), key=_home_sort_key
    )
    completed = sorted(
        (e for e in enrollments if e.status == Enrollment.Status.COMPLETED),
        key=lambda e: e.completed_at,
        reverse=True,
    )
    offers = language_offers_for(user=user, enrollments=current)
    for enrollment in current:
        enrollment.language_offer = offers.get(enrollment.pk)
    return LearnerHome(current=current, completed=completed, language_offers=offers)


def language_offers_for(*, user, enrollments: list[Enrollment]) -> dict[int, Curriculum]:
    """For each not-yet-started enrollment, its curriculum's version in the user's language.

    An officer may switch such an enrollment to that version (see `enrollment_language_switch`);
    once work has started the enrollment stays in its language, so records stay whole.
    """
    candidates = [
        e
        for e in enrollments
        if e.status == Enrollment.Status.NOT_STARTED
        and e.curriculum.translation_group
        and e.curriculum.language != user.language
    ]
    if not candidates:
        return {}
    versions = {
        c.translation_group: c
        for c in Curriculum.objects.filter(
            status=Curriculum.Status.PUBLISHED,
            language=user.language,
            translation_group__in={e.curriculum.translation_group for e in candidates},
        )
    }
    return {
        e.pk: versions[e.curriculum.translation_group]
        for e in candidates
        if e.curriculum.translation_group in versions
    }


def learning_gain_annotate(enrollments: QuerySet[Enrollment]) -> QuerySet[Enrollment]:
    """Annotate pre_test_score, post_test_score and learning_gain (post minus pre).

    Each score is the officer's first submitted attempt, so a retaken post-test does not
    inflate the gain; learning_gain is null unless both were taken (a matched pair).
    """

    def first_score(kind: str) -> Subquery:
        return Subquery(
            Attempt.objects.filter(
                enrollment=OuterRef("pk"), assessment__kind=kind, submitted_at__isnull=False
            )
            .order_by("number")
            .values("score")[:1]
        )

    return enrollments.annotate(
        pre_test_score=first_score(PRE_TEST), post_test_score=first_score(POST_TEST)
    ).annotate(
        learning_gain=ExpressionWrapper(
            F("post_test_score") - F("pre_test_score"), output_field=IntegerField()
        )
    )


def enrollment_learning_gain(*, enrollment: Enrollment) -> int | None:
    row = learning_gain_annotate(Enrollment.objects.filter(pk=enrollment.pk)).values(
        "learning_gain"
    )
    return row[0]["learning_gain"] if row else None


def certificate_for_code(*, code: str) -> Certificate | None:
    """A certificate by its code as typed, for the public verification page (anyone may ask)."""
    candidates = certificate_code_candidates(code)
    if not candidates:
        return None
    return (
        Certificate.objects.filter(code__in=candidates)
        .select_related("enrollment__department")
        .first()
    )


def officer_certificate_get(*, user, code: str) -> Certificate:
    """One of the officer's own certificates; 404 for any other."""
    certificate = (
        Certificate.objects.filter(code=code, enrollment__officer=user)
        .select_related("enrollment__curriculum", "enrollment__department")
        .first()
    )
    if certificate is None or not getattr(user, "is_authenticated", False):
        raise Http404
    return certificate


# Facilitators -------------------------------------------------------------------------------


def facilitator_cohort_list(*, user) -> QuerySet[Cohort]:
    """Cohorts the user facilitates, with their progress figures, in one query."""
    if not getattr(user, "is_authenticated", False):
        return Cohort.objects.none()
    active = Q(enrollments__withdrawn_at__isnull=True)
    return (
        Cohort.objects.filter(facilitator=user)
        .select_related("curriculum", "department")
        .annotate(
            enrolled=Count("enrollments", filter=active, distinct=True),
            completed=Count(
                "enrollments",
                filter=active & Q(enrollments__status=Enrollment.Status.COMPLETED),
                distinct=True,
            ),
        )
        .order_by("-starts_on", "name")
    )


# The officer's own data ----------------------------------------------------------------------


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def officer_data_export(*, user) -> dict:
    """Everything the portal holds about the officer's own training, as plain JSON data.

    A data-subject export is complete, so it includes withdrawn enrollments as well.
    """
    enrollments = list(
        Enrollment.objects.filter(officer=user)
        .select_related("curriculum", "version", "department")
        .order_by("assigned_at", "id")
    )
    attempts = Attempt.objects.filter(enrollment__officer=user).select_related("assessment")
    responses = ReflectionResponse.objects.filter(enrollment__officer=user).select_related(
        "reflection__module"
    )
    feedback = Feedback.objects.filter(enrollment__officer=user).select_related("module")
    certificates = Certificate.objects.filter(enrollment__officer=user)
    memberships = user.memberships.select_related("department")
    return {
        "exported_at": timezone.now().isoformat(),
        "profile": {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "language": user.language,
            "date_joined": _iso(user.date_joined),
            "memberships": [
                {
                    "department": m.department.name,
                    "role": m.role,
                    "badge_number": m.badge_number,
                    "rank": m.rank,
                    "status": m.status,
                    "started_on": _iso(m.started_on),
                    "separated_on": _iso(m.separated_on),
                }
                for m in memberships
            ],
        },
        "enrollments": [
            {
                "id": e.pk,
                "curriculum": e.curriculum.title,
                "version": e.version.number,
                "language": e.curriculum.language,
                "department": e.department.name,
                "status": e.status,
                "progress": e.progress,
                "assigned_at": _iso(e.assigned_at),
                "due_on": _iso(e.due_on),
                "started_at": _iso(e.started_at),
                "completed_at": _iso(e.completed_at),
                # The department's date of the completion, as on the certificate.
                "completed_on": _iso(e.completed_on),
                "time_zone": str(clock.zone(e.department)),
                "withdrawn_at": _iso(e.withdrawn_at),
            }
            for e in enrollments
        ],
        "attempts": [
            {
                "enrollment_id": a.enrollment_id,
                "assessment": a.assessment.title,
                "kind": a.assessment.kind,
                "number": a.number,
                "started_at": _iso(a.started_at),
                "submitted_at": _iso(a.submitted_at),
                "answers": a.answers,
                "score": a.score,
                "passed": a.passed,
            }
            for a in attempts.order_by("enrollment_id", "assessment_id", "number")
        ],
        "reflections": [
            {
                "enrollment_id": r.enrollment_id,
                "module": r.reflection.module.title,
                "prompt": r.reflection.prompt,
                "text": r.text,
                "submitted_at": _iso(r.submitted_at),
                "feedback": r.feedback,
                "feedback_at": _iso(r.feedback_at),
            }
            for r in responses.order_by("submitted_at", "id")
        ],
        "feedback": [
            {
                "enrollment_id": f.enrollment_id,
                "module": f.module.title,
                "rating": f.rating,
                "comment": f.comment,
                "created_at": _iso(f.created_at),
            }
            for f in feedback.order_by("created_at", "id")
        ],
        "certificates": [
            {
                "code": c.code,
                "curriculum": c.curriculum_title,
                "holder_name": c.holder_name,
                "credit_hours": str(c.credit_hours),
                "completed_on": _iso(c.completed_on),
                "issued_on": _iso(c.issued_on),
                "revoked_at": _iso(c.revoked_at),
            }
            for c in certificates.order_by("issued_on", "id")
        ],
    }
