"""A paced cohort in headless Chromium: the facilitator answers a reflection, the officer reads
the reply, and the next module stays locked until its release date. axe-core on each page."""

from __future__ import annotations

import pytest
from django.utils.formats import date_format

from curriculum.models import ReflectionResponse
from tests import factories
from tests.curriculum.test_learn_progress import do_module
from tests.e2e.conftest import serious_axe_violations, sign_in
from worker.models import Notification

pytestmark = pytest.mark.e2e


def _check(page) -> None:
    page.wait_for_load_state("networkidle")
    violations = serious_axe_violations(page)
    assert violations == [], f"{page.url}: {violations}"


@pytest.fixture
def cohort_world(transactional_db):
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    officer = factories.officer(department, first_name="Ana", last_name="Reyes")
    facilitator = factories.UserFactory(
        email="facilitator@repair.test", first_name="Fay", last_name="Cole", is_facilitator=True
    )
    curriculum = factories.small_curriculum(modules=2, with_tests=False, is_paced=True)
    cohort = factories.CohortFactory(
        curriculum=curriculum,
        name="Spring leadership cohort",
        facilitator=facilitator,
        starts_on=factories.local_today(department),
        release_interval_days=7,
    )
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department, cohort=cohort
    )
    first, second = curriculum.current_version.modules.order_by("order")
    do_module(enrollment, first, officer)
    return {
        "officer": officer,
        "facilitator": facilitator,
        "enrollment": enrollment,
        "second": second,
    }


def test_facilitator_replies_and_officer_reads_it(live_server, browser, cohort_world):
    world = cohort_world
    response = ReflectionResponse.objects.get()
    facilitator_context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = facilitator_context.new_page()
    sign_in(page, live_server.url, world["facilitator"].email, factories.PASSWORD)

    page.goto(f"{live_server.url}/facilitate/")
    _check(page)
    page.get_by_role("link", name="Reflection by Ana Reyes").click()
    _check(page)
    page.get_by_label("Your reply").fill("A clear plan. Tell us next week how the stops went.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_text("Your reply has been sent.").is_visible()
    assert page.get_by_text("Every reflection in your cohorts has a reply.").is_visible()
    _check(page)
    facilitator_context.close()

    officer_context = browser.new_context(viewport={"width": 360, "height": 740}, is_mobile=True)
    page = officer_context.new_page()
    sign_in(page, live_server.url, world["officer"].email, factories.PASSWORD)
    enrollment = world["enrollment"]
    page.goto(f"{live_server.url}/learn/{enrollment.pk}/reflections/{response.reflection_id}/")
    assert page.get_by_text("A clear plan. Tell us next week how the stops went.").is_visible()
    assert page.get_by_text("Fay Cole replied on").is_visible()
    _check(page)
    assert Notification.objects.filter(
        kind="facilitator_replied", recipient=world["officer"]
    ).exists()

    # The next module opens with the cohort, not before.
    second = world["second"]
    opens_on = world["enrollment"].cohort.module_opens_on(2)
    locked = page.goto(f"{live_server.url}/learn/{enrollment.pk}/modules/{second.pk}/")
    assert locked.status == 403
    assert page.get_by_role("heading", name="This module is not open yet").is_visible()
    assert page.get_by_text(f"opens on {date_format(opens_on, 'DATE_FORMAT')}").is_visible()
    _check(page)
    page.goto(f"{live_server.url}/learn/{enrollment.pk}/")
    assert page.get_by_text(f"Opens {date_format(opens_on, 'DATE_FORMAT')}").is_visible()
    _check(page)
    officer_context.close()
