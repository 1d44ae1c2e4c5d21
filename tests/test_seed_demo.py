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


def test_seed_demo_writes_in_bulk_what_row_by_row_wrote(settings):
    """The bulk path leaves what saving row by row did: the audit events of every membership
    and certificate on an unbroken chain, each completed enrollment's tests, modules, ratings
    and certificate, and the demo password really hashed (once, the same value everywhere)."""
    from django.contrib.auth.hashers import get_hasher, identify_hasher

    from accounts.audit import audit_chain_first_broken
    from accounts.models import AuditEvent, User
    from curriculum.models import Attempt, Certificate, Feedback, ModuleProgress

    settings.DEBUG = True
    call_command("seed_demo")

    def audited(action: str) -> set[str]:
        return set(AuditEvent.objects.filter(action=action).values_list("object_id", flat=True))

    assert audited("membership.created") == {
        str(pk) for pk in Membership.objects.values_list("pk", flat=True)
    }
    assert audited("certificate.issued") == {
        str(pk) for pk in Certificate.objects.values_list("pk", flat=True)
    }
    assert audit_chain_first_broken() is None
    completed = Enrollment.objects.filter(
        status="completed", curriculum__slug__in=["repair-officer", "repair-trauma"]
    )
    for enrollment in completed.exclude(officer__email="trainer@repair.test"):
        modules = enrollment.version.modules.count()
        assert Attempt.objects.filter(enrollment=enrollment).count() == 2
        assert (
            ModuleProgress.objects.filter(
                enrollment=enrollment, completed_at=enrollment.completed_at
            ).count()
            == modules
        )
        assert Feedback.objects.filter(enrollment=enrollment).count() == modules
        assert Certificate.objects.filter(enrollment=enrollment).exists()
    # The seeded generator is drawn in the same order as before the bulk writes: the same world.
    roster = Enrollment.objects.filter(officer__email__contains=".officer0")
    assert set(roster.values_list("status", flat=True)) == {
        "completed",
        "in_progress",
        "not_started",
    }
    assert completed.count() == 75
    encoded = set(User.objects.filter(email__in=DEMO_EMAILS).values_list("password", flat=True))
    assert len(encoded) == 1
    assert identify_hasher(encoded.pop()).algorithm == get_hasher().algorithm


def test_seed_demo_drops_the_cached_figures_of_what_it_bulk_inserts(
    settings, django_capture_on_commit_callbacks
):
    """Enrollments written in bulk send no signal: the seed drops the department's cached
    figures itself (here after the roster's not-started enrollments were deleted)."""
    from django.core.cache import cache

    settings.DEBUG = True
    settings.REPAIR_FIGURES_CACHE_SECONDS = 300
    call_command("seed_demo")
    democity = Department.objects.get(name="Demo City Police Department")
    roster = Enrollment.objects.filter(
        department=democity, officer__email__startswith="democity.officer", cohort=None
    )
    count = roster.count()
    roster.filter(status="not_started").delete()
    assert roster.count() < count
    key = f"figures:version:{democity.pk}"
    cache.set(key, "before")

    with django_capture_on_commit_callbacks(execute=True):
        call_command("seed_demo")

    assert roster.count() == count
    assert cache.get(key) is None
    cache.delete(key)
