"""A facilitator on a 360-px phone answers a reflection with the rubric and takes attendance;
the officer sees the attended hours on their record and discusses with the cohort. axe-core on
each page: no serious or critical violation."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from curriculum.models import Attendance, LiveSession, ReflectionResponse, RubricCriterion
from tests import factories
from tests.curriculum.test_learn_progress import do_module
from tests.e2e.conftest import serious_axe_violations, sign_in

pytestmark = pytest.mark.e2e


def _check(page) -> None:
    page.wait_for_load_state("networkidle")
    violations = serious_axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


@pytest.fixture
def world(transactional_db):
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    officer = factories.officer(department, first_name="Ana", last_name="Reyes")
    late = factories.officer(department, first_name="Ben", last_name="Ortiz")
    facilitator = factories.UserFactory(
        email="facilitator@repair.test", first_name="Fay", last_name="Cole", is_facilitator=True
    )
    RubricCriterion.objects.create(name="Names a specific situation", order=1)
    curriculum = factories.small_curriculum(modules=2, with_tests=False, is_paced=True)
    cohort = factories.CohortFactory(
        curriculum=curriculum,
        name="Spring leadership cohort",
        facilitator=facilitator,
        department=department,
        starts_on=factories.local_today(department),
    )
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department, cohort=cohort
    )
    factories.EnrollmentFactory(
        officer=late, curriculum=curriculum, department=department, cohort=cohort
    )
    do_module(enrollment, curriculum.current_version.modules.get(order=1), officer)
    session = LiveSession.objects.create(
        cohort=cohort,
        title="Week 1 live",
        starts_at=timezone.now() - dt.timedelta(hours=2),
        duration_minutes=90,
        format="online",
        meeting_url="https://meet.example.org/repair",
    )
    return {"officer": officer, "facilitator": facilitator, "session": session, "cohort": cohort}


def test_facilitator_answers_and_takes_attendance_on_a_phone(live_server, browser, world):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="en-US"
    )
    page = context.new_page()
    sign_in(page, live_server.url, world["facilitator"].email, factories.PASSWORD)

    page.goto(f"{live_server.url}/facilitate/")
    _check(page)
    page.get_by_role("link", name="Reflection by Ana Reyes").click()
    _check(page)
    page.get_by_label("Your reply").fill("A clear plan. Tell us next week how it went.")
    page.get_by_role("group", name="Names a specific situation").get_by_label("Met").check()
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Your reply has been sent.").is_visible()
    assert ReflectionResponse.objects.get().rubric_marks.get().met is True

    page.goto(f"{live_server.url}/facilitate/cohorts/{world['cohort'].pk}/")
    _check(page)
    page.get_by_role("link", name="Take attendance").click()
    _check(page)
    page.get_by_role("group", name="Ana Reyes").get_by_label("Present", exact=True).check()
    page.get_by_role("group", name="Ben Ortiz").get_by_label("Late", exact=True).check()
    page.get_by_role("group", name="Ben Ortiz").get_by_label("Minutes attended, if late").fill("45")
    page.get_by_role("button", name="Save attendance").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Attendance saved for 2 officers.").is_visible()
    _check(page)
    assert sorted(Attendance.objects.values_list("minutes", flat=True)) == [45, 90]
    context.close()

    context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = context.new_page()
    sign_in(page, live_server.url, world["officer"].email, factories.PASSWORD)
    page.goto(f"{live_server.url}/learn/record/")
    assert page.get_by_text("Live session hours attended").is_visible()
    _check(page)
    page.goto(f"{live_server.url}/learn/cohorts/{world['cohort'].pk}/discussion/0/")
    page.get_by_label("New post").fill("Who tried the new opening at a stop?")
    page.get_by_role("button", name="Publish").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Who tried the new opening at a stop?").is_visible()
    _check(page)
    context.close()
