"""The lesson clock in headless Chromium: the page pings while visible, two lessons open at
once earn time for one of them, a hidden page earns nothing, and the page says why."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from curriculum.models import LessonProgress
from curriculum.views import learn
from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def two_lessons(transactional_db, settings, monkeypatch):
    settings.REPAIR_LESSON_IDLE_SECONDS = 30
    monkeypatch.setattr(learn, "LESSON_PING_SECONDS", 2)  # the page pings every 2 s here
    department = factories.DepartmentFactory(name="Demo City Police Department")
    officer = factories.officer(department, email="officer@repair.test")
    curriculum = factories.small_curriculum(modules=1, with_tests=False, lesson_minutes=20)
    module = curriculum.current_version.modules.get()
    second = factories.LessonFactory(module=module, order=2, title="Second", estimated_minutes=25)
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department
    )
    return officer, enrollment, module.lessons.get(order=1), second


def _seconds(lesson) -> int:
    return LessonProgress.objects.get(lesson=lesson).seconds_spent or 0


def test_the_clock_counts_one_visible_lesson_at_a_time(live_server, browser, two_lessons):
    officer, enrollment, first, second = two_lessons
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-US")
    tab_one = context.new_page()
    sign_in(tab_one, live_server.url, officer.email, factories.PASSWORD)
    url = f"{live_server.url}/learn/{enrollment.pk}/lessons/"

    # Lesson 1 alone: the page pings, the server counts, the countdown runs.
    tab_one.goto(f"{url}{first.pk}/")
    tab_one.wait_for_load_state("networkidle")
    assert serious_axe_violations(tab_one) == []
    before = tab_one.locator("#lesson-countdown").inner_text()
    tab_one.mouse.move(10, 10)
    time.sleep(5)
    assert _seconds(first) >= 2
    assert tab_one.locator("#lesson-countdown").inner_text() != before
    expect(tab_one.locator("#lesson-clock-state")).to_contain_text("running", timeout=10000)

    # Lesson 2 opened in a second tab takes the clock; lesson 1 earns nothing and says why.
    tab_two = context.new_page()
    tab_two.goto(f"{url}{second.pk}/")
    tab_two.wait_for_load_state("networkidle")
    time.sleep(2.5)  # a ping of lesson 1 sent before lesson 2 opened has landed
    paused_at = _seconds(first)
    tab_one.mouse.move(20, 20)
    expect(tab_one.locator("#lesson-clock-state")).to_contain_text("Second", timeout=10000)
    time.sleep(4)
    assert _seconds(first) == paused_at
    expect(tab_one.locator("#lesson-clock-state")).to_contain_text("one lesson at a time")
    assert tab_one.get_by_role("button", name="Count my time on this lesson").is_visible()

    # A hidden page stops pinging: lesson 2 earns nothing while it is in the background.
    tab_two.evaluate(
        "Object.defineProperty(document, 'visibilityState', {value: 'hidden', configurable: true});"
        "document.dispatchEvent(new Event('visibilitychange'));"
    )
    time.sleep(2.5)  # a ping sent just before the page was hidden has landed
    hidden_at = _seconds(second)
    time.sleep(4)
    assert _seconds(second) == hidden_at
    expect(tab_two.locator("#lesson-clock-state")).to_contain_text("not visible")

    # The officer goes back to lesson 1 and counts time there again.
    tab_one.get_by_role("button", name="Count my time on this lesson").click()
    expect(tab_one.locator("#lesson-clock-state")).to_contain_text("running", timeout=10000)
    tab_one.mouse.move(30, 30)
    time.sleep(5)
    assert _seconds(first) > paused_at
    assert serious_axe_violations(tab_one) == []
    context.close()
