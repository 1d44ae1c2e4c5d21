"""Assignment rules: new roster members and expiring certificates are enrolled by the rule,
once, however often the import or the beat task runs; each enrollment is audited as the rule's."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import AuditEvent
from compliance.models import AssignmentRule
from compliance.services import rule_create, rules_apply
from curriculum.models import Enrollment
from curriculum.services.certificates import certificate_issue
from tests import factories
from worker.tasks.compliance import rules_apply_task

pytestmark = pytest.mark.django_db

HEADER = "email,first_name,last_name,badge_number,rank\n"
NOON = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)  # Nov 25 in every factory zone
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def curriculum():
    return factories.CurriculumFactory(title="Duty to Intervene", validity_months=12)


def _rule(department, liaison, curriculum, kind, **fields) -> AssignmentRule:
    return rule_create(
        department=department, acting_user=liaison, curriculum=curriculum, kind=kind, **fields
    )


def _import(client, department, csv_text: str) -> None:
    response = client.post(
        reverse("roster:import"),
        {
            "department": department.pk,
            "file": SimpleUploadedFile("roster.csv", csv_text.encode(), "text/csv"),
        },
    )
    import_id = response["Location"].rstrip("/").split("/")[-1]
    client.post(reverse("roster:import_confirm", args=[import_id]))


def test_a_new_hire_in_the_roster_csv_is_enrolled_by_the_rule_once(
    client, liaison, department, curriculum
):
    rule = _rule(department, liaison, curriculum, "new_officers", due_within_days=30)
    client.force_login(liaison)

    _import(client, department, HEADER + "new@x.test,New,Hire,77,Officer\n")
    _import(client, department, HEADER + "new@x.test,New,Hire,77,Officer\n")
    rules_apply_task.delay()
    rules_apply()

    enrollment = Enrollment.objects.get(officer__email="new@x.test")
    assert (enrollment.curriculum, enrollment.cycle, enrollment.due_on) == (
        curriculum,
        "2026",
        TODAY + dt.timedelta(days=30),
    )
    assert enrollment.assigned_by is None
    events = AuditEvent.objects.filter(action="enrollment.create")
    assert [(e.actor_id, e.data["rule_id"], e.data["enrollment_ids"]) for e in events] == [
        (None, rule.pk, [enrollment.pk])
    ]


def test_the_new_officer_rule_leaves_earlier_members_alone(liaison, department, curriculum):
    factories.OfficerMembershipFactory(department=department, started_on=dt.date(2025, 1, 6))
    _rule(department, liaison, curriculum, "new_officers")

    assert rules_apply(department=department).created == 0


def test_every_officer_must_hold_a_valid_certificate(liaison, department, curriculum):
    bare = factories.officer(department)
    busy = factories.officer(department)
    factories.EnrollmentFactory(officer=busy, department=department, curriculum=curriculum)
    _rule(department, liaison, curriculum, "valid_certificate", due_within_days=45)

    first = rules_apply(department=department)
    again = rules_apply(department=department)

    assert (first.created, again.created) == (1, 0)
    made = Enrollment.objects.get(officer=bare)
    assert (made.cycle, made.due_on) == ("2026", TODAY + dt.timedelta(days=45))
    assert Enrollment.objects.filter(officer=busy).count() == 1


def _certified(officer, department, curriculum, *, completed: dt.datetime, cycle: str):
    enrollment = factories.EnrollmentFactory(
        officer=officer,
        department=department,
        curriculum=curriculum,
        cycle=cycle,
        status="completed",
        completed_at=completed,
        progress=100,
    )
    return certificate_issue(enrollment=enrollment)


def test_an_expiring_certificate_brings_re_enrollment_in_the_next_cycle_once(
    liaison, department, curriculum
):
    officer = factories.officer(department)
    # Completed Jan 20, 2026 (12 months): expires Jan 20, 2027, 56 days after Nov 25.
    certificate = _certified(
        officer, department, curriculum, completed=dt.datetime(2026, 1, 20, 17, tzinfo=dt.UTC),
        cycle="2026",
    )  # fmt: skip
    fresh = factories.officer(department)
    _certified(
        fresh, department, curriculum, completed=dt.datetime(2026, 6, 1, 17, tzinfo=dt.UTC),
        cycle="2026",
    )  # fmt: skip
    _rule(department, liaison, curriculum, "valid_certificate", renew_days_before=60)

    rules_apply()
    rules_apply()

    rows = Enrollment.objects.filter(officer=officer).order_by("cycle")
    assert [(e.cycle, e.status, e.due_on) for e in rows] == [
        ("2026", "completed", rows[0].due_on),
        ("2027", "not_started", certificate.expires_on - dt.timedelta(days=1)),
    ]
    assert Enrollment.objects.filter(officer=fresh).count() == 1


def test_an_expired_certificate_is_renewed_in_this_cycle(liaison, department, curriculum):
    officer = factories.officer(department)
    _certified(
        officer, department, curriculum, completed=dt.datetime(2025, 3, 2, 17, tzinfo=dt.UTC),
        cycle="2025",
    )  # fmt: skip
    _rule(department, liaison, curriculum, "valid_certificate", due_within_days=14)

    rules_apply()

    made = Enrollment.objects.get(officer=officer, cycle="2026")
    assert made.due_on == TODAY + dt.timedelta(days=14)


def test_a_withdrawn_enrollment_or_a_separated_officer_is_not_enrolled_again(
    liaison, department, curriculum
):
    withdrawn = factories.officer(department)
    factories.EnrollmentFactory(
        officer=withdrawn, department=department, curriculum=curriculum, withdrawn_at=NOON
    )
    separated = factories.OfficerMembershipFactory(
        department=department, status="separated", separated_on=TODAY
    )
    _rule(department, liaison, curriculum, "valid_certificate")

    assert rules_apply().created == 0
    assert not Enrollment.objects.filter(officer=separated.user).exists()


def test_an_inactive_rule_or_another_departments_rule_does_nothing(
    liaison, department, other_department, curriculum
):
    factories.officer(department)
    elsewhere = factories.officer(other_department)
    rule = _rule(department, liaison, curriculum, "valid_certificate")
    rule.is_active = False
    rule.save()
    other = factories.liaison(other_department)
    rule_create(
        department=other_department, acting_user=other, curriculum=curriculum,
        kind="valid_certificate",
    )  # fmt: skip

    assert rules_apply(department=department).created == 0
    assert not Enrollment.objects.exists()
    assert rules_apply().created == 1
    assert Enrollment.objects.get().officer == elsewhere


def test_the_same_rule_twice_is_refused(liaison, department, curriculum):
    from django.core.exceptions import ValidationError

    _rule(department, liaison, curriculum, "valid_certificate")
    with pytest.raises(ValidationError):
        _rule(department, liaison, curriculum, "valid_certificate")
    assert AssignmentRule.objects.count() == 1
    assert AuditEvent.objects.filter(action="assignment_rule.create").count() == 1


def test_the_roster_csv_carries_post_ids_and_supervisors(client, liaison, department):
    from compliance.models import OfficerProfile

    sergeant = factories.officer(department, email="sarge@x.test")
    client.force_login(liaison)

    _import(
        client,
        department,
        "email,first_name,last_name,badge_number,rank,post_id,supervisor_email\n"
        "a@x.test,Ann,Lee,1,Officer,GA-111,SARGE@x.test\n"
        "b@x.test,Bo,Ray,2,Corporal,GA-222,a@x.test\n",
    )

    profiles = {
        p.membership.user.email: (p.post_id, p.supervisor.email if p.supervisor else None)
        for p in OfficerProfile.objects.select_related("membership__user", "supervisor")
    }
    assert profiles == {"a@x.test": ("GA-111", sergeant.email), "b@x.test": ("GA-222", "a@x.test")}


def test_a_supervisor_outside_the_department_fails_the_row(department, other_department):
    from accounts.roster import roster_check

    factories.officer(other_department, email="elsewhere@x.test")
    data = (
        "email,first_name,last_name,badge_number,rank,supervisor_email\n"
        "a@x.test,Ann,Lee,1,Officer,elsewhere@x.test\n"
        "b@x.test,Bo,Ray,2,Officer,b@x.test\n"
    )

    check = roster_check(data=data.encode(), department=department)

    assert [(e["line"], e["reason"]) for e in check.errors] == [
        (2, "Supervisor is not a member of this department"),
        (3, "An officer cannot supervise themselves"),
    ]


def test_the_roster_csv_assigns_named_curricula_with_one_email_per_officer(
    client, liaison, department, curriculum
):
    second = factories.CurriculumFactory(slug="de-escalation")
    client.force_login(liaison)

    _import(
        client,
        department,
        "email,first_name,last_name,badge_number,rank,curricula,due_on\n"
        f"a@x.test,Ann,Lee,1,Officer,{curriculum.slug}; de-escalation,2026-12-31\n"
        "b@x.test,Bo,Ray,2,Officer,,\n",
    )

    rows = Enrollment.objects.filter(officer__email="a@x.test").order_by("curriculum__slug")
    assert [(e.curriculum, e.due_on, e.assigned_by) for e in rows] == sorted(
        [(curriculum, dt.date(2026, 12, 31), liaison), (second, dt.date(2026, 12, 31), liaison)],
        key=lambda t: t[0].slug,
    )
    assert not Enrollment.objects.filter(officer__email="b@x.test").exists()
    from worker.models import Notification

    notice = Notification.objects.get(kind="training_assigned", recipient__email="a@x.test")
    assert len(notice.context["assignments"]) == 2


def test_unknown_curricula_or_past_due_dates_fail_their_rows(department):
    from accounts.roster import roster_check

    factories.CurriculumFactory(slug="draft-course", status="draft")
    data = (
        "email,first_name,last_name,badge_number,rank,curricula,due_on\n"
        "a@x.test,Ann,Lee,1,Officer,draft-course,\n"
        "b@x.test,Bo,Ray,2,Officer,,2026-11-24\n"
        "c@x.test,Cy,Fox,3,Officer,,31/12/2026\n"
    )

    check = roster_check(data=data.encode(), department=department)

    assert [(e["line"], e["reason"]) for e in check.errors] == [
        (2, "Not a published curriculum: draft-course"),
        (3, "Due date must be YYYY-MM-DD, today or later"),
        (4, "Due date must be YYYY-MM-DD, today or later"),
    ]
