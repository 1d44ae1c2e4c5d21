"""Progress through a curriculum, judged on the server.

A lesson counts only after REPAIR_MIN_LESSON_TIME_SHARE of its estimated time on the lesson
clock (`curriculum.services.clock`); a module completes only once its lessons, its knowledge
check (at the pass mark) and its reflections are done; a curriculum completes once its modules
and its post-test are done, which issues the certificate. Work finished in under
REPAIR_FAST_COMPLETION_SHARE of the estimate sets Enrollment.flagged_fast and, under
REPAIR_FAST_COMPLETION_POLICY=hold, waits for the liaison's review before it completes
(`curriculum.services.reviews`).
"""

from __future__ import annotations

import datetime as dt
import math

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_record
from curriculum import events
from curriculum.events import learning_event_send
from curriculum.figures import figures_changed
from curriculum.models import Enrollment, Lesson, LessonProgress, ModuleProgress
from curriculum.selectors.learning import EnrollmentState, ModuleState, enrollment_state


class LearningError(Exception):
    """A learner's request that the rules refuse; `message` is shown to the learner."""

    message = _("This step is not available.")

    def __init__(self, message=None):
        if message is not None:
            self.message = message
        super().__init__(str(self.message))


class ModuleLocked(LearningError):
    message = _("This module is not open yet.")

    def __init__(self, module_state: ModuleState):
        self.module_state = module_state
        super().__init__()


class LessonTooSoon(LearningError):
    def __init__(self, seconds_left: int):
        self.seconds_left = seconds_left
        minutes = max(1, math.ceil(seconds_left / 60))
        super().__init__(
            _(
                "Take a little more time with this lesson: you can mark it done in about "
                "%(minutes)s min."
            )
            % {"minutes": minutes}
        )


def require_owner(*, enrollment: Enrollment, user) -> None:
    if enrollment.officer_id != getattr(user, "pk", None) or enrollment.withdrawn_at:
        raise PermissionDenied


def require_unlocked(module_state: ModuleState | None) -> ModuleState:
    if module_state is None:
        raise LearningError
    if not module_state.unlocked:
        raise ModuleLocked(module_state)
    return module_state


def enrollment_start(*, enrollment: Enrollment, now: dt.datetime | None = None) -> None:
    """Mark a not-started enrollment as in progress (idempotent, race-safe)."""
    if enrollment.status != Enrollment.Status.NOT_STARTED:
        return
    now = now or timezone.now()
    started = Enrollment.objects.filter(
        pk=enrollment.pk, status=Enrollment.Status.NOT_STARTED
    ).update(status=Enrollment.Status.IN_PROGRESS, started_at=now)
    if started:
        figures_changed([enrollment.department_id])
        learning_event_send(event=events.LAUNCHED, enrollment=enrollment, occurred_at=now)
    enrollment.status = Enrollment.Status.IN_PROGRESS
    enrollment.started_at = now


def lesson_open(
    *, enrollment: Enrollment, lesson: Lesson, user, state: EnrollmentState | None = None
) -> LessonProgress:
    """Record when the server first served a lesson; the time on it is measured from here.

    `state`: the enrollment's state when the caller has just read it (the lesson page uses it
    again for the module's lessons), so it is not read twice."""
    require_owner(enrollment=enrollment, user=user)
    state = state or enrollment_state(enrollment=enrollment)
    module_state, _lesson, progress = state.lesson_state(lesson.pk)
    require_unlocked(module_state)
    if progress is not None:
        return progress
    now = timezone.now()
    with transaction.atomic():
        progress, _created = LessonProgress.objects.get_or_create(
            enrollment=enrollment, lesson=lesson, defaults={"opened_at": now}
        )
        ModuleProgress.objects.get_or_create(
            enrollment=enrollment, module_id=lesson.module_id, defaults={"started_at": now}
        )
        enrollment_start(enrollment=enrollment, now=now)
    return progress


def lesson_seconds_required(*, lesson: Lesson) -> int:
    """Seconds on a lesson before it may be marked done (REPAIR_MIN_LESSON_TIME_SHARE)."""
    return math.ceil(lesson.estimated_minutes * 60 * settings.REPAIR_MIN_LESSON_TIME_SHARE)


def lesson_seconds_counted(*, progress: LessonProgress | None) -> int:
    """Seconds on the clock that count for this pass (a returned completion starts a new one)."""
    if progress is None:
        return 0
    return max(0, (progress.seconds_spent or 0) - progress.seconds_baseline)


def lesson_seconds_left(*, lesson: Lesson, progress: LessonProgress | None) -> int:
    """Seconds until the lesson may be marked done (0 when it may be now)."""
    counted = lesson_seconds_counted(progress=progress)
    return max(0, lesson_seconds_required(lesson=lesson) - counted)


def lesson_complete(*, enrollment: Enrollment, lesson: Lesson, user) -> LessonProgress:
    """Mark a lesson done, only after the minimum time on the lesson clock."""
    require_owner(enrollment=enrollment, user=user)
    state = enrollment_state(enrollment=enrollment)
    module_state, _lesson, _progress = state.lesson_state(lesson.pk)
    require_unlocked(module_state)
    with transaction.atomic():
        progress = (
            LessonProgress.objects.select_for_update()
            .filter(enrollment=enrollment, lesson=lesson)
            .first()
        )
        if progress is None:
            raise LearningError(_("Open the lesson before marking it done."))
        if progress.completed_at is not None:
            return progress
        seconds_left = lesson_seconds_left(lesson=lesson, progress=progress)
        if seconds_left > 0:
            raise LessonTooSoon(seconds_left)
        progress.completed_at = timezone.now()
        progress.save(update_fields=["completed_at"])
        learning_event_send(
            event=events.LESSON_COMPLETED,
            enrollment=enrollment,
            obj=lesson,
            occurred_at=progress.completed_at,
        )
        enrollment_progress_update(enrollment=enrollment, acting_user=user)
    return progress


def _is_fast(*, started_at: dt.datetime | None, now: dt.datetime, estimated_minutes: int) -> bool:
    if started_at is None or not estimated_minutes:
        return False
    elapsed_minutes = (now - started_at).total_seconds() / 60
    return elapsed_minutes < estimated_minutes * settings.REPAIR_FAST_COMPLETION_SHARE


def _module_complete(*, enrollment: Enrollment, module_state: ModuleState, now) -> bool:
    """Complete a module whose work is done; returns whether it was completed far too fast."""
    progress, _created = ModuleProgress.objects.get_or_create(
        enrollment=enrollment, module=module_state.module, defaults={"started_at": now}
    )
    progress.completed_at = now
    progress.save(update_fields=["completed_at"])
    module_state.progress = progress
    return _is_fast(
        started_at=progress.started_at,
        now=now,
        estimated_minutes=module_state.module.estimated_minutes,
    )


def enrollment_progress_update(*, enrollment: Enrollment, acting_user) -> EnrollmentState:
    """After any learner write: complete finished modules, store progress, complete if done.

    Runs inside the caller's transaction with the enrollment row locked, so two requests of
    the same officer cannot complete a module or issue a certificate twice.
    """
    with transaction.atomic():
        locked = Enrollment.objects.select_for_update().get(pk=enrollment.pk)
        enrollment.status = locked.status
        enrollment.flagged_fast = locked.flagged_fast
        state = enrollment_state(enrollment=enrollment)
        now = timezone.now()
        fast = False
        for module_state in state.modules:
            if module_state.unlocked and module_state.work_done and not module_state.completed:
                completed_fast = _module_complete(
                    enrollment=enrollment, module_state=module_state, now=now
                )
                fast = fast or completed_fast
        if enrollment.status == Enrollment.Status.COMPLETED:
            return state
        enrollment.progress = state.progress_percent
        enrollment.flagged_fast = enrollment.flagged_fast or fast
        enrollment_start(enrollment=enrollment, now=now)
        if state.finished:
            _enrollment_complete(enrollment=enrollment, state=state, now=now, actor=acting_user)
        else:
            enrollment.save(update_fields=["progress", "flagged_fast"])
    return state


def _enrollment_complete(*, enrollment: Enrollment, state: EnrollmentState, now, actor) -> None:
    from curriculum.services.reviews import completion_hold_needed, completion_review_open

    estimated = sum(m.module.estimated_minutes for m in state.modules)
    too_fast = _is_fast(started_at=enrollment.started_at, now=now, estimated_minutes=estimated)
    enrollment.flagged_fast = enrollment.flagged_fast or too_fast
    if completion_hold_needed(enrollment=enrollment):
        enrollment.save(update_fields=["progress", "flagged_fast"])
        completion_review_open(enrollment=enrollment, now=now, minutes_expected=estimated)
        return
    enrollment_completion_record(enrollment=enrollment, completed_at=now, actor=actor)


def enrollment_completion_record(*, enrollment: Enrollment, completed_at, actor) -> None:
    """Complete the enrollment as of `completed_at`, audit it and issue the certificate."""
    from curriculum.services.certificates import certificate_issue

    enrollment.status = Enrollment.Status.COMPLETED
    enrollment.completed_at = completed_at
    enrollment.progress = 100
    enrollment.save(update_fields=["status", "completed_at", "progress", "flagged_fast"])
    audit_record(
        action="enrollment.completed",
        actor=actor,
        obj=enrollment,
        department=enrollment.department,
        data={
            "curriculum_id": enrollment.curriculum_id,
            "version": enrollment.version.number,
            "flagged_fast": enrollment.flagged_fast,
        },
    )
    learning_event_send(
        event=events.ENROLLMENT_COMPLETED,
        enrollment=enrollment,
        obj=enrollment,
        occurred_at=completed_at,
    )
    certificate_issue(enrollment=enrollment, acting_user=actor)
