from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import CommandError, call_command
from django.utils import timezone

from accounts.models import Department, Membership
from curriculum.models import Curriculum, Enrollment
from curriculum.selectors.enrollments import overdue_q
from partners.demo import DEMO_PASSWORD
from partners.models import DataSharingAgreement

pytestmark = pytest.mark.django_db
DEMO_EMAILS = [
    "admin@repair.test",
    "liaison@repair.test",
    "officer@repair.test",
    "liaison2@repair.test",
    "officer2@repair.test",
    "facilitator@repair.test",
    "trainer@repair.test",
    "partner@repair.test",
]


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if model._meta.app_label in {"accounts", "curriculum", "partners"}
    }


def test_seed_demo_twice_leaves_the_same_rows(settings):
    settings.DEBUG = True
    call_command("seed_demo", stdout=None)
    first = _row_counts()

    call_command("seed_demo")

    assert _row_counts() == first


def test_seed_demo_builds_the_world_of_the_design(settings):
    settings.DEBUG = True
    call_command("seed_demo")

    assert sorted(Department.objects.values_list("name", flat=True)) == [
        "Demo City Police Department",
        "Harbor County Sheriff's Office",
    ]
    # The demo spans the zones, from New York to Honolulu: dates are each department's.
    assert set(Department.objects.values_list("timezone", flat=True)) == {
        "America/New_York",
        "Pacific/Honolulu",
    }
    for department in Department.objects.all():
        officers = Membership.objects.filter(department=department, role="officer").count()
        assert officers >= 40
        assert DataSharingAgreement.objects.filter(department=department).exists()
    assert Curriculum.objects.filter(status="published").count() == 5
    assert Curriculum.objects.filter(language="es").count() == 1
    statuses = set(Enrollment.objects.values_list("status", flat=True))
    assert statuses == {"not_started", "in_progress", "completed"}
    assert Enrollment.objects.filter(overdue_q()).exists()
    for email in DEMO_EMAILS:
        assert authenticate(username=email, password=DEMO_PASSWORD) is not None, email
    # The partner's archive is not empty under `make run`, which runs no beat.
    from partners import periods
    from partners.models import PartnerReport

    last = periods.last_closed_month()
    ends = list(PartnerReport.objects.order_by("period_end").values_list("period_end", flat=True))
    assert len(ends) == 3 and ends[-1] == last[1]
    assert ends[0] == periods.month_before(periods.month_before(last[0])[0])[1]
    # Every report passed the interval audit with its certified trainers by state (issue 17):
    # a row per state of the sharing departments, and their total.
    latest = PartnerReport.objects.order_by("-period_end").first()
    trainer_keys = set(
        latest.rows.filter(table__in=("trainer", "trainer_total")).values_list("key", flat=True)
    )
    assert trainer_keys == {"all", *Department.objects.values_list("state", flat=True)}


def test_seed_demo_refuses_without_debug(settings):
    settings.DEBUG = False

    with pytest.raises(CommandError):
        call_command("seed_demo")

    assert Department.objects.count() == 0


def test_seed_demo_shows_facilitated_learning(settings):
    """A running cohort with two past sessions and attendance, a discussion with the
    facilitator's reply, an announcement, a waiting queue and a certified trainer in Demo City."""
    from accounts.models import User
    from curriculum.models import (
        Announcement,
        Attendance,
        DiscussionPost,
        LiveSession,
        ReflectionResponse,
    )
    from curriculum.selectors.facilitation import (
        reflection_queue,
        reflection_unreached_list,
        trainer_current_list,
    )

    settings.DEBUG = True
    call_command("seed_demo")

    facilitator = User.objects.get(email="facilitator@repair.test")
    past = LiveSession.objects.filter(starts_at__lt=timezone.now())
    assert past.count() == 2
    assert Attendance.objects.filter(session__in=past, status="present").exists()
    assert DiscussionPost.objects.filter(author=facilitator, parent__isnull=False).exists()
    assert Announcement.objects.filter(author=facilitator).exists()
    assert reflection_queue(user=facilitator).exists()
    assert not reflection_unreached_list().exists()
    assert ReflectionResponse.objects.exists()
    trainer = trainer_current_list().get()
    assert trainer.department.name == "Demo City Police Department"
    assert trainer.user.email == "trainer@repair.test"
