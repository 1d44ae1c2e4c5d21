"""What a report publishes: the counting (per department, in each department's zone), the
grouping of small departments, and R-11 applied to the tables (read back from the ledger)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from curriculum.models import Enrollment
from partners.disclosure import SMALL_CELL, min_cell
from partners.figures import period_figures
from partners.models import DataSharingAgreement
from partners.selectors import GROUPINGS, table_as_dict
from partners.services import partner_report_build
from partners.tables import TRAINER_TABLES
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
)

pytestmark = pytest.mark.django_db

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


def _report(world):
    return partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )


def _rows(report, name):
    return {row["key"]: row for row in table_as_dict(report=report, name=name)["rows"]}


def test_large_department_rows_are_published_and_counted_in_the_database():
    world = build_world(
        [
            DepartmentSpec(
                roster=30, outcomes=[CurriculumOutcome(25, 14), CurriculumOutcome(20, 0)]
            ),
            DepartmentSpec(
                roster=40, outcomes=[CurriculumOutcome(30, 15), CurriculumOutcome(22, 11)]
            ),
        ]
    )
    report = _report(world)

    first, second = world.departments
    rows = _rows(report, "department")
    assert rows[str(first.pk)] == {
        "key": str(first.pk),
        "label": first.name,
        "officers": 25,
        "enrolled": 45,
        "completed": 14,
        "completion_rate": round(14 / 45, 4),
        "suppressed": False,
        "withheld": {},
        "ranges": {},
        "in_period": {},  # a first report: no month before to compare with
    }
    assert (rows[str(second.pk)]["enrolled"], rows[str(second.pk)]["completed"]) == (52, 26)
    totals = table_as_dict(report=report, name="department")["totals"]
    assert totals == {
        "officers": 55,
        "enrolled": 97,
        "completed": 40,
        "completion_rate": round(40 / 97, 4),
        "suppressed": False,
        "withheld": {},
        "ranges": {},
        "in_period": {},  # a first report: no month before to compare with
    }
    assert report.rows.get(table="total").departments == 2


def test_a_small_group_is_withheld_with_a_complement_and_zero_is_shown():
    world = build_world(
        [
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(25, 25)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(5, 5)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(12, 12)]),
            DepartmentSpec(roster=30, outcomes=[]),
        ],
        curricula=1,
    )
    rows = _rows(_report(world), "department")
    big, small, medium, empty = (rows[str(d.pk)] for d in world.departments)

    # 5 officers: a small group; its officers are given as "1-10", the rest withheld.
    assert small["withheld"] == dict.fromkeys(("officers", "enrolled", "completed"), SMALL_CELL)
    assert small["ranges"] == {"officers": [1, 10]}
    assert small["officers"] is small["enrolled"] is small["completed"] is None
    assert small["completion_rate"] is None
    # The next smallest non-empty row goes too, or 5 = total - 25 - 12.
    assert set(medium["withheld"]) == {"officers", "enrolled", "completed"}
    assert big["suppressed"] is False and big["enrolled"] == 25
    assert (empty["enrolled"], empty["completed"], empty["suppressed"]) == (0, 0, False)


def test_small_departments_are_grouped_by_state():
    world = build_world(
        [DepartmentSpec(roster=6, state="FL", outcomes=[CurriculumOutcome(6, 6)]) for _ in range(3)]
        + [DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15)])],
        curricula=1,
    )
    report = _report(world)
    rows = _rows(report, "department")

    assert set(rows) == {str(world.departments[3].pk), "FL:1-10"}
    group = rows["FL:1-10"]
    assert group["label"] == "Florida: departments with 1 to 10 officers"
    assert (group["officers"], group["enrolled"], group["completed"]) == (18, 18, 18)
    assert _rows(report, "state")["FL"]["enrolled"] == 18


def test_a_small_group_of_small_departments_is_itself_withheld():
    world = build_world(
        [
            DepartmentSpec(roster=4, outcomes=[CurriculumOutcome(4, 2)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 11)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(25, 12)]),
        ],
        curricula=1,
    )
    rows = _rows(_report(world), "department")

    assert rows["GA:1-10"]["withheld"]["enrolled"] == SMALL_CELL
    assert sum("enrolled" in row["withheld"] for row in rows.values()) >= 2


def test_only_departments_with_an_agreement_in_force_count():
    world = build_world(
        [
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 20)]),
            DepartmentSpec(roster=30, sharing=False, outcomes=[CurriculumOutcome(25, 25)]),
            DepartmentSpec(roster=30, sharing=False, outcomes=[CurriculumOutcome(30, 30)]),
            DepartmentSpec(roster=30, sharing=False, outcomes=[CurriculumOutcome(15, 15)]),
        ],
        curricula=1,
    )
    _, ended, future, current = world.departments
    DataSharingAgreement.objects.create(
        partner=world.partner, department=ended, starts_on=dt.date(2025, 1, 1),
        ends_on=dt.date(2026, 9, 30),
    )  # fmt: skip
    DataSharingAgreement.objects.create(
        partner=world.partner, department=future, starts_on=dt.date(2026, 11, 1)
    )
    DataSharingAgreement.objects.create(
        partner=world.partner, department=current, starts_on=dt.date(2026, 10, 31),
        ends_on=dt.date(2026, 12, 31),
    )  # fmt: skip

    report = _report(world)

    assert set(_rows(report, "department")) == {str(world.departments[0].pk), str(current.pk)}
    assert table_as_dict(report=report, name="department")["totals"]["enrolled"] == 35


def test_withdrawn_and_future_enrollments_do_not_count():
    world = build_world(
        [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 20)])], curricula=1
    )
    enrollments = list(Enrollment.objects.filter(department=world.departments[0]).order_by("pk"))
    enrollments[0].withdrawn_at = dt.datetime(2026, 10, 20, tzinfo=dt.UTC)
    enrollments[0].save(update_fields=["withdrawn_at"])
    enrollments[1].withdrawn_at = dt.datetime(2026, 11, 2, tzinfo=dt.UTC)  # after the period
    enrollments[1].save(update_fields=["withdrawn_at"])
    Enrollment.objects.filter(pk=enrollments[2].pk).update(
        assigned_at=dt.datetime(2026, 11, 3, tzinfo=dt.UTC)
    )

    figures = period_figures(department_ids=[world.departments[0].pk], period_end=PERIOD_END)

    assert figures.counts[("total", "all")][world.departments[0].pk]["enrolled"] == 18


def test_the_period_ends_at_midnight_in_each_departments_zone():
    world = build_world(
        [
            DepartmentSpec(roster=30, timezone="Pacific/Honolulu"),
            DepartmentSpec(roster=30, timezone="America/New_York"),
        ],
        curricula=1,
    )
    honolulu, new_york = world.departments
    # 09:30 UTC on 1 November: 23:30 on 31 October in Honolulu, 05:30 on 1 November in New York.
    late = dt.datetime(2026, 11, 1, 9, 30, tzinfo=dt.UTC)
    for department in world.departments:
        Enrollment.objects.create(
            officer=world.officers[0 if department == honolulu else 30],
            curriculum=world.curricula[0],
            version_id=world.curricula[0].current_version_id,
            department=department,
            assigned_at=late,
            completed_at=late,
            status=Enrollment.Status.COMPLETED,
            progress=100,
        )

    figures = period_figures(
        department_ids=[d.pk for d in world.departments], period_end=PERIOD_END
    )

    totals = figures.counts[("total", "all")]
    assert totals[honolulu.pk]["enrolled"] == 1 and totals[honolulu.pk]["completed"] == 1
    assert new_york.pk not in totals
    assert figures.counts[("month", "2026-10")][honolulu.pk]["enrolled"] == 1
    assert ("month", "2026-11") not in figures.counts


def test_learning_gain_uses_first_attempts_of_matched_pairs_only():
    world = build_world(
        [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 15, paired=12, rated=14)])],
        curricula=1,
    )
    report = _report(world)

    gain = table_as_dict(report=report, name="gain")["rows"]
    assert len(gain) == 1
    pre = sum(40 + i % 30 for i in range(12)) / 12
    post = sum(70 + i % 25 for i in range(12)) / 12
    assert gain[0]["pairs"] == 12
    assert gain[0]["mean_pre"] == round(pre, 2)
    assert gain[0]["mean_post"] == round(post, 2)
    assert gain[0]["mean_gain"] == round(post - pre, 2)
    assert gain[0]["normalised_gain"] == round((post - pre) / (100 - pre), 2)
    assert not any(name.startswith(("min", "max")) for name in gain[0])
    rating = table_as_dict(report=report, name="rating")["rows"]
    assert rating[0]["ratings"] == 14
    assert rating[0]["mean_rating"] == round(sum(1 + i % 5 for i in range(14)) / 14, 2)


def test_learning_gain_and_ratings_under_eleven_are_withheld():
    world = build_world(
        [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 15, paired=10, rated=10)])],
        curricula=1,
    )
    report = _report(world)

    gain = table_as_dict(report=report, name="gain")["rows"][0]
    rating = table_as_dict(report=report, name="rating")["rows"][0]
    assert gain["suppressed"] is True and gain["withheld"]["pairs"] == SMALL_CELL
    assert gain["pairs"] is gain["mean_gain"] is gain["mean_pre"] is gain["mean_post"] is None
    assert rating["suppressed"] is True and rating["mean_rating"] is None


def test_threshold_is_never_below_eleven_even_when_the_setting_says_five(settings):
    settings.REPAIR_MIN_CELL = 5
    world = build_world(
        [
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(7, 7)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(30, 30)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(25, 25)]),
        ],
        curricula=1,
    )
    report = _report(world)

    assert min_cell() == 11
    assert report.min_cell == 11
    assert table_as_dict(report=report, name="department")["min_cell"] == 11
    assert _rows(report, "department")[str(world.departments[0].pk)]["suppressed"] is True


def test_a_higher_threshold_from_the_setting_is_honoured(settings):
    settings.REPAIR_MIN_CELL = 20
    world = build_world(
        [
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(15, 0)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(25, 0)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(26, 0)]),
        ],
        curricula=1,
    )
    report = _report(world)
    row = _rows(report, "department")[str(world.departments[0].pk)]
    assert report.min_cell == 20
    assert row["ranges"] == {"officers": [1, 19]} or row["withheld"]["officers"] == SMALL_CELL


def test_every_table_has_the_contract_shape_and_names_no_officer():
    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15, 14, 13)] * 2),
            DepartmentSpec(roster=26, state="FL", outcomes=[CurriculumOutcome(26, 13, 12, 12)] * 2),
            DepartmentSpec(roster=5, state="AL", outcomes=[CurriculumOutcome(5, 2)]),
        ]
    )
    report = _report(world)
    officer_values = {str(o.pk) for o in world.officers} | {o.email for o in world.officers}
    for name in GROUPINGS:
        data = table_as_dict(report=report, name=name)
        # No trainer was certified and no post written in this world: nothing to list by month
        # of certification or module (the state rows and the totals are there).
        assert data["rows"] or name in ("trainer_month", "discussion"), name
        # The trainer tables add the trainers holding a valid certification (issued - ended).
        fields = ROW_FIELDS | {"valid"} if name in TRAINER_TABLES else ROW_FIELDS
        for row in data["rows"]:
            assert set(row) == fields
            assert row["label"] not in officer_values
            for figure in ("officers", "enrolled", "completed"):
                shown = row[figure]
                if figure in row["withheld"] or figure in row["ranges"]:
                    assert shown is None
                else:
                    assert shown == 0 or shown >= 11 or figure != "officers"
            if row["completion_rate"] is not None:
                assert row["enrolled"] >= 11


def test_query_count_of_the_counting_is_pinned_and_does_not_grow_with_rows():
    small = build_world([DepartmentSpec(roster=12, outcomes=[CurriculumOutcome(12, 11, 11, 11)])])
    big = build_world(
        [
            DepartmentSpec(
                roster=30,
                state=state,
                timezone=zone,
                outcomes=[CurriculumOutcome(30, 20, 15, 12)] * 2,
            )
            for state, zone in (
                ("GA", "America/New_York"),
                ("FL", "America/Chicago"),
                ("AL", "Pacific/Honolulu"),
                ("TX", "America/Denver"),
            )
        ],
        curricula=3,
    )
    counts = []
    for world in (small, big):
        with CaptureQueriesContext(connection) as queries:
            period_figures(department_ids=[d.pk for d in world.departments], period_end=PERIOD_END)
        counts.append(len(queries))
    # 10 for the enrollments, 2 for the certified trainers (by department, by month), 2 for
    # the discussion's posts (by module, in all).
    assert counts == [14, 14]
