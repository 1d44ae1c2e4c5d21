from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from accounts.models import AuditEvent
from curriculum.models import Enrollment, Lesson
from partners.models import PartnerReport
from partners.selectors import GROUPINGS
from partners.services import partner_report_build
from partners.tables import TRAINER_TABLES
from partners.wording import rule_statement
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
ROW_FIELDS = {
    "key",
    "label",
    "officers",
    "enrolled",
    "completed",
    "completion_rate",
    "suppressed",
    "withheld",
    "ranges",
    "in_period",
}


def _world():
    return build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15, 14, 13)] * 2),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(26, 13, 12, 12)] * 2),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(24, 12)]),
            DepartmentSpec(roster=5, state="AL", outcomes=[CurriculumOutcome(5, 2)]),
        ]
    )


@pytest.fixture
def world():
    """A world whose October report has been built (what partners see)."""
    world = _world()
    world.report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    return world


@pytest.fixture
def reviewer(world):
    return partner_user(world.partner, email="reviewer@example.test")


@pytest.fixture
def reviewer_only():
    """A reviewer of a partner whose first report has not been built."""
    return partner_user(_world().partner, email="early@example.test")


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
    # Enrollments: 2 x 30 + 2 x 26 + 24 + 5 (the small department, in Alabama's group).
    assert '<span class="stat" data-figure="enrolled">141</span>' in html
    assert "Alabama: departments with 1 to 10 officers" in html
    assert "1\N{EN DASH}10" in html and "withheld (a)" in html
    assert "&lt;11" not in html  # a withheld figure says so, never "<11"
    assert rule_statement(11) in html.replace("&#x27;", "'")
    assert "The report for November 2026 comes once that month has ended" in html
    assert reverse("partners:home") == "/partner/"


def test_before_the_first_report_the_dashboard_says_when_it_comes(client, reviewer_only):
    response = _client(client, reviewer_only).get("/partner/")

    html = response.content.decode()
    assert response.status_code == 200
    assert "No report has been issued yet" in html
    assert "for November 2026" in html and "Dec 1, 2026" in html
    data = client.get(AGGREGATES).json()
    assert (data["rows"], data["totals"], data["period_end"]) == ([], None, None)


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
        # No trainer was certified and no post written in this world: nothing to list by month
        # of certification or module.
        assert data["rows"] or group_by in ("trainer_month", "discussion")
        # The trainer tables add the trainers holding a valid certification (issued - ended).
        fields = ROW_FIELDS | {"valid"} if group_by in TRAINER_TABLES else ROW_FIELDS
        for row in data["rows"]:
            assert set(row) == fields
            assert row["suppressed"] is bool(row["withheld"] or row["ranges"])
            for name in [*row["withheld"], *row["ranges"]]:
                assert row[name] is None
        assert set(data["totals"]) == fields - {"key", "label"}
    data = client.get(AGGREGATES, {"group_by": "department"}).json()
    assert data["totals"]["enrolled"] == 141
    group = next(row for row in data["rows"] if row["key"] == "AL:1-10")
    assert group["ranges"] == {"officers": [1, 10]}
    assert group["withheld"] == dict.fromkeys(("officers", "enrolled", "completed"), "small_cell")


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
    with CaptureQueriesContext(connection) as small:
        assert client.get(AGGREGATES, {"group_by": "curriculum"}).status_code == 200
    bigger = build_world(
        [DepartmentSpec(roster=40, outcomes=[CurriculumOutcome(40, 30, 20, 20)] * 3)] * 4,
        curricula=3,
    )
    reviewer_of_more = partner_user(bigger.partner, email="more@example.test")
    partner_report_build(partner=bigger.partner, period_start=PERIOD_START, period_end=PERIOD_END)
    _client(client, reviewer_of_more)
    client.get(AGGREGATES)
    with CaptureQueriesContext(connection) as big:
        assert client.get(AGGREGATES, {"group_by": "curriculum"}).status_code == 200
    # Scope, the partner, the latest report and its rows.
    assert len(small) == len(big) == 5


def test_what_is_shown_is_the_stored_report_even_after_the_data_changes(client, world, reviewer):
    _client(client, reviewer)
    shown = client.get(AGGREGATES).json()
    Enrollment.objects.filter(department=world.departments[0]).delete()

    assert client.get(AGGREGATES).json() == shown
    assert shown["totals"]["enrolled"] == 141
    assert shown["period_end"] == "2026-10-31"


def test_the_api_shows_exactly_what_the_report_file_published(client, world, reviewer):
    _client(client, reviewer)
    with world.report.csv_file.open("rb") as handle:
        published = {
            (row["table"], row["key"]): row
            for row in csv.DictReader(io.StringIO(handle.read().decode()))
        }
    for group_by in GROUPINGS:
        data = client.get(AGGREGATES, {"group_by": group_by}).json()
        for row in [*data["rows"], {**data["totals"], "key": "total"}]:
            stored = published[(group_by, row["key"])]
            for name in ("officers", "enrolled", "completed"):
                if name in row["ranges"]:
                    assert stored[name] == "-".join(str(v) for v in row["ranges"][name])
                elif name in row["withheld"]:
                    assert stored[name] == "withheld"
                else:
                    assert stored[name] == str(row[name])


def test_a_stored_report_with_a_lost_file_still_shows_its_figures(client, world, reviewer):
    _client(client, reviewer)
    shown = client.get(AGGREGATES).json()
    world.report.csv_file.storage.delete(world.report.csv_file.name)

    response = client.get(AGGREGATES)

    assert response.status_code == 200
    assert response.json() == shown


def test_report_list_and_audited_download(client, world, reviewer):
    report = world.report
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


def test_no_partner_output_names_an_officer(client, world, reviewer):
    report = world.report
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
    "/learn/calendar/",  # the user's own calendar address
    "/learn/trainer/",  # the user's own trainer certification (none for a partner)
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


def test_a_lost_report_file_is_rebuilt_on_download(client, world, reviewer):
    report = world.report
    first = _client(client, reviewer).get(f"/partner/reports/{report.pk}/csv/")
    before = b"".join(first.streaming_content)
    report.csv_file.storage.delete(report.csv_file.name)

    response = client.get(f"/partner/reports/{report.pk}/csv/")

    assert response.status_code == 200
    assert b"".join(response.streaming_content) == before
    assert AuditEvent.objects.filter(action="partner_report.download").count() == 2


def test_a_file_that_cannot_be_rebuilt_answers_410_and_records_no_download(client, world, reviewer):
    report = world.report
    report.csv_file.storage.delete(report.csv_file.name)
    report.rows.filter(position=report.rows.order_by("position").first().position).delete()
    _client(client, reviewer)

    response = client.get(f"/partner/reports/{report.pk}/csv/")

    assert response.status_code == 410
    assert "could not be rebuilt" in response.content.decode()
    assert not AuditEvent.objects.filter(action="partner_report.download").exists()


def test_the_rule_is_said_one_way_on_the_dashboard_and_in_the_pdf(client, world, reviewer):
    """'1 to 10' everywhere: never 'fewer than 11', 'at least 11', '1 to 11' or '<11'."""
    html = _client(client, reviewer).get("/partner/").content.decode()
    pdf = pdf_text(
        b"".join(client.get(f"/partner/reports/{world.report.pk}/pdf/").streaming_content)
    )
    for text in (html, pdf):
        flat = " ".join(text.split())
        assert "1 to 10 officers are never shown" in flat
        assert "1 to 10 such pairs" in flat
        assert "with 1 to 29 officers on their roster are counted together" in flat
        for other in ("fewer than", "at least 11", "1 to 11", "&lt;11", "<11", "“1-10”"):
            assert other not in flat, other


def test_the_pdf_opens_with_a_one_page_summary(client, world, reviewer):
    import re as regex

    pdf = b"".join(
        _client(client, reviewer).get(f"/partner/reports/{world.report.pk}/pdf/").streaming_content
    )
    text = " ".join(pdf_text(pdf).split())

    summary = text[: text.index("Method:")]
    assert "Period: Oct 1, 2026 to Oct 31, 2026" in summary
    for figure in ("Departments reached", "Officers reached", "Enrollments", "Completion rate"):
        assert figure in summary
    assert "Completion by curriculum" in summary and "Completion by state" in summary
    assert "1 to 10 officers are never shown" in summary
    assert text.count("REPAIR partner report:") == 1
    assert len(regex.findall(rb"/Type /Page\b(?!s)", pdf)) >= 2  # the summary, then the tables
    first_page = regex.findall(rb"stream\r?\n(.*?)endstream", pdf, regex.S)[0]
    assert b"REPAIR partner report:" in first_page and b"Method:" in first_page
