"""The lesson clock: time counts on the server for one open lesson at a time, from page views
and pings of a visible page, with an idle cut-off. Beats carry their instant (`now`), so no
test depends on the hour it runs."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from curriculum.models import LessonClock, LessonProgress
from curriculum.services.clock import lesson_clock_beat
from curriculum.services.progress import LessonTooSoon, lesson_complete, lesson_open
from tests import factories
from tests.curriculum.test_learn_progress import enroll

pytestmark = pytest.mark.django_db
T0 = dt.datetime(2026, 3, 2, 14, 0, tzinfo=dt.UTC)
PING = 20  # seconds, as the lesson page pings


@pytest.fixture
def module_one(officer, settings):
    """The issue's module 1: a 20- and a 25-minute lesson; half of each must be spent."""
    settings.REPAIR_MIN_LESSON_TIME_SHARE = 0.5
    settings.REPAIR_LESSON_IDLE_SECONDS = 90
    curriculum = factories.small_curriculum(modules=1, with_tests=False, lesson_minutes=20)
    module = curriculum.current_version.modules.get()
    first = module.lessons.get()
    second = factories.LessonFactory(module=module, order=2, title="Second", estimated_minutes=25)
    return enroll(officer, curriculum), first, second


def _beat(enrollment, lesson, officer, at, *, claim=False):
    return lesson_clock_beat(
        enrollment=enrollment, lesson=lesson, user=officer, claim=claim, now=at
    )


def _seconds(enrollment, lesson) -> int:
    return LessonProgress.objects.get(enrollment=enrollment, lesson=lesson).seconds_spent


def test_two_lessons_open_at_once_earn_time_for_one_of_them(module_one, officer):
    enrollment, first, second = module_one
    for lesson in (first, second):
        lesson_open(enrollment=enrollment, lesson=lesson, user=officer)
    _beat(enrollment, first, officer, T0, claim=True)  # tab 1 opens lesson 1
    _beat(enrollment, second, officer, T0, claim=True)  # tab 2 opens lesson 2 at once

    # Both tabs stay visible and ping for 12.5 minutes.
    states = []
    for tick in range(1, 12 * 60 // PING + 3):
        at = T0 + dt.timedelta(seconds=tick * PING)
        states.append(_beat(enrollment, first, officer, at).state)
        _beat(enrollment, second, officer, at)

    assert set(states) == {"other_lesson"}  # lesson 1's page says why it earns nothing
    assert _seconds(enrollment, first) == 0
    assert _seconds(enrollment, second) == 12 * 60 + 40  # all the time, for one lesson only
    with pytest.raises(LessonTooSoon):
        lesson_complete(enrollment=enrollment, lesson=first, user=officer)
    lesson_complete(enrollment=enrollment, lesson=second, user=officer)


def test_opening_a_second_lesson_pauses_the_first_until_the_officer_counts_there_again(
    module_one, officer
):
    enrollment, first, second = module_one
    for lesson in (first, second):
        lesson_open(enrollment=enrollment, lesson=lesson, user=officer)
    _beat(enrollment, first, officer, T0, claim=True)
    _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=60))
    _beat(enrollment, second, officer, T0 + dt.timedelta(seconds=70), claim=True)

    paused = _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=80))
    resumed = _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=90), claim=True)
    _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=110))

    assert (paused.state, paused.holder_title) == ("other_lesson", "Second")
    assert resumed.state == "counting"
    assert _seconds(enrollment, first) == 60 + 20
    assert _seconds(enrollment, second) == 0
    assert LessonClock.objects.get(enrollment=enrollment).lesson == first


def test_a_background_tab_earns_nothing(module_one, officer):
    enrollment, first, _second = module_one
    lesson_open(enrollment=enrollment, lesson=first, user=officer)
    _beat(enrollment, first, officer, T0, claim=True)

    # The page was hidden for ten minutes: it did not ping, then it pings on coming back.
    back = _beat(enrollment, first, officer, T0 + dt.timedelta(minutes=10))
    _beat(enrollment, first, officer, T0 + dt.timedelta(minutes=10, seconds=PING))

    assert back.state == "resumed"
    assert _seconds(enrollment, first) == PING


def test_the_idle_cut_off_is_the_longest_gap_that_counts(module_one, officer):
    enrollment, first, _second = module_one
    lesson_open(enrollment=enrollment, lesson=first, user=officer)
    _beat(enrollment, first, officer, T0, claim=True)

    _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=90))
    _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=90 + 91))

    assert _seconds(enrollment, first) == 90


def test_pinging_faster_gains_nothing(module_one, officer):
    enrollment, first, _second = module_one
    lesson_open(enrollment=enrollment, lesson=first, user=officer)
    _beat(enrollment, first, officer, T0, claim=True)

    for tenth in range(1, 601):
        _beat(enrollment, first, officer, T0 + dt.timedelta(milliseconds=100 * tenth))

    assert _seconds(enrollment, first) <= 60


def test_a_lesson_is_done_only_after_its_minimum_time_on_the_clock(module_one, officer):
    enrollment, first, _second = module_one
    lesson_open(enrollment=enrollment, lesson=first, user=officer)
    _beat(enrollment, first, officer, T0, claim=True)
    for tick in range(1, 9 * 60 // PING + 1):
        _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=tick * PING))

    with pytest.raises(LessonTooSoon) as too_soon:
        lesson_complete(enrollment=enrollment, lesson=first, user=officer)
    for tick in range(9 * 60 // PING + 1, 10 * 60 // PING + 1):
        _beat(enrollment, first, officer, T0 + dt.timedelta(seconds=tick * PING))
    lesson_complete(enrollment=enrollment, lesson=first, user=officer)

    assert too_soon.value.seconds_left == 60
    assert LessonProgress.objects.get(lesson=first).completed_at is not None


def test_the_lesson_page_shows_the_countdown_and_why(client, module_one, officer):
    enrollment, first, _second = module_one
    client.force_login(officer)

    page = client.get(reverse("learn:lesson", args=[enrollment.pk, first.pk]))

    html = page.content.decode()
    assert page.status_code == 200
    assert "This lesson counts once you have spent 10 min on it" in html
    assert "Time left before you can mark it done: 10 min 00 s." in html
    assert 'data-url="' + reverse("learn:lesson_clock", args=[enrollment.pk, first.pk]) in html
    assert LessonClock.objects.get(enrollment=enrollment).lesson == first


def test_the_ping_answers_the_clock_state(client, module_one, officer):
    enrollment, first, second = module_one
    client.force_login(officer)
    client.get(reverse("learn:lesson", args=[enrollment.pk, first.pk]))
    client.get(reverse("learn:lesson", args=[enrollment.pk, second.pk]))

    ping = client.post(reverse("learn:lesson_clock", args=[enrollment.pk, first.pk]))
    claim = client.post(
        reverse("learn:lesson_clock", args=[enrollment.pk, first.pk]), {"claim": "1"}
    )

    assert ping.status_code == 200
    assert ping.json() | {"seconds_spent": 0} == {
        "seconds_spent": 0,
        "seconds_required": 600,
        "seconds_left": 600,
        "state": "other_lesson",
        "counting": False,
        "holder_title": "Second",
    }
    assert claim.json()["state"] == "counting"


def test_another_officers_lesson_clock_is_not_found(client, module_one, department):
    enrollment, first, _second = module_one
    other = factories.officer(department)
    client.force_login(other)

    response = client.post(reverse("learn:lesson_clock", args=[enrollment.pk, first.pk]))

    assert response.status_code == 404
    assert not LessonClock.objects.exists()


def test_a_ping_before_the_lesson_was_opened_is_refused(client, module_one, officer):
    enrollment, first, _second = module_one
    client.force_login(officer)

    response = client.post(reverse("learn:lesson_clock", args=[enrollment.pk, first.pk]))

    assert response.status_code == 409
    assert not LessonClock.objects.exists()
    assert not LessonProgress.objects.exists()
