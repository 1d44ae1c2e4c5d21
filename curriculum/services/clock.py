"""The lesson clock: time on a lesson, measured on the server, one lesson at a time.

Time is credited between two beats of the same lesson: a page view or a ping that the lesson
page sends while it is visible (the Page Visibility API) and the officer is active. The lesson
that holds an enrollment's clock (`LessonClock`) is the one most recently opened; opening
another lesson moves the clock there, and pings from the first one earn nothing until the
officer chooses to count time there again. A gap between beats longer than
REPAIR_LESSON_IDLE_SECONDS earns nothing (a background tab does not ping, a sleeping laptop
does not either), so time cannot be gained by leaving a page open, by opening several lessons,
or by sending pings faster.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from curriculum.models import Enrollment, Lesson, LessonClock, LessonProgress
from curriculum.services.progress import (
    LearningError,
    lesson_seconds_counted,
    lesson_seconds_required,
    require_owner,
)

COUNTING = "counting"
OTHER_LESSON = "other_lesson"
RESUMED = "resumed"


@dataclass(frozen=True)
class ClockState:
    """What the lesson page shows: time counted, time needed, and why the clock runs or not."""

    seconds_spent: int
    seconds_required: int
    state: str
    holder_title: str = ""

    @property
    def seconds_left(self) -> int:
        return max(0, self.seconds_required - self.seconds_spent)

    @property
    def counting(self) -> bool:
        return self.state in {COUNTING, RESUMED}

    def as_json(self) -> dict:
        return {
            "seconds_spent": self.seconds_spent,
            "seconds_required": self.seconds_required,
            "seconds_left": self.seconds_left,
            "state": self.state,
            "counting": self.counting,
            "holder_title": self.holder_title,
        }


def lesson_clock_state(*, enrollment: Enrollment, lesson: Lesson, progress) -> ClockState:
    """The clock as it stands, without a beat (for pages that only read it)."""
    clock = LessonClock.objects.filter(enrollment=enrollment).select_related("lesson").first()
    holds = clock is None or clock.lesson_id == lesson.pk
    return ClockState(
        seconds_spent=lesson_seconds_counted(progress=progress),
        seconds_required=lesson_seconds_required(lesson=lesson),
        state=COUNTING if holds else OTHER_LESSON,
        holder_title="" if holds else clock.lesson.title,
    )


def _credit(clock: LessonClock, now: dt.datetime) -> int | None:
    """Seconds since the last beat, or None when the gap is past the idle cut-off."""
    gap = (now - clock.beat_at).total_seconds()
    if 0 <= gap <= settings.REPAIR_LESSON_IDLE_SECONDS:
        return round(gap)
    return None


def lesson_clock_beat(
    *, enrollment: Enrollment, lesson: Lesson, user, claim: bool, now: dt.datetime | None = None
) -> ClockState:
    """A beat of a lesson page: a view or a "count my time here" (`claim`), or a ping.

    A claim takes the enrollment's clock for this lesson; a ping only keeps it running here
    when this lesson holds it. Either way the time since the previous beat of this lesson is
    credited when it holds the clock and the gap is within the idle cut-off.
    """
    require_owner(enrollment=enrollment, user=user)
    now = now or timezone.now()
    with transaction.atomic():
        # One clock per enrollment: its beats are serialized on the enrollment row.
        Enrollment.objects.select_for_update().filter(pk=enrollment.pk).values("pk").first()
        progress = (
            LessonProgress.objects.select_for_update()
            .filter(enrollment=enrollment, lesson=lesson)
            .first()
        )
        if progress is None:
            raise LearningError(_("Open the lesson first."))
        clock = LessonClock.objects.filter(enrollment=enrollment).select_related("lesson").first()
        state, holder = _beat(clock, enrollment, lesson, progress, claim=claim, now=now)
    return ClockState(
        seconds_spent=lesson_seconds_counted(progress=progress),
        seconds_required=lesson_seconds_required(lesson=lesson),
        state=state,
        holder_title=holder,
    )


def _beat(clock, enrollment, lesson, progress, *, claim: bool, now) -> tuple[str, str]:
    if clock is None:
        LessonClock.objects.create(enrollment=enrollment, lesson=lesson, beat_at=now)
        return COUNTING, ""
    if clock.lesson_id != lesson.pk:
        if not claim:
            return OTHER_LESSON, clock.lesson.title
        clock.lesson = lesson
        clock.beat_at = now
        clock.save(update_fields=["lesson", "beat_at"])
        return COUNTING, ""
    credited = _credit(clock, now)
    clock.beat_at = now
    clock.save(update_fields=["beat_at"])
    if credited:
        progress.seconds_spent = (progress.seconds_spent or 0) + credited
        progress.save(update_fields=["seconds_spent"])
    return (RESUMED if credited is None else COUNTING), ""
