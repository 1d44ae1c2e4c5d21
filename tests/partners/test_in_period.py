"""Issue 20 row 12: "in the period" next to "to date", modules started vs completed, and the
note that names the curricula a report counts nothing of (and how its rate differs from a
liaison's).

The clock stands at 18 November 2026 (tests/partners/conftest.py); the worlds' enrollments are
assigned on 10 August, 10 September and 10 October (tests/partners/builders.py), one third
each, and completed five days later.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from types import SimpleNamespace

import pytest

from partners.changes import row_change
from partners.models import DataSharingAgreement
from partners.selectors import table_as_dict
from partners.services import partner_report_build
from partners.wording import report_notes
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

SEPTEMBER = (dt.date(2026, 9, 1), dt.date(2026, 9, 30))


def _world():
    # 90 officers, 90 enrollments (30 a month), 54 completed (18 a month): by the end of
    # September 60 enrollments and 36 completions, by the end of October 90 and 54 (the
    # enrollments not completed move by 12, so rule 2 leaves every figure exact).
    # The second curriculum is published but nobody in the department is enrolled in it.
    return build_world(
        [DepartmentSpec(roster=90, outcomes=[CurriculumOutcome(90, 54)])], curricula=2
    )


def _two_reports(world):
    partner_report_build(partner=world.partner, period_start=SEPTEMBER[0], period_end=SEPTEMBER[1])
    return partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )


def _csv_rows(report) -> list[dict]:
    with report.csv_file.open("rb") as handle:
        return list(csv.DictReader(io.StringIO(handle.read().decode())))


def test_in_the_period_is_the_month_and_to_date_is_cumulative():
    world = _world()

    report = _two_reports(world)

    assert report.change_since == SEPTEMBER[1]
    totals = table_as_dict(report=report, name="department")["totals"]
    assert (totals["officers"], totals["enrolled"], totals["completed"]) == (90, 90, 54)
    assert totals["in_period"] == {"officers": 30, "enrolled": 30, "completed": 18}
    month = {row["key"]: row for row in table_as_dict(report=report, name="month")["rows"]}
    # October's enrollments are all new this month; August's only gained nothing.
    assert month["2026-10"]["in_period"] == {"officers": 30, "enrolled": 30, "completed": 18}
    assert month["2026-08"]["in_period"] == {"officers": 0, "enrolled": 0, "completed": 0}


def test_module_rows_count_modules_started_and_completed_not_only_finished_ones():
    world = _world()

    report = _two_reports(world)

    (module,) = table_as_dict(report=report, name="module")["rows"]
    # Every enrollment started the module; 54 of the 90 completed it, 60% and not 100%.
    assert (module["officers"], module["enrolled"], module["completed"]) == (90, 90, 54)
    assert module["completion_rate"] == round(54 / 90, 4)
    assert module["in_period"] == {"officers": 30, "enrolled": 30, "completed": 18}


def test_a_first_report_has_no_period_figures_and_says_when_they_start():
    world = _world()

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    assert report.change_since is None
    assert all(not row.in_period for row in report.rows.all())
    notes = {row["key"]: row["label"] for row in _csv_rows(report) if row["table"] == "note"}
    assert notes["in_period"].startswith("“In October 2026” figures start with the next report")


def test_no_period_figures_when_the_sharing_departments_changed():
    world = _world()
    partner_report_build(partner=world.partner, period_start=SEPTEMBER[0], period_end=SEPTEMBER[1])
    newcomer = factories.DepartmentFactory()
    DataSharingAgreement.objects.create(
        partner=world.partner, department=newcomer, starts_on=dt.date(2026, 10, 5)
    )

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    # The change would be the newcomer's whole history, not the month's activity.
    assert report.change_since is None
    assert all(not row.in_period for row in report.rows.all())


def test_the_change_follows_only_from_what_the_two_reports_published():
    def row(table="state", members=(), ranges=None, **figures):
        values = dict.fromkeys(("officers", "enrolled", "completed")) | figures
        return SimpleNamespace(table=table, members=list(members), ranges=ranges or {}, **values)

    before = row(officers=40, enrolled=80, completed=None)
    # Rule 2 printed the officers as 41-50 (changed by 1 to 10); completions stay withheld.
    now = row(enrolled=100, completed=50, ranges={"officers": [41, 50]})

    assert row_change(now, before) == {"officers": [1, 10], "enrolled": 20}
    # Twice "86-95" (within 10 of the same last value): it may have risen or fallen.
    same = {"officers": 40, "completed": 10, "ranges": {"enrolled": [86, 95]}}
    assert row_change(row(**same), row(**same)) == {"officers": 0, "completed": 0}
    # A new row (a curriculum first enrolled in this month) counted nothing before.
    assert row_change(row(officers=12, enrolled=12, completed=0), None) == {
        "officers": 12,
        "enrolled": 12,
        "completed": 0,
    }
    # A department row whose members changed (a department joined its group) has no change.
    group = row(table="department", members=[1, 2], officers=30, enrolled=30, completed=0)
    assert row_change(group, row(table="department", members=[1], officers=12)) == {}


def test_the_note_names_the_curriculum_not_counted_on_the_dashboard_pdf_and_csv(client):
    world = _world()
    report = _two_reports(world)
    idle = world.curricula[1].title
    reviewer = partner_user(world.partner, email="reviewer@example.test")
    client.force_login(reviewer)

    html = client.get("/partner/").content.decode().replace("&#x27;", "'")
    with report.pdf_file.open("rb") as handle:
        pdf = pdf_text(handle.read())
    notes = {row["key"]: row["label"] for row in _csv_rows(report) if row["table"] == "note"}

    assert report.not_counted == [idle]
    assert world.curricula[0].title not in notes["not_counted"]
    expected = f"Not counted in this report: {idle}. No enrollment in them was assigned by"
    assert notes["not_counted"].startswith(expected)
    assert expected in html
    assert expected in " ".join(pdf.split())
    assert "no data-sharing agreement leaves a curriculum out" in notes["not_counted"]
    rate_note = "A liaison's dashboard divides its department's completed enrollments by all"
    assert rate_note in notes["completion_rate"] and rate_note in html
    assert table_as_dict(report=report, name="curriculum")["not_counted"] == [idle]


def test_the_dashboard_shows_both_columns_and_its_query_count_is_pinned(
    client, django_assert_num_queries
):
    world = _world()
    _two_reports(world)
    reviewer = partner_user(world.partner, email="reviewer@example.test")
    client.force_login(reviewer)
    client.get("/partner/")  # session and roles warm up once

    with django_assert_num_queries(8):
        response = client.get("/partner/")

    html = response.content.decode()
    assert '<th scope="colgroup" colspan="3">In October 2026</th>' in html
    assert '<th scope="colgroup" colspan="4">To date (through Oct 31, 2026)</th>' in html
    cards = html[html.index('id="reach-heading"') : html.index('id="counted-heading"')]
    assert '<span class="stat-label">Reached for the first time in October 2026: 30</span>' in cards
    assert cards.count('<span class="stat-label">In October 2026: 30</span>') == 1
    assert '<span class="stat-label">In October 2026: 18</span>' in cards
    assert '<span class="stat" data-figure="completed">54</span>' in html
    csv_rows = _csv_rows(world.partner.reports.get(period_end=PERIOD_END))
    total = next(row for row in csv_rows if row["table"] == "department" and row["key"] == "total")
    assert (total["enrolled"], total["enrolled_in_period"]) == ("90", "30")
    assert (total["completed"], total["completed_in_period"]) == ("54", "18")


def test_a_report_issued_before_the_notes_does_not_claim_what_it_never_recorded():
    world = _world()
    report = _two_reports(world)
    # As the migration leaves a report built before these notes: nothing recorded.
    report.not_counted, report.change_since = None, None
    report.save(update_fields=["not_counted", "change_since"])

    notes = dict(report_notes(report=report))

    assert set(notes) == {"in_period", "completion_rate"}
    assert notes["in_period"] == "This report was issued before reports gave the month's figures."
    assert table_as_dict(report=report, name="curriculum")["not_counted"] is None
