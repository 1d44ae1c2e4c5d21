"""The partner's dashboard in headless Chromium: real figures, withheld rows, phones, axe-core."""

from __future__ import annotations

import datetime as dt

import pytest

from accounts.models import AuditEvent
from curriculum.models import Cohort, DepartmentTrainer, DiscussionPost, Enrollment
from partners.services import partner_report_build
from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
    partner_user,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def partner_world(transactional_db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15, 14, 13)] * 2),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(26, 13, 12, 12)] * 2),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(24, 12)]),
            DepartmentSpec(roster=5, state="AL", outcomes=[CurriculumOutcome(5, 2)]),
        ]
    )
    # Certified trainers (issue 17): 12 in Georgia, shown exactly; 6 in Florida and 5 in
    # Alabama, each "1-10" (together 11: neither can be worked out from the total).
    for index, count in ((0, 12), (1, 6), (3, 5)):
        staff = [m.user for m in world.departments[index].memberships.order_by("pk")[:count]]
        DepartmentTrainer.objects.bulk_create(
            DepartmentTrainer(
                user=user,
                department=world.departments[index],
                certified_on=dt.date(2026, 9, 10),
                expires_on=dt.date(2028, 9, 1),
            )
            for user in staff
        )
    # Discussion posts (issue 17): 12 officers of Georgia posted in the first module's thread.
    cohort = Cohort.objects.create(
        curriculum=world.curricula[0],
        name="Georgia cohort",
        department=world.departments[0],
        starts_on=dt.date(2026, 8, 1),
    )
    DiscussionPost.objects.bulk_create(
        DiscussionPost(
            cohort=cohort,
            module=world.modules[0],
            author=m.user,
            body="Text no partner reads",
            created_at=dt.datetime(2026, 10, 5, 15, tzinfo=dt.UTC),
        )
        for m in world.departments[0].memberships.order_by("pk")[:12]
    )
    Enrollment.objects.filter(
        department=world.departments[0], curriculum=world.curricula[0]
    ).update(cohort=cohort)
    reviewer = partner_user(world.partner, email="partner@repair.test")
    partner_report_build(partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END)
    return world, reviewer


def test_partner_signs_in_and_sees_figures_without_serious_axe_violations(
    live_server, page, partner_world
):
    world, reviewer = partner_world
    sign_in(page, live_server.url, reviewer.email, factories.PASSWORD)

    assert page.url == f"{live_server.url}/partner/"
    assert page.locator("[data-figure=departments]").inner_text() == "4"
    assert page.locator("[data-figure=enrolled]").inner_text() == "141"
    assert page.locator("[data-figure=officers]").inner_text() == "85"
    assert page.get_by_role("heading", name="Completion by curriculum").is_visible()
    assert page.get_by_role(
        "heading", name="Learning gain per curriculum (matched pre/post pairs)"
    ).is_visible()
    department_table = page.get_by_role("region", name="Completion by department")
    assert world.departments[0].name in department_table.inner_text()
    assert "withheld (" in department_table.inner_text()
    assert "<11" not in page.content()
    # The rule is said one way (issue 20, row 11): "1 to 10", never "fewer than 11".
    assert page.get_by_text("1 to 29 officers on their roster are counted together").is_visible()
    assert page.get_by_text("1 to 10 such pairs").is_visible()
    assert "fewer than" not in page.content() and "at least 11" not in page.content()
    trainers = page.get_by_role("region", name="Certified trainers by state")
    assert "Georgia\t12\t12\t0\t12" in trainers.inner_text()
    assert "Florida\t1\N{EN DASH}10\twithheld (a)" in trainers.inner_text()
    posts = page.get_by_role("region", name="Cohort discussion: posts per module")
    assert "\t12\t12\t0" in posts.inner_text()
    assert "Text no partner reads" not in page.content()
    for officer in world.officers[:5]:
        assert officer.last_name not in page.content()
    assert serious_axe_violations(page) == []

    with page.expect_download() as download:
        page.get_by_role("link", name="PDF report for October 2026").click()
    assert download.value.suggested_filename.endswith(".pdf")
    assert AuditEvent.objects.filter(action="partner_report.download", actor=reviewer).count() == 1


def test_partner_dashboard_fits_a_phone_and_passes_axe(live_server, phone_page, partner_world):
    _, reviewer = partner_world
    sign_in(phone_page, live_server.url, reviewer.email, factories.PASSWORD)
    phone_page.goto(f"{live_server.url}/partner/")

    assert phone_page.locator("[data-figure=enrolled]").inner_text() == "141"
    bar = phone_page.locator("#chart-curriculum-heading + figure svg").first.bounding_box()
    assert 250 <= bar["width"] <= 360
    phone_page.get_by_text("Data table").first.click()
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 360
    assert serious_axe_violations(phone_page) == []


@pytest.fixture
def period_world(transactional_db, settings, tmp_path):
    """Issue 20 row 12: a September and an October report, so October has its month's figures;
    the second curriculum is published but nobody is enrolled in it."""
    settings.MEDIA_ROOT = tmp_path / "media"
    world = build_world(
        [DepartmentSpec(roster=90, outcomes=[CurriculumOutcome(90, 54)])], curricula=2
    )
    reviewer = partner_user(world.partner, email="partner@repair.test")
    september = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    partner_report_build(partner=world.partner, period_start=september[0], period_end=september[1])
    partner_report_build(partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END)
    return world, reviewer


@pytest.mark.parametrize("screen", ["page", "phone_page"])  # 1280 px and 360 px
def test_partner_reads_the_month_next_to_to_date_and_what_is_not_counted(
    live_server, request, period_world, screen
):
    world, reviewer = period_world
    page = request.getfixturevalue(screen)
    width = page.viewport_size["width"]
    sign_in(page, live_server.url, reviewer.email, factories.PASSWORD)
    page.goto(f"{live_server.url}/partner/")

    assert page.locator("[data-figure=enrolled]").inner_text() == "90"

    def card(name):
        return page.locator("li.card", has=page.locator(f"[data-figure={name}]")).inner_text()

    assert "Reached for the first time in October 2026: 30" in card("officers")
    assert "In October 2026: 30" in card("enrolled")
    assert "In October 2026: 18" in card("completed")
    modules = page.get_by_role("region", name="Modules started and completed")
    assert modules.get_by_role("columnheader", name="In October 2026").count() == 1
    cells = modules.locator("tbody tr").first.locator("td").all_inner_texts()
    # To date: 90 started, 54 completed, 60%; in October: 30 started, 18 completed.
    assert cells == ["90", "90", "54", "60%", "30", "30", "18"]
    assert page.get_by_role("heading", name="What these figures count").is_visible()
    not_counted = f"Not counted in this report: {world.curricula[1].title}."
    assert page.get_by_text(not_counted).is_visible()
    assert page.get_by_text("A liaison's dashboard divides").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert serious_axe_violations(page) == []
