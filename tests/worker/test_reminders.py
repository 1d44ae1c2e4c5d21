"""Reminder sweeps: windows, dedupe, catch-up, digest, module openings, query counts."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from accounts.models import Membership, User
from curriculum.models import Enrollment
from tests import factories
from worker.models import Notification
from worker.reminders import liaison_digest_sweep, reminder_sweep

pytestmark = pytest.mark.django_db

AT = dt.datetime(2026, 11, 25, 17, 0, tzinfo=dt.UTC)  # a Wednesday, at noon in New York
TODAY = dt.date(2026, 11, 25)  # the date then, in every zone of the factories


@pytest.fixture
def curriculum():
    return factories.CurriculumFactory(title="Human Dignity in Policing")


def _enroll(department, curriculum, days: int | None, **fields) -> Enrollment:
    officer = factories.officer(department)
    due_on = None if days is None else TODAY + dt.timedelta(days=days)
    return factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum, due_on=due_on, **fields
    )


def _keys() -> set[str]:
    return set(Notification.objects.values_list("dedupe_key", flat=True))


def test_each_window_queues_its_reminder(department, curriculum):
    e = {days: _enroll(department, curriculum, days) for days in (8, 7, 2, 1, 0, -1, -8, -28, -29)}
    _enroll(department, curriculum, None)

    counts = reminder_sweep(at=AT)

    def due(days: int) -> str:
        return (TODAY + dt.timedelta(days=days)).isoformat()

    assert _keys() == {
        f"due_soon_7d:{e[7].pk}:{due(7)}",
        f"due_soon_7d:{e[2].pk}:{due(2)}",
        f"due_soon_1d:{e[1].pk}:{due(1)}",
        f"due_soon_1d:{e[0].pk}:{due(0)}",
        f"overdue:{e[-1].pk}:{due(-1)}:1",
        f"overdue:{e[-8].pk}:{due(-8)}:2",
        f"overdue:{e[-28].pk}:{due(-28)}:4",
    }
    assert counts == {"due_soon_7d": 2, "due_soon_1d": 2, "overdue": 3}
    row = Notification.objects.get(dedupe_key__startswith="due_soon_7d", recipient=e[7].officer)
    assert row.context == {
        "curriculum_title": "Human Dignity in Policing",
        "due_on": due(7),
        "url": "/learn/",
    }


def test_done_withdrawn_separated_and_deactivated_are_left_alone(department, curriculum):
    _enroll(
        department,
        curriculum,
        3,
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    _enroll(department, curriculum, 3, withdrawn_at=timezone.now())
    separated = _enroll(department, curriculum, 3)
    Membership.objects.filter(user=separated.officer).update(
        status=Membership.Status.SEPARATED, separated_on=TODAY
    )
    deactivated = _enroll(department, curriculum, 3)
    User.objects.filter(pk=deactivated.officer_id).update(is_active=False)

    assert reminder_sweep(at=AT) == {}
    assert Notification.objects.count() == 0


def test_sweeping_twice_queues_each_reminder_once(department, curriculum):
    for days in (5, 1, -3):
        _enroll(department, curriculum, days)

    reminder_sweep(at=AT)
    reminder_sweep(at=AT)

    assert Notification.objects.count() == 3


def test_a_missed_tick_heals_at_the_next_one_without_duplicates(department, curriculum):
    enrollment = _enroll(department, curriculum, 7)

    # Beat was down on the day the 7-day reminder was due; it runs again three days later.
    reminder_sweep(at=AT + dt.timedelta(days=3))
    reminder_sweep(at=AT + dt.timedelta(days=4))

    assert _keys() == {f"due_soon_7d:{enrollment.pk}:{enrollment.due_on}"}


def test_overdue_notices_come_weekly_and_stop_at_the_limit(department, curriculum):
    enrollment = _enroll(department, curriculum, -1)

    for day in range(0, 60):
        reminder_sweep(at=AT + dt.timedelta(days=day))

    overdue = sorted(
        Notification.objects.filter(kind="overdue").values_list("dedupe_key", flat=True)
    )
    assert overdue == [f"overdue:{enrollment.pk}:{enrollment.due_on}:{n}" for n in (1, 2, 3, 4)]


def test_a_new_due_date_gets_new_reminders(department, curriculum):
    enrollment = _enroll(department, curriculum, 5)
    reminder_sweep(at=AT)

    Enrollment.objects.filter(pk=enrollment.pk).update(due_on=TODAY + dt.timedelta(days=6))
    reminder_sweep(at=AT)

    assert Notification.objects.filter(kind="due_soon_7d").count() == 2


def test_cohort_module_opening_is_announced_once_to_each_member(department, curriculum):
    first = factories.ModuleFactory(curriculum=curriculum, order=1, title="Foundations")
    second = factories.ModuleFactory(curriculum=curriculum, order=2, title="Duty to intervene")
    cohort = factories.CohortFactory(curriculum=curriculum, starts_on=TODAY, department=department)
    members = [_enroll(department, curriculum, 60, cohort=cohort) for _ in range(2)]
    _enroll(department, curriculum, 60)  # same curriculum, no cohort

    reminder_sweep(at=AT)
    reminder_sweep(at=AT + dt.timedelta(days=1))
    week_one = _keys()
    reminder_sweep(at=AT + dt.timedelta(days=7))
    reminder_sweep(at=AT + dt.timedelta(days=20))

    assert week_one == {f"module_opened:{cohort.pk}:{first.pk}:{m.officer_id}" for m in members}
    assert _keys() == week_one | {
        f"module_opened:{cohort.pk}:{second.pk}:{m.officer_id}" for m in members
    }
    row = Notification.objects.filter(kind="module_opened").order_by("id").last()
    assert row.context == {
        "curriculum_title": "Human Dignity in Policing",
        "module_title": "Duty to intervene",
        "url": "/learn/",
    }


def _bulk_enrollments(department, curriculum, n: int, *, days: int) -> None:
    users = User.objects.bulk_create(
        User(email=f"bulk{i}@example.test", first_name="Bulk") for i in range(n)
    )
    Membership.objects.bulk_create(
        Membership(user=u, department=department, badge_number=f"X{i}") for i, u in enumerate(users)
    )
    Enrollment.objects.bulk_create(
        Enrollment(
            officer=u,
            department=department,
            curriculum=curriculum,
            version_id=curriculum.current_version_id,
            due_on=TODAY + dt.timedelta(days=days),
        )
        for u in users
    )


def _sweep_queries(**kwargs) -> tuple[int, int, int]:
    with CaptureQueriesContext(connection) as queries:
        counts = reminder_sweep(at=AT, **kwargs)
    inserts = [q for q in queries.captured_queries if q["sql"].startswith("INSERT")]
    return counts["due_soon_7d"], len(inserts), len(queries)


def test_planning_reminders_takes_one_select_per_kind_plus_one_insert_per_batch(
    department, curriculum
):
    _bulk_enrollments(department, curriculum, 2500, days=4)

    # 1 SELECT per kind (due in 7 days, due in 1 day, overdue, cohorts, expiring
    # certificates) + 50 INSERTs.
    assert _sweep_queries(batch_size=50) == (2500, 50, 55)
    assert Notification.objects.count() == 2500


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite caps bulk INSERT parameters (999), so batches of 1000 rows are split there",
)
def test_planning_50000_reminders_on_postgresql_takes_55_queries(department, curriculum):
    _bulk_enrollments(department, curriculum, 50_000, days=4)

    assert _sweep_queries() == (50_000, 50, 55)
    assert Notification.objects.count() == 50_000


def _digest_world(department, curriculum):
    liaison = factories.liaison(department, email="coordinator@example.test")
    late = _enroll(department, curriculum, -3)
    User.objects.filter(pk=late.officer_id).update(first_name="Dana", last_name="Reyes")
    _enroll(department, curriculum, 30)
    return liaison, late


def test_weekly_digest_lists_the_departments_overdue_officers(department, curriculum):
    liaison, late = _digest_world(department, curriculum)
    other_liaison = factories.liaison(factories.DepartmentFactory(), email="other@example.test")
    monday_morning = dt.datetime(2026, 11, 30, 12, 30, tzinfo=dt.UTC)  # 07:30 in New York

    offered = liaison_digest_sweep(now=monday_morning)

    row = Notification.objects.get()
    assert (offered, row.recipient_id, row.dedupe_key) == (
        1,
        liaison.pk,
        f"liaison_digest:{department.pk}:{liaison.pk}:2026-W49",
    )
    assert row.context == {
        "department": "Demo City Police Department",
        "overdue_count": 1,
        "officers": [
            {
                "name": "Dana Reyes",
                "curriculum_title": "Human Dignity in Policing",
                "due_on": late.due_on.isoformat(),
            }
        ],
        "more": 0,
        "url": "/department/",
    }
    assert not Notification.objects.filter(recipient=other_liaison).exists()


def test_digest_waits_for_monday_seven_then_heals_later_in_the_week(department, curriculum):
    _digest_world(department, curriculum)

    # 06:59 on Monday in New York (the department's zone), then later in the week.
    early = liaison_digest_sweep(now=dt.datetime(2026, 11, 30, 11, 59, tzinfo=dt.UTC))
    thursday = liaison_digest_sweep(now=dt.datetime(2026, 12, 3, 12, 0, tzinfo=dt.UTC))
    with CaptureQueriesContext(connection) as friday_queries:
        friday = liaison_digest_sweep(now=dt.datetime(2026, 12, 4, 12, 0, tzinfo=dt.UTC))
    next_monday = liaison_digest_sweep(now=dt.datetime(2026, 12, 7, 13, 0, tzinfo=dt.UTC))

    assert (early, thursday, friday, next_monday) == (0, 1, 0, 1)
    assert len(friday_queries) == 2  # liaisons, and this week's digests already queued
    assert sorted(Notification.objects.values_list("dedupe_key", flat=True)) == [
        f"liaison_digest:{department.pk}:{Notification.objects.first().recipient_id}:2026-W49",
        f"liaison_digest:{department.pk}:{Notification.objects.first().recipient_id}:2026-W50",
    ]
