from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from curriculum.models import Enrollment
from partners.disclosure import min_cell
from partners.models import DataSharingAgreement
from partners.selectors import GROUPINGS, partner_aggregates, table_as_dict
from tests.partners.audit import all_problems
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
)

pytestmark = pytest.mark.django_db

ROW_FIELDS = {"key", "label", "officers", "enrolled", "completed", "completion_rate", "suppressed"}


def _snapshot(world, **kwargs):
    return partner_aggregates(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END, **kwargs
    )


def _rows(snapshot, name):
    return {row["key"]: row for row in table_as_dict(snapshot=snapshot, name=name)["rows"]}


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
    snapshot = _snapshot(world)

    first, second = world.departments
    rows = _rows(snapshot, "department")
    assert rows[str(first.pk)] == {
        "key": str(first.pk),
        "label": first.name,
        "officers": 25,
        "enrolled": 45,
        "completed": 14,
        "completion_rate": round(14 / 45, 4),
        "suppressed": False,
    }
    assert rows[str(second.pk)]["enrolled"] == 52
    assert rows[str(second.pk)]["completed"] == 26
    totals = table_as_dict(snapshot=snapshot, name="department")["totals"]
    assert totals == {
        "officers": 55,
        "enrolled": 97,
        "completed": 40,
        "completion_rate": round(40 / 97, 4),
        "suppressed": False,
    }
    assert snapshot.departments_reached == 2


def test_a_small_count_is_withheld_with_its_complement_and_zero_is_shown():
    world = build_world(
        [
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(25, 25)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(5, 5)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(12, 12)]),
            DepartmentSpec(roster=30, outcomes=[]),
        ],
        curricula=1,
    )
    rows = _rows(_snapshot(world), "department")
    big, small, medium, empty = (rows[str(d.pk)] for d in world.departments)

    assert small["suppressed"] is True
    assert small["officers"] is small["enrolled"] is small["completed"] is None
    assert small["completion_rate"] is None
    # The next smallest non-empty row goes too, or 5 = total - 25 - 12.
    assert medium["suppressed"] is True
    assert big["suppressed"] is False and big["enrolled"] == 25
    assert empty == {**empty, "enrolled": 0, "completed": 0, "suppressed": False}


def test_departments_under_the_threshold_are_merged_into_other_departments():
    world = build_world(
        [DepartmentSpec(roster=6, outcomes=[CurriculumOutcome(6, 6)]) for _ in range(3)]
        + [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(30, 15)])],
        curricula=1,
    )
    rows = _rows(_snapshot(world), "department")

    assert set(rows) == {str(world.departments[3].pk), "other"}
    assert rows["other"]["enrolled"] == 18
    assert rows["other"]["completed"] == 18
    assert rows["other"]["label"].startswith("Other departments")


def test_a_small_other_departments_group_is_itself_withheld():
    world = build_world(
        [
            DepartmentSpec(roster=4, outcomes=[CurriculumOutcome(4, 2)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 11)]),
            DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(25, 12)]),
        ],
        curricula=1,
    )
    rows = _rows(_snapshot(world), "department")
    assert rows["other"]["suppressed"] is True
    assert sum(row["suppressed"] for row in rows.values()) >= 2


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

    snapshot = _snapshot(world)

    # No small department shares data, so there is no "other departments" row.
    assert set(_rows(snapshot, "department")) == {str(world.departments[0].pk), str(current.pk)}
    assert table_as_dict(snapshot=snapshot, name="department")["totals"]["enrolled"] == 35


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

    totals = table_as_dict(snapshot=_snapshot(world), name="curriculum")["totals"]

    assert totals["enrolled"] == 18


def test_learning_gain_uses_first_attempts_of_matched_pairs_only():
    world = build_world(
        [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 15, paired=12, rated=14)])],
        curricula=1,
    )
    snapshot = _snapshot(world)

    gain = table_as_dict(snapshot=snapshot, name="gain")["rows"]
    assert len(gain) == 1
    pre = sum(40 + i % 30 for i in range(12)) / 12
    post = sum(70 + i % 25 for i in range(12)) / 12
    assert gain[0]["pairs"] == 12
    assert gain[0]["mean_pre"] == round(pre, 2)
    assert gain[0]["mean_post"] == round(post, 2)
    assert gain[0]["mean_gain"] == round(post - pre, 2)
    assert gain[0]["normalised_gain"] == round((post - pre) / (100 - pre), 2)
    assert not any(name.startswith(("min", "max")) for name in gain[0])
    rating = table_as_dict(snapshot=snapshot, name="rating")["rows"]
    assert rating[0]["ratings"] == 14
    assert rating[0]["mean_rating"] == round(sum(1 + i % 5 for i in range(14)) / 14, 2)


def test_learning_gain_and_ratings_under_eleven_are_withheld():
    world = build_world(
        [DepartmentSpec(roster=30, outcomes=[CurriculumOutcome(20, 15, paired=10, rated=10)])],
        curricula=1,
    )
    snapshot = _snapshot(world)

    gain = table_as_dict(snapshot=snapshot, name="gain")["rows"][0]
    rating = table_as_dict(snapshot=snapshot, name="rating")["rows"][0]
    assert gain["suppressed"] is True
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
    snapshot = _snapshot(world)

    assert min_cell() == 11
    assert snapshot.min_cell == 11
    assert table_as_dict(snapshot=snapshot, name="department")["min_cell"] == 11
    assert _rows(snapshot, "department")[str(world.departments[0].pk)]["suppressed"] is True
    assert _snapshot(world, ledger={}).min_cell == 11


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
    rows = _rows(_snapshot(world), "department")
    assert rows[str(world.departments[0].pk)]["suppressed"] is True


def test_a_state_never_reveals_a_withheld_department_inside_it():
    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(5, 0)]),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(40, 0)]),
            DepartmentSpec(roster=30, state="FL", outcomes=[CurriculumOutcome(30, 0)]),
            DepartmentSpec(roster=30, state="AL", outcomes=[CurriculumOutcome(35, 0)]),
        ],
        curricula=1,
    )
    snapshot = _snapshot(world)

    states = _rows(snapshot, "state")
    assert states["GA"]["suppressed"] is True
    assert all_problems(snapshot, 11) == []


def _department_specs():
    outcome = st.integers(0, 30).flatmap(
        lambda enrolled: st.builds(
            CurriculumOutcome,
            enrolled=st.just(enrolled),
            completed=st.integers(0, enrolled),
            paired=st.integers(0, enrolled),
            rated=st.integers(0, enrolled),
        )
    )
    department = st.integers(0, 30).flatmap(
        lambda roster: st.builds(
            DepartmentSpec,
            roster=st.just(roster),
            state=st.sampled_from(["GA", "FL", "AL"]),
            sharing=st.booleans(),
            outcomes=st.lists(
                outcome.map(
                    lambda o: CurriculumOutcome(
                        min(o.enrolled, roster),
                        min(o.completed, roster),
                        min(o.paired, roster),
                        min(o.rated, roster),
                    )
                ),
                min_size=0,
                max_size=3,
            ),
        )
    )
    return st.lists(department, min_size=1, max_size=6)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=_department_specs())
def test_property_no_output_reveals_a_withheld_figure(specs):
    with transaction.atomic():
        world = build_world(specs, curricula=3)
        snapshot = _snapshot(world)
        k = snapshot.min_cell
        assert k >= 11
        sharing = [spec for spec in specs if spec.sharing]
        grand = snapshot.tables["department"].total
        assert grand.counts["enrolled"] == sum(o.enrolled for s in sharing for o in s.outcomes)
        assert grand.counts["completed"] == sum(o.completed for s in sharing for o in s.outcomes)
        assert all_problems(snapshot, k) == []
        officer_values = {str(officer.pk) for officer in world.officers} | {
            officer.email for officer in world.officers
        }
        for name in GROUPINGS:
            data = table_as_dict(snapshot=snapshot, name=name)
            for row in data["rows"]:
                assert set(row) == ROW_FIELDS
                assert row["label"] not in officer_values
                if row["suppressed"]:
                    assert [row[f] for f in ("officers", "enrolled", "completed")] == [None] * 3
                    assert row["completion_rate"] is None
                else:
                    assert row["officers"] == 0 or row["officers"] >= k
                    if row["completion_rate"] is not None:
                        assert row["enrolled"] >= k
            keys = {row["key"] for row in data["rows"]}
            if name == "department":
                assert keys <= {str(d.pk) for d in world.departments} | {"other"}
        transaction.set_rollback(True)


def test_query_count_of_the_aggregates_is_pinned_and_does_not_grow_with_rows():
    small = build_world([DepartmentSpec(roster=12, outcomes=[CurriculumOutcome(12, 11, 11, 11)])])
    big = build_world(
        [
            DepartmentSpec(roster=30, state=state, outcomes=[CurriculumOutcome(30, 20, 15, 12)] * 2)
            for state in ("GA", "FL", "AL", "TX", "GA", "FL")
        ],
        curricula=3,
    )
    counts = []
    for world in (small, big):
        with CaptureQueriesContext(connection) as queries:
            _snapshot(world)
        counts.append(len(queries))
    assert counts == [14, 14]
