"""Certified trainers in the partner's monthly report (issue 17, item 5, under R-11).

The `trainer` table (a row per state of the sharing departments) and the `trainer_month` table
(month of certification) count the trainers of Training of Trainers like the other tables count
officers: trainers certified, certifications issued, certifications expired or revoked, and
those holding a valid certification at the end of the month (issued minus ended). They go
through the same disclosure engine, ledger and interval audit as every other table.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curriculum.models import DepartmentTrainer
from partners.figures import period_figures
from partners.models import PartnerReport
from partners.selectors import table_as_dict
from partners.services import partner_release_build, partner_report_build
from tests.partners.audit import pdf_text
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    PERIODS,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
    partner_sharing,
    partner_user,
)

pytestmark = pytest.mark.django_db

VALID_UNTIL = dt.date(2028, 9, 1)


def _certify(department, users, certified_on, expires_on=VALID_UNTIL, revoked_at=None):
    DepartmentTrainer.objects.bulk_create(
        DepartmentTrainer(
            user=user,
            department=department,
            certified_on=certified_on,
            expires_on=expires_on,
            revoked_at=revoked_at,
        )
        for user in users
    )


def _staff(world, index: int):
    return [m.user for m in world.departments[index].memberships.order_by("pk")]


def _rows(report, name: str) -> dict:
    data = table_as_dict(report=report, name=name)
    return {row["key"]: row for row in data["rows"]} | {"total": data["totals"]}


def _read(field) -> bytes:
    with field.open("rb") as handle:
        return handle.read()


def _three_states():
    """Georgia: 12 trainers; Florida: 6; Alabama: 5 (two small states adding up to 11)."""
    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15)]),
            DepartmentSpec(roster=20, state="FL", outcomes=[CurriculumOutcome(20, 12)]),
            DepartmentSpec(roster=15, state="AL", outcomes=[CurriculumOutcome(15, 12)]),
        ],
        curricula=1,
    )
    for index, count in enumerate((12, 6, 5)):
        _certify(world.departments[index], _staff(world, index)[:count], dt.date(2026, 9, 10))
    return world


def test_trainers_by_state_show_a_small_count_as_the_range_and_a_large_one_exact():
    world = _three_states()

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    rows = _rows(report, "trainer")
    georgia, florida, alabama = rows["GA"], rows["FL"], rows["AL"]
    assert (georgia["officers"], georgia["enrolled"], georgia["completed"]) == (12, 12, 0)
    assert georgia["valid"] == 12 and not georgia["suppressed"]
    for small in (florida, alabama):
        assert small["ranges"] == {"officers": [1, 10]}
        assert small["withheld"] == dict.fromkeys(
            ("completed", "enrolled", "officers"), "small_cell"
        )
        assert small["officers"] is small["enrolled"] is small["valid"] is None
    assert rows["total"]["officers"] == 23 and rows["total"]["valid"] == 23
    assert georgia["label"] == "Georgia"
    # Certified in September: the month's row of the report is the month of certification.
    months = _rows(report, "trainer_month")
    assert months["2026-09"]["enrolled"] == 23

    # The same figures in the CSV, the PDF and on the dashboard.
    published = list(csv.DictReader(io.StringIO(_read(report.csv_file).decode())))
    by_key = {(row["table"], row["key"]): row for row in published}
    assert by_key[("trainer", "GA")]["officers"] == "12"
    assert by_key[("trainer", "FL")]["officers"] == "1-10"
    assert by_key[("trainer", "FL")]["enrolled"] == "withheld"
    assert by_key[("trainer", "total")]["enrolled"] == "23"
    assert by_key[("trainer", "GA")]["completion_rate"] == ""
    text = pdf_text(_read(report.pdf_file))
    assert "Certified trainers by state" in text and "Valid at the end of the month" in text
    reviewer = partner_user(world.partner, email="trainers@example.test")
    from django.test import Client

    client = Client()
    client.force_login(reviewer)
    html = client.get("/partner/").content.decode()
    section = html.split('id="trainers-heading"')[1].split("</section>")[0]
    assert "Certified trainers by state" in section
    assert '<th scope="row">Georgia</th>\n      <td>12</td>' in section
    assert '<th scope="row">Florida</th>\n      <td>1\N{EN DASH}10</td>' in section
    assert "withheld (a)" in section
    assert '<tfoot>\n    <tr>\n      <th scope="row">Total</th>\n      <td>23</td>' in section
    # Those certified in the period: none in October (all 23 were certified in September).
    assert 'data-figure="trainers-in-period">Trainers certified in October 2026: 0</p>' in section
    api = client.get("/api/v1/partner/aggregates/", {"group_by": "trainer"}).json()
    assert {row["key"]: row["valid"] for row in api["rows"]} == {"AL": None, "FL": None, "GA": 12}


def test_an_expired_revoked_future_or_unshared_certification_is_not_counted_as_valid():
    world = build_world(
        [
            DepartmentSpec(roster=40, state="GA", outcomes=[CurriculumOutcome(40, 20)]),
            DepartmentSpec(roster=25, state="GA", sharing=False, outcomes=[]),
        ],
        curricula=1,
    )
    staff, outside = _staff(world, 0), _staff(world, 1)
    department = world.departments[0]
    _certify(department, staff[:14], dt.date(2026, 9, 10))
    # Expired during October, and revoked during October: ended.
    _certify(department, staff[14:20], dt.date(2024, 10, 1), expires_on=dt.date(2026, 10, 15))
    revoked = dt.datetime(2026, 10, 20, 15, tzinfo=dt.UTC)
    _certify(department, staff[20:26], dt.date(2026, 8, 3), revoked_at=revoked)
    # Valid on the last day of the month, and revoked only after it: still valid then.
    _certify(department, staff[26:27], dt.date(2024, 11, 1), expires_on=PERIOD_END)
    later = dt.datetime(2026, 11, 2, 15, tzinfo=dt.UTC)
    _certify(department, staff[27:28], dt.date(2026, 8, 3), revoked_at=later)
    # Certified after the month: not in October's report.
    _certify(department, staff[28:29], dt.date(2026, 11, 5))
    # A department without an agreement with the partner: none of its 20 trainers counts.
    _certify(world.departments[1], outside[:20], dt.date(2026, 9, 10))

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    georgia = _rows(report, "trainer")["GA"]
    assert (georgia["officers"], georgia["enrolled"], georgia["completed"]) == (28, 28, 12)
    assert georgia["valid"] == 16
    figures = period_figures(department_ids=[department.pk], period_end=PERIOD_END)
    counts = figures.counts[("trainer", "GA")][department.pk]
    assert (counts["open_officers"], counts["completed_officers"]) == (16, 12)


def test_a_small_number_of_ended_certifications_withholds_the_valid_count():
    world = build_world(
        [DepartmentSpec(roster=40, state="GA", outcomes=[CurriculumOutcome(40, 20)])], curricula=1
    )
    staff, department = _staff(world, 0), world.departments[0]
    _certify(department, staff[:15], dt.date(2026, 9, 10))
    _certify(department, staff[15:17], dt.date(2024, 10, 1), expires_on=dt.date(2026, 10, 15))

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    georgia = _rows(report, "trainer")["GA"]
    # 17 trainers certified, 2 of them no longer valid: 2 would single out those two.
    assert georgia["officers"] == 17 and georgia["enrolled"] == 17
    assert georgia["withheld"] == {"completed": "small_cell"}
    assert georgia["completed"] is None and georgia["valid"] is None


def test_a_change_of_1_to_10_trainers_since_the_last_report_is_a_range():
    world = build_world(
        [DepartmentSpec(roster=40, state="GA", outcomes=[CurriculumOutcome(40, 20)])], curricula=1
    )
    staff, department = _staff(world, 0), world.departments[0]
    _certify(department, staff[:20], dt.date(2026, 8, 10))
    _certify(department, staff[20:24], dt.date(2026, 10, 10))
    for start, end in PERIODS[1:]:
        partner_release_build(period_start=start, period_end=end, partners=[world.partner])

    september, october = (
        PartnerReport.objects.get(partner=world.partner, period_end=end) for _, end in PERIODS[1:]
    )
    assert _rows(september, "trainer")["GA"]["officers"] == 20
    georgia = _rows(october, "trainer")["GA"]
    assert georgia["ranges"]["officers"] == [21, 30]
    assert georgia["withheld"]["officers"] == "change"
    assert georgia["officers"] is None and georgia["valid"] is None
    # The 4 certified in October: "1-10" on the dashboard's line for the period.
    from partners.charts import dashboard_figures

    in_period = dashboard_figures(report=october, k=11)["trainers_in_period"]
    assert in_period["key"] == "2026-10" and in_period["ranges"] == {"officers": [1, 10]}


def test_the_outside_audit_pins_no_trainer_figure_of_two_partners_one_department_apart():
    from tests.partners.test_outside_audit import audit_world

    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15)]),
            DepartmentSpec(roster=26, state="FL", outcomes=[CurriculumOutcome(26, 13)]),
            DepartmentSpec(roster=40, state="FL", outcomes=[CurriculumOutcome(40, 22)]),
            DepartmentSpec(roster=12, state="FL", outcomes=[CurriculumOutcome(9, 6)]),
        ],
        curricula=1,
    )
    certified = {
        0: [(8, dt.date(2026, 8, 5)), (5, dt.date(2026, 9, 7)), (4, dt.date(2026, 10, 12))],
        1: [(12, dt.date(2026, 8, 5)), (2, dt.date(2026, 10, 12))],
        2: [(14, dt.date(2026, 9, 7))],
        3: [(3, dt.date(2026, 8, 5)), (4, dt.date(2026, 10, 12))],
    }
    for index, batches in certified.items():
        staff, start = _staff(world, index), 0
        for count, day in batches:
            _certify(world.departments[index], staff[start : start + count], day)
            start += count
    # Two of Georgia's first trainers let their certification lapse in September.
    DepartmentTrainer.objects.filter(
        department=world.departments[0], certified_on=dt.date(2026, 8, 5)
    ).filter(pk__in=DepartmentTrainer.objects.order_by("pk").values("pk")[:2]).update(
        expires_on=dt.date(2026, 9, 20)
    )
    second = partner_sharing(world, {0, 1, 2})

    problems, pinned = audit_world([world.partner, second])

    assert problems == []
    assert pinned == []
    trainer_rows = PartnerReport.objects.filter(rows__table="trainer").distinct().count()
    assert trainer_rows == 6  # both partners, three months


def test_dashboard_query_count_does_not_grow_with_trainer_rows(client):
    def queries_of(world) -> int:
        partner_report_build(
            partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
        )
        client.force_login(partner_user(world.partner))
        client.get("/partner/")  # session and roles warm up once
        with CaptureQueriesContext(connection) as captured:
            assert client.get("/partner/").status_code == 200
        return len(captured)

    plain = build_world([DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(30, 15)])])
    with_trainers = _three_states()
    # Session; user with roles; the partner; the latest report and its rows (the trainer
    # tables are among them: no query of their own); the archive's scope check; the partner
    # picker; the archive.
    assert queries_of(plain) == queries_of(with_trainers) == 8


def test_a_report_from_before_the_trainer_and_discussion_tables_prints_as_it_was():
    from partners.services import _render

    world = _three_states()
    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )
    later = ("trainer", "trainer_month", "trainer_total", "discussion", "discussion_total")
    report.rows.filter(table__in=later).delete()  # the ledger of an older report

    csv_bytes, pdf_bytes = _render(report, list(report.rows.order_by("position")))

    assert b"trainer" not in csv_bytes and b"discussion" not in csv_bytes
    text = pdf_text(pdf_bytes)
    assert "Certified trainers" not in text and "Cohort discussion" not in text
    assert "Module ratings (1 to 5)" in text
