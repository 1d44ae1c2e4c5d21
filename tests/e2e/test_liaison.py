"""The liaison's workspace in headless Chromium: enroll, see, export; phones; axe-core."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.utils import timezone

from accounts.models import Membership
from curriculum.models import Enrollment
from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in

pytestmark = pytest.mark.e2e


@pytest.fixture
def liaison_world(transactional_db):
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    liaison = factories.liaison(department, email="liaison@repair.test")
    course = factories.CurriculumFactory(title="Rights-Based Policing", slug="rights-based")
    officers = [
        factories.officer(department, first_name=first, last_name=last)
        for first, last in [("Ana", "Alvarez"), ("Ben", "Brooks"), ("Cleo", "Carter")]
    ]
    factories.officer(department, first_name="Dan", last_name="Dunn")
    return {"department": department, "liaison": liaison, "course": course, "officers": officers}


def _populate_dashboard(world) -> None:
    """Something in every section: overdue, completions over several weeks, a fast one."""
    department, course = world["department"], world["course"]
    for index, officer in enumerate(world["officers"]):
        factories.EnrollmentFactory(
            officer=officer,
            department=department,
            curriculum=course,
            status="completed",
            progress=100,
            completed_at=timezone.now() - dt.timedelta(weeks=index * 2),
            flagged_fast=index == 0,
        )
    late = factories.officer(department, first_name="Lee", last_name="Late")
    factories.EnrollmentFactory(
        officer=late,
        department=department,
        curriculum=course,
        due_on=factories.local_today() - dt.timedelta(9),
    )


def test_liaison_enrolls_three_officers_sees_them_and_exports_csv(live_server, page, liaison_world):
    world = liaison_world
    due = factories.local_today() + dt.timedelta(days=30)
    sign_in(page, live_server.url, world["liaison"].email, factories.PASSWORD)

    page.goto(f"{live_server.url}/department/officers/")
    for officer in world["officers"]:
        page.get_by_label(f"Select {officer.display_name}", exact=True).check()
    page.get_by_label("Curriculum or cohort").select_option(label="Rights-Based Policing")
    page.get_by_label("Due date").fill(due.isoformat())
    page.get_by_role("button", name="Enroll", exact=True).click()
    page.wait_for_load_state("networkidle")

    assert page.get_by_text("Enrolled 3 officers.").is_visible()
    enrolled = Enrollment.objects.filter(curriculum=world["course"])
    assert sorted(e.officer.last_name for e in enrolled) == ["Alvarez", "Brooks", "Carter"]
    assert {e.due_on for e in enrolled} == {due}

    page.goto(f"{live_server.url}/department/")
    recent = page.locator("section", has=page.get_by_role("heading", name="Recently enrolled"))
    for officer in world["officers"]:
        assert recent.get_by_role("rowheader", name=officer.display_name).is_visible()
    assert "Dan Dunn" not in recent.inner_text()
    curricula = page.locator(
        "section", has=page.get_by_role("heading", name="Completion per curriculum")
    )
    assert curricula.get_by_role("row", name="Rights-Based Policing 3 0 0 0%").is_visible()

    page.goto(f"{live_server.url}/department/officers/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Progress (CSV)").click()
    download = download_info.value
    with open(download.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read())))
    listed = {(row[0], row[5], row[9]) for row in rows[1:]}
    assert listed == {
        (last, "Rights-Based Policing", due.isoformat()) for last in ("Alvarez", "Brooks", "Carter")
    }


def _assert_readable_on_phone(page) -> None:
    scroll_width = page.evaluate("document.documentElement.scrollWidth")
    wide = page.evaluate(
        """[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 361)
        .filter(e => !e.closest('.table-wrap, .visually-hidden')).slice(0, 8)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))"""
    )
    assert scroll_width <= 360, wide
    assert serious_axe_violations(page) == []


def test_dashboard_readable_on_phone_and_accessible(live_server, phone_page, liaison_world):
    _populate_dashboard(liaison_world)
    sign_in(phone_page, live_server.url, liaison_world["liaison"].email, factories.PASSWORD)

    phone_page.goto(f"{live_server.url}/department/")

    chart = phone_page.locator("svg.chart").bounding_box()
    assert 300 <= chart["width"] <= 360
    assert phone_page.locator("[data-figure=officers]").inner_text() == "5"
    assert phone_page.locator("[data-figure=overdue]").inner_text() == "1"
    assert phone_page.get_by_text("9 days").is_visible()
    assert phone_page.locator("[data-flagged]").count() == 1
    _assert_readable_on_phone(phone_page)


def test_roster_and_officer_page_readable_on_phone_and_accessible(
    live_server, phone_page, liaison_world
):
    _populate_dashboard(liaison_world)
    sign_in(phone_page, live_server.url, liaison_world["liaison"].email, factories.PASSWORD)

    phone_page.goto(f"{live_server.url}/department/officers/")
    assert phone_page.get_by_role("link", name="Ana Alvarez", exact=True).is_visible()
    _assert_readable_on_phone(phone_page)

    membership = Membership.objects.get(user=liaison_world["officers"][0], role="officer")
    phone_page.goto(f"{live_server.url}/department/officers/{membership.pk}/")
    assert phone_page.get_by_role("heading", name="Ana Alvarez", level=1).is_visible()
    _assert_readable_on_phone(phone_page)


def test_other_liaison_gets_404_in_the_browser(live_server, page, liaison_world):
    other = factories.DepartmentFactory(name="Harbor County Sheriff's Office", state="FL")
    outsider = factories.liaison(other, email="liaison2@repair.test")
    membership = Membership.objects.get(user=liaison_world["officers"][0], role="officer")
    sign_in(page, live_server.url, outsider.email, factories.PASSWORD)

    dept = liaison_world["department"].pk
    for path in (
        f"/department/officers/{membership.pk}/",
        f"/department/?department={dept}",
        f"/department/export/roster.csv?department={dept}",
    ):
        response = page.request.get(f"{live_server.url}{path}")
        assert response.status == 404, path
