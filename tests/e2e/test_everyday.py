"""Everyday use in headless Chromium, each at desktop width and at 360 px with axe-core (0
serious or critical): the liaison's roster filters, skipped enrollments, dashboard and officer
page; the officer's rating, certificate and account pages; the partner's and staff's pages."""

from __future__ import annotations

import datetime as dt
import re

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
    factories.officer(
        department, email="officer@repair.test", first_name="Olu", last_name="Officer"
    )
    factories.DepartmentFactory(name="Harbor County Sheriff's Office", state="GA")
    staff = factories.UserFactory(email="admin@repair.test", is_staff=True, is_superuser=True)
    return {
        "staff": staff,
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


def test_dashboard_links_to_the_officer_page_where_withdraw_is_not_the_main_action(
    browser, live_server, world
):
    for _width, page in _pages(browser):
        sign_in(page, live_server.url, "liaison@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/department/")
        overdue = page.locator("section", has=page.get_by_role("heading", name="Overdue"))
        assert overdue.get_by_role("columnheader", name="Last reminded").count() == 1
        assert overdue.get_by_role("cell", name="Never").count() == 2
        assert serious_axe_violations(page) == []

        overdue.get_by_role("link", name="Ann Late").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("heading", name="Ann Late").is_visible()
        withdraw = page.get_by_role("button", name=re.compile(r"^Withdraw\W+Officer course"))
        change = page.get_by_role("button", name="Change due date").first
        remind = page.get_by_role("button", name="Remind now").first
        background = "el => getComputedStyle(el).backgroundColor"
        assert withdraw.evaluate(background) == "rgb(255, 255, 255)"
        assert remind.evaluate(background) == "rgb(255, 255, 255)"
        assert change.evaluate(background) != "rgb(255, 255, 255)"
        assert serious_axe_violations(page) == []


def test_verify_hint_matches_the_codes(browser, live_server, world):
    for _width, page in _pages(browser):
        page.goto(f"{live_server.url}/verify/")
        assert page.get_by_text("16 letters and digits in groups of four").is_visible()
        assert serious_axe_violations(page) == []


def test_officer_account_pages_keep_a_short_header_and_no_api_tokens(browser, live_server, world):
    for width, page in _pages(browser):
        sign_in(page, live_server.url, "officer@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/accounts/password/change/")
        header = page.locator("header.site-header").bounding_box()
        assert header["height"] <= (120 if width < 500 else 80)
        account = page.get_by_role("navigation", name="Account")
        assert account.get_by_role("link", name="Two-factor authentication").is_visible()
        assert page.get_by_role("link", name="API tokens").count() == 0
        assert serious_axe_violations(page) == []


def test_staff_pick_a_department(browser, live_server, world):
    for _width, page in _pages(browser):
        sign_in(page, live_server.url, "admin@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/department/")
        assert page.get_by_role("heading", name="Choose a department").is_visible()
        assert page.get_by_role("link", name="Departments").count() == 1
        assert serious_axe_violations(page) == []
        page.get_by_role("link", name="Demo City Police Department").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("heading", name="Demo City Police Department").is_visible()
        page.get_by_role("combobox", name="Department").select_option(
            label="Harbor County Sheriff's Office"
        )
        page.get_by_role("button", name="Show").click()
        page.wait_for_load_state("networkidle")
        assert page.get_by_role("heading", name="Harbor County Sheriff's Office").is_visible()
        assert serious_axe_violations(page) == []


def test_the_module_rating_is_asked_at_the_end_of_a_module(browser, live_server, world):
    from tests.curriculum.test_learn_progress import (
        do_module,
        pre_test_of,
        started_an_hour_ago,
        take,
    )

    officer = factories.officer(world["department"], email="rater@repair.test")
    curriculum = factories.small_curriculum(modules=2, title="Rated course")
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=world["department"]
    )
    started_an_hour_ago(enrollment)
    take(enrollment, pre_test_of(curriculum), officer)
    do_module(enrollment, curriculum.current_version.modules.order_by("order").first(), officer)
    for _width, page in _pages(browser):
        sign_in(page, live_server.url, "rater@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/learn/{enrollment.pk}/continue/")
        assert page.get_by_role("heading", name="Module finished").is_visible()
        assert page.get_by_role("button", name="Skip").is_visible()
        assert serious_axe_violations(page) == []


def test_the_admin_is_branded_and_grouped(browser, live_server, world):
    for _width, page in _pages(browser):
        sign_in(page, live_server.url, "admin@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/admin/")
        assert page.get_by_text("REPAIR program administration").first.is_visible()
        for section in ("People", "Training", "Partners", "Operations"):
            assert page.get_by_role("link", name=re.compile(f"^{section}:")).first.is_visible()
        assert serious_axe_violations(page) == []


def test_api_docs_pass_axe(browser, live_server, world):
    for _width, page in _pages(browser):
        sign_in(page, live_server.url, "liaison@repair.test", factories.PASSWORD)
        page.goto(f"{live_server.url}/api/docs/")
        page.wait_for_selector(".opblock", timeout=20000)
        assert page.locator("html").get_attribute("lang") == "en"
        assert serious_axe_violations(page) == []
        page.locator(".opblock-summary-control").first.click()
        page.wait_for_selector(".opblock-body")
        assert serious_axe_violations(page) == []
