from __future__ import annotations

import json
import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import AuditEvent
from curriculum.models import Enrollment, Lesson
from partners.models import PartnerReport
from partners.selectors import GROUPINGS
from partners.services import partner_report_build
from tests import factories
from tests.partners.audit import pdf_text
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
    partner_user,
)

pytestmark = pytest.mark.django_db

AGGREGATES = "/api/v1/partner/aggregates/"
REPORTS = "/api/v1/partner/reports/"
ROW_FIELDS = {"key", "label", "officers", "enrolled", "completed", "completion_rate", "suppressed"}


@pytest.fixture
def world():
    return build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15, 14, 13)] * 2),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(26, 13, 12, 12)] * 2),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(24, 12)]),
            DepartmentSpec(roster=5, state="AL", outcomes=[CurriculumOutcome(5, 2)]),
        ]
    )


@pytest.fixture
def reviewer(world):
    return partner_user(world.partner, email="reviewer@example.test")


def _client(client, user):
    client.force_login(user)
    return client


def test_dashboard_shows_the_figures_and_withheld_rows(client, world, reviewer):
    response = _client(client, reviewer).get("/partner/")

    assert response.status_code == 200
    html = response.content.decode()
    assert world.partner.name in html
    assert "Completion by curriculum" in html
    assert "Learning gain per curriculum" in html
    assert "Module ratings" in html
    assert world.departments[0].name in html
    # Enrollments: 2 x 30 + 2 x 26 + 24 + 5 (the small department, inside "other").
    assert '<span class="stat" data-figure="enrolled">141</span>' in html
    assert "&lt;11" in html  # a withheld row
    assert reverse("partners:home") == "/partner/"


def test_staff_may_see_the_dashboard_of_any_partner(client, world, staff_user):
    other = factories.PartnerOrganizationFactory(name="Another partner")

    response = _client(client, staff_user).get("/partner/", {"partner": other.pk})

    assert response.status_code == 200
    assert response.context["partner"] == other


@pytest.mark.parametrize("who", ["officer", "liaison"])
def test_dashboard_refuses_officers_and_liaisons(client, world, who, officer, liaison):
    user = officer if who == "officer" else liaison
    assert _client(client, user).get("/partner/").status_code == 403


def test_dashboard_sends_anonymous_visitors_to_sign_in(client):
    response = client.get("/partner/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_reviewer_cannot_pick_another_partner(client, world, reviewer):
    other = factories.PartnerOrganizationFactory()
    response = _client(client, reviewer).get("/partner/", {"partner": other.pk})
    assert response.status_code == 404


def test_aggregates_api_answers_every_grouping_in_the_contract_shape(client, world, reviewer):
    _client(client, reviewer)
    for group_by in GROUPINGS:
        response = client.get(AGGREGATES, {"group_by": group_by})
        assert response.status_code == 200, group_by
        data = response.json()
        assert data["group_by"] == group_by
        assert data["min_cell"] == 11
        assert data["rows"]
        for row in data["rows"]:
            assert set(row) == ROW_FIELDS
            if row["suppressed"]:
                assert row["officers"] is row["enrolled"] is row["completed"] is None
        assert set(data["totals"]) == {
            "officers",
            "enrolled",
            "completed",
            "completion_rate",
            "suppressed",
        }
    data = client.get(AGGREGATES, {"group_by": "department"}).json()
    assert data["totals"]["enrolled"] == 141
    other = next(row for row in data["rows"] if row["key"] == "other")
    assert other["suppressed"] is True


@pytest.mark.parametrize("group_by", ["officer", "", ["department", "state"]])
def test_aggregates_api_rejects_anything_but_one_known_grouping(client, world, reviewer, group_by):
    response = _client(client, reviewer).get(AGGREGATES, {"group_by": group_by})
    assert response.status_code == 400
    assert list(response.json()) == ["group_by"]


@pytest.mark.parametrize("url", [AGGREGATES, REPORTS])
@pytest.mark.parametrize("partner", ["", "abc", "0", "-3", "1e3", ["1", "2"]])
def test_partner_api_rejects_a_malformed_partner_id(client, world, reviewer, url, partner):
    response = _client(client, reviewer).get(url, {"partner": partner})
    assert response.status_code == 400
    assert list(response.json()) == ["partner"]


@pytest.mark.parametrize("who", ["officer", "liaison"])
def test_partner_api_refuses_other_roles(client, world, who, officer, liaison):
    user = officer if who == "officer" else liaison
    _client(client, user)
    assert client.get(AGGREGATES).status_code == 403
    assert client.get(REPORTS).status_code == 403


def test_partner_api_refuses_anonymous_callers(api_client, world):
    assert api_client.get(AGGREGATES).status_code in (401, 403)
    assert api_client.get(REPORTS).status_code in (401, 403)


def test_partner_api_is_open_to_staff(client, world, staff_user):
    response = _client(client, staff_user).get(AGGREGATES, {"partner": world.partner.pk})
    assert response.status_code == 200
    assert response.json()["totals"]["enrolled"] == 141


def test_another_partners_aggregates_answer_404(client, world, reviewer):
    other = factories.PartnerOrganizationFactory()
    response = _client(client, reviewer).get(AGGREGATES, {"partner": other.pk})
    assert response.status_code == 404


def test_aggregates_query_count_is_pinned_and_constant(client, world, reviewer):
    _client(client, reviewer)
    client.get(AGGREGATES)  # session, roles and the like warm up once
    cache.clear()
    with CaptureQueriesContext(connection) as small:
        assert client.get(AGGREGATES, {"group_by": "curriculum"}).status_code == 200
    build_world(
        [DepartmentSpec(roster=40, outcomes=[CurriculumOutcome(40, 30, 20, 20)] * 3)] * 4,
        curricula=3,
    )
    cache.clear()
    with CaptureQueriesContext(connection) as big:
        assert client.get(AGGREGATES, {"group_by": "curriculum"}).status_code == 200
    with CaptureQueriesContext(connection) as cached:
        assert client.get(AGGREGATES, {"group_by": "state"}).status_code == 200
    assert len(small) == len(big) == 19
    # The next request reuses the computed snapshot: scope and the report look-ups only.
    assert len(cached) == 5


def test_a_stored_report_replaces_the_cached_live_snapshot(client, world, reviewer):
    _client(client, reviewer)
    live = client.get(AGGREGATES).json()
    partner_report_build(partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END)
    Enrollment.objects.filter(department=world.departments[0]).delete()
    stored = client.get(AGGREGATES).json()
    assert stored == live  # the report published what the live view showed


def test_a_stored_report_is_parsed_once_per_process(client, world, reviewer):
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    _client(client, reviewer)
    first = client.get(AGGREGATES).json()
    report.csv_file.storage.delete(report.csv_file.name)  # the next request must not read it

    assert client.get(AGGREGATES).json() == first


def test_a_stored_report_with_a_lost_file_shows_the_live_figures(client, world, reviewer):
    _client(client, reviewer)
    live = client.get(AGGREGATES).json()
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    report.csv_file.storage.delete(report.csv_file.name)

    response = client.get(AGGREGATES)

    assert response.status_code == 200
    assert response.json() == live


def test_report_list_and_audited_download(client, world, reviewer):
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    other_report = partner_report_build(
        partner=factories.PartnerOrganizationFactory(),
        period_start=PERIOD_START,
        period_end=PERIOD_END,
    )
    _client(client, reviewer)

    listing = client.get(REPORTS).json()
    assert [item["id"] for item in listing["results"]] == [report.pk]
    item = listing["results"][0]
    assert item["period_start"] == "2026-10-01"
    assert item["period_end"] == "2026-10-31"
    assert item["download_url"].endswith(f"/partner/reports/{report.pk}/csv/")

    response = client.get(item["download_url"])
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    event = AuditEvent.objects.get(action="partner_report.download")
    assert (event.actor, event.object_id, event.data["kind"]) == (reviewer, str(report.pk), "csv")

    assert client.get(f"/partner/reports/{other_report.pk}/pdf/").status_code == 404
    assert client.get(f"/partner/reports/{report.pk}/xlsx/").status_code == 404
    assert AuditEvent.objects.filter(action="partner_report.download").count() == 1


def test_the_dashboard_shows_the_stored_report_of_the_last_month(client, world, reviewer):
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    Enrollment.objects.filter(department=world.departments[0]).delete()

    response = _client(client, reviewer).get("/partner/")

    assert response.status_code == 200
    assert f"/partner/reports/{report.pk}/pdf/" in response.content.decode()
    data = client.get(AGGREGATES).json()
    assert data["totals"]["enrolled"] == 141  # what was published, not a new figure


def test_no_partner_output_names_an_officer(client, world, reviewer):
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    _client(client, reviewer)
    outputs = [client.get("/partner/").content.decode()]
    outputs += [json.dumps(client.get(AGGREGATES, {"group_by": g}).json()) for g in GROUPINGS]
    outputs.append(json.dumps(client.get(REPORTS).json()))
    for kind in ("csv", "pdf"):
        body = b"".join(client.get(f"/partner/reports/{report.pk}/{kind}/").streaming_content)
        outputs.append(pdf_text(body) if kind == "pdf" else body.decode())
    everything = "\n".join(outputs)

    assert world.departments[0].name in everything
    for officer in world.officers:
        badge = officer.memberships.get().badge_number
        for value in (officer.email, officer.first_name, officer.last_name, badge):
            assert value not in everything


# --- officer-level pages are closed to partners ---------------------------------------------

SELF_SERVICE = (
    "/learn/",
    "/learn/my-data/",
    "/learn/preferences/",
    "/learn/record/",
    "/learn/record.json",
    "/learn/record.pdf",
)
OFFICER_LEVEL = (
    "learn/",
    "department/",
    "facilitate/",
    "api/v1/enrollments/",
    "api/v1/departments/",
)


def _routes(patterns, prefix=""):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern)


def _concrete(route: str, ids: dict[str, str]) -> str:
    route = route.replace("^", "").replace("$", "")
    route = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: ids.get(m.group(1), ids["id"]), route)
    route = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: ids.get(m.group(1), ids["id"]), route)
    return "/" + route


def test_every_officer_level_url_answers_403_or_404_to_a_partner(client, world, reviewer):
    enrollment = Enrollment.objects.filter(department=world.departments[0]).first()
    membership = world.officers[0].memberships.get()
    lesson = Lesson.objects.create(module=world.modules[0], order=1, title="Lesson")
    ids = {
        "id": str(world.departments[0].pk),
        "pk": str(enrollment.pk),
        "enrollment_id": str(enrollment.pk),
        "membership_id": str(membership.pk),
        "module_id": str(world.modules[0].pk),
        "lesson_id": str(lesson.pk),
        "assessment_id": str(world.curricula[0].current_version.assessments.first().pk),
        "code": "ABCDEF",
        "import_id": "1",
    }
    routes = sorted(
        {
            r
            for r in _routes(get_resolver().url_patterns)
            if r.replace("^", "").startswith(OFFICER_LEVEL)
        }
    )
    assert len(routes) >= 10
    before = (Enrollment.objects.count(), PartnerReport.objects.count())
    _client(client, reviewer)
    answers = {}
    for route in routes:
        url = _concrete(route, ids)
        status = client.get(url).status_code
        if status == 405:
            status = client.post(url).status_code
        answers[url] = status

    listing = "/api/v1/departments/"
    if answers.get(listing) == 200:  # the contract lets a partner list sharing departments
        rows = client.get(listing).json()
        rows = rows.get("results", rows) if isinstance(rows, dict) else rows
        assert all(set(row) <= {"id", "name", "state"} for row in rows)
        answers.pop(listing)
    # The learner's own pages (home, own data export, own preferences) serve any signed-in
    # user their own account; they are not about officers, and must show none.
    for url in SELF_SERVICE:
        if answers.get(url) == 200:
            body = client.get(url).content.decode("utf-8", errors="replace")
            assert not any(officer.email in body for officer in world.officers)
            answers.pop(url)
    assert {url: s for url, s in answers.items() if s not in (403, 404)} == {}
    assert (Enrollment.objects.count(), PartnerReport.objects.count()) == before
