from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import timezone

from accounts.models import AuditEvent
from curriculum.models import Enrollment
from curriculum.selectors.enrollments import (
    completion_series,
    department_officer_list,
    department_summary,
    enrollment_list_for,
    managed_department_get,
)
from curriculum.services.enrollments import enrollment_bulk_create
from tests import factories

pytestmark = pytest.mark.django_db


def _enroll(officer, department, curriculum, **kwargs):
    return factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum, **kwargs
    )


def test_department_summary_counts_each_status_and_overdue(department):
    curriculum = factories.CurriculumFactory(title="Officer course")
    officers = [factories.officer(department) for _ in range(4)]
    _enroll(officers[0], department, curriculum)
    _enroll(officers[1], department, curriculum, status="in_progress")
    _enroll(
        officers[2], department, curriculum, due_on=factories.local_today() - dt.timedelta(days=3)
    )
    _enroll(officers[3], department, curriculum, status="completed", completed_at=timezone.now())

    summary = department_summary(department=department)

    assert summary == {
        "officers": 4,
        "enrollments": 4,
        "not_started": 2,
        "in_progress": 1,
        "completed": 1,
        "overdue": 1,
        "completion_rate": 0.25,
        "curricula": [
            {
                "curriculum_id": curriculum.pk,
                "title": "Officer course",
                "enrolled": 4,
                "completed": 1,
                "overdue": 1,
                "completion_rate": 0.25,
            }
        ],
    }


def test_department_summary_ignores_other_departments(department, other_department):
    curriculum = factories.CurriculumFactory()
    _enroll(factories.officer(other_department), other_department, curriculum)

    assert department_summary(department=department)["enrollments"] == 0


@pytest.mark.parametrize("officer_count", [10, 60])
def test_roster_query_count_does_not_grow(department, django_assert_num_queries, officer_count):
    curriculum = factories.CurriculumFactory()
    for _ in range(officer_count):
        _enroll(factories.officer(department), department, curriculum)

    with django_assert_num_queries(1):
        rows = list(department_officer_list(department=department))

    assert len(rows) == officer_count
    assert {row.enrollment_count for row in rows} == {1}


def test_liaison_sees_only_own_department_enrollments(department, other_department, liaison):
    curriculum = factories.CurriculumFactory()
    mine = _enroll(factories.officer(department), department, curriculum)
    _enroll(factories.officer(other_department), other_department, curriculum)

    assert list(enrollment_list_for(user=liaison)) == [mine]


def test_officer_sees_no_department_enrollments(officer, department):
    _enroll(factories.officer(department), department, factories.CurriculumFactory())

    assert list(enrollment_list_for(user=officer)) == []


def test_other_departments_answer_404(liaison, other_department):
    with pytest.raises(Http404):
        managed_department_get(user=liaison, department_id=other_department.pk)


def test_completion_series_groups_by_month(department):
    curriculum = factories.CurriculumFactory()
    for day in (
        dt.datetime(2026, 3, 2, 17, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 20, 17, tzinfo=dt.UTC),
    ):
        _enroll(
            factories.officer(department),
            department,
            curriculum,
            status="completed",
            completed_at=day,
        )
    _enroll(
        factories.officer(department),
        department,
        curriculum,
        status="completed",
        completed_at=dt.datetime(2026, 5, 1, 17, tzinfo=dt.UTC),
    )

    series = completion_series(enrollments=Enrollment.objects.all(), interval="month")

    assert [(p.period_start, p.completed) for p in series] == [
        (dt.date(2026, 3, 1), 2),
        (dt.date(2026, 5, 1), 1),
    ]


@pytest.mark.parametrize(
    ("zone", "day", "month"),
    [
        ("America/New_York", dt.date(2026, 5, 1), dt.date(2026, 5, 1)),
        ("Pacific/Honolulu", dt.date(2026, 4, 30), dt.date(2026, 4, 1)),
    ],
)
def test_completion_series_follows_the_departments_calendar(zone, day, month):
    """05:30 UTC on May 1st is 01:30 on May 1st in New York, 19:30 on April 30th in Honolulu."""
    department = factories.DepartmentFactory(timezone=zone)
    _enroll(
        factories.officer(department),
        department,
        factories.CurriculumFactory(),
        status="completed",
        completed_at=dt.datetime(2026, 5, 1, 5, 30, tzinfo=dt.UTC),
    )

    by_month = completion_series(
        enrollments=Enrollment.objects.all(), interval="month", department=department
    )
    by_week = completion_series(
        enrollments=Enrollment.objects.all(),
        interval="week",
        since=day,
        until=day,
        department=department,
    )

    assert [(p.period_start, p.completed) for p in by_month] == [(month, 1)]
    assert [p.completed for p in by_week] == [1]  # since/until are its local days too


def test_bulk_create_skips_existing_and_audits(department, liaison):
    curriculum = factories.CurriculumFactory()
    first, second = factories.officer(department), factories.officer(department)
    _enroll(first, department, curriculum)

    result = enrollment_bulk_create(
        officer_ids=[first.pk, second.pk],
        curriculum=curriculum,
        department=department,
        due_on=factories.local_today() + dt.timedelta(days=14),
        acting_user=liaison,
    )

    assert (result.created, result.skipped_existing) == (1, 1)
    assert result.enrollment_ids == [Enrollment.objects.get(officer=second).pk]
    # The one enrollment event (the factories' rows have their own, accounts.audit_watch).
    assert AuditEvent.objects.get(action__startswith="enrollment.").action == "enrollment.create"


def test_bulk_create_with_foreign_officer_writes_nothing(department, other_department, liaison):
    curriculum = factories.CurriculumFactory()
    mine, foreign = factories.officer(department), factories.officer(other_department)

    with pytest.raises(ValidationError) as error:
        enrollment_bulk_create(
            officer_ids=[mine.pk, foreign.pk],
            curriculum=curriculum,
            department=department,
            due_on=None,
            acting_user=liaison,
        )

    assert str(foreign.pk) in str(error.value.message_dict["officer_ids"])
    assert Enrollment.objects.count() == 0
    assert not AuditEvent.objects.filter(action__startswith="enrollment.").exists()
