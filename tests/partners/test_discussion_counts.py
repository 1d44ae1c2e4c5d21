"""Counts of cohort discussion posts per module in the partner's report (issue 17, item 3:
"counts of posts per module may enter partner aggregates only under R-11"): officers who
posted, posts, replies; never a text or an author; through the same engine and audit."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from curriculum.models import Cohort, DiscussionPost, Enrollment
from partners.selectors import table_as_dict
from partners.services import partner_report_build
from tests import factories
from tests.partners.builders import (
    PERIOD_END,
    PERIOD_START,
    CurriculumOutcome,
    DepartmentSpec,
    build_world,
    partner_sharing,
)

pytestmark = pytest.mark.django_db

IN_OCTOBER = dt.datetime(2026, 10, 5, 15, tzinfo=dt.UTC)


def _cohort(world, department_index: int, curriculum_index: int) -> Cohort:
    department = world.departments[department_index]
    curriculum = world.curricula[curriculum_index]
    cohort = Cohort.objects.create(
        curriculum=curriculum, name="C", department=department, starts_on=dt.date(2026, 8, 1)
    )
    Enrollment.objects.filter(department=department, curriculum=curriculum).update(cohort=cohort)
    return cohort


def _members(cohort: Cohort) -> list:
    return [e.officer for e in cohort.enrollments.order_by("pk").select_related("officer")]


def _post(cohort, module, authors, *, replies_to=None, when=IN_OCTOBER):
    return DiscussionPost.objects.bulk_create(
        DiscussionPost(
            cohort=cohort,
            module=module,
            author=author,
            parent=replies_to,
            body="A reflection on the module that no partner reads.",
            created_at=when,
        )
        for author in authors
    )


def _rows(report) -> dict:
    data = table_as_dict(report=report, name="discussion")
    return {row["key"]: row for row in data["rows"]} | {"total": data["totals"]}


def test_posts_per_module_count_officers_posts_and_replies_and_nothing_else():
    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 10)]),
            DepartmentSpec(
                roster=20, state="GA", sharing=False, outcomes=[CurriculumOutcome(20, 5)]
            ),
        ],
        curricula=1,
    )
    cohort, outside = _cohort(world, 0, 0), _cohort(world, 1, 0)
    module, members = world.modules[0], _members(cohort)
    first = _post(cohort, module, members[:14])
    _post(cohort, module, members[14:26], replies_to=first[0])
    # Not counted: a facilitator's reply, the general thread, a post after the month, a post
    # in the cohort of a department outside the partner's agreements.
    _post(cohort, module, [factories.UserFactory(is_facilitator=True)], replies_to=first[1])
    _post(cohort, None, members[:5])
    _post(cohort, module, members[:3], when=dt.datetime(2026, 11, 3, 15, tzinfo=dt.UTC))
    _post(outside, module, _members(outside)[:15])

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    row = _rows(report)[str(module.pk)]
    assert (row["officers"], row["enrolled"], row["completed"]) == (26, 26, 12)
    assert not row["suppressed"] and row["completion_rate"] is None
    assert row["label"].endswith(module.title)
    published = report.csv_file.open("rb").read().decode()
    assert "A reflection" not in published
    assert not any(m.email in published or m.last_name in published for m in members)


def test_a_module_with_1_to_10_officers_posting_is_shown_as_the_range():
    world = build_world(
        [DepartmentSpec(roster=40, state="GA", outcomes=[CurriculumOutcome(40, 10)] * 3)],
        curricula=3,
    )
    cohorts = [_cohort(world, 0, index) for index in range(3)]
    busy, small, other = (
        (cohort, module, _members(cohort))
        for cohort, module in zip(cohorts, world.modules, strict=True)
    )
    _post(busy[0], busy[1], busy[2][:20])
    # Two small modules whose posts add up to 12: neither follows from the total.
    _post(small[0], small[1], small[2][:4] + small[2][:2])
    _post(other[0], other[1], other[2][:3] * 2)

    report = partner_report_build(
        partner=world.partner, period_start=PERIOD_START, period_end=PERIOD_END
    )

    rows = _rows(report)
    assert rows[str(busy[1].pk)]["officers"] == 20 and rows[str(busy[1].pk)]["enrolled"] == 20
    for module in (small[1], other[1]):
        found = rows[str(module.pk)]
        assert found["ranges"] == {"officers": [1, 10]}
        assert found["enrolled"] is None and found["withheld"]["enrolled"] == "small_cell"
    lines = list(csv.DictReader(io.StringIO(report.csv_file.open("rb").read().decode())))
    shown = {row["key"]: row for row in lines if row["table"] == "discussion"}
    assert shown[str(small[1].pk)]["officers"] == "1-10"
    assert shown["total"]["enrolled"] == "32"


def test_the_outside_audit_pins_no_post_count_of_two_partners_one_department_apart():
    from tests.partners.test_outside_audit import audit_world

    world = build_world(
        [
            DepartmentSpec(roster=30, state="GA", outcomes=[CurriculumOutcome(30, 15)]),
            DepartmentSpec(roster=26, state="FL", outcomes=[CurriculumOutcome(26, 13)]),
            DepartmentSpec(roster=9, state="FL", outcomes=[CurriculumOutcome(9, 6)]),
        ],
        curricula=1,
    )
    module = world.modules[0]
    for index, (count, month) in enumerate(((18, 8), (13, 9), (6, 10))):
        cohort = _cohort(world, index, 0)
        members = _members(cohort)
        when = dt.datetime(2026, month, 12, 15, tzinfo=dt.UTC)
        first = _post(cohort, module, members[:count], when=when)
        _post(cohort, module, members[: count // 2], replies_to=first[0], when=when)
    second = partner_sharing(world, {0, 1})

    problems, pinned = audit_world([world.partner, second])

    assert problems == []
    assert pinned == []
