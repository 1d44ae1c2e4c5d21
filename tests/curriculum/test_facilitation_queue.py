"""Every reflection reaches a reader: the cohort's facilitator, else the department's trainers,
else the program's facilitator pool; the queue, its history, the rubric, the digest and the
escalation to staff."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from curriculum.models import ReflectionResponse, RubricCriterion
from curriculum.selectors.facilitation import (
    reflection_queue,
    reflection_unreached_list,
)
from curriculum.services.reflections import reflection_feedback_give
from tests import factories
from worker.facilitation import (
    facilitation_sweep,
    facilitator_digest_sweep,
    reflection_escalation_sweep,
)
from worker.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def curriculum():
    return factories.small_curriculum(modules=2, with_tests=False)


def _reflection(curriculum, order: int = 1):
    return curriculum.current_version.modules.get(order=order).reflections.get()


def respond(officer, curriculum, *, order: int = 1, cohort=None, text: str | None = None):
    """An officer of their membership's department submits the module's reflection."""
    department = officer.memberships.get().department
    enrollment = officer.enrollments.filter(
        curriculum=curriculum
    ).first() or factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department, cohort=cohort
    )
    extra = {"text": text} if text else {}
    return factories.ReflectionResponseFactory(
        enrollment=enrollment, reflection=_reflection(curriculum, order), **extra
    )


def test_without_a_cohort_the_departments_trainer_reads_and_the_pool_does_not(
    department, officer, curriculum
):
    trainer = factories.DepartmentTrainerFactory(department=department).user
    pool = factories.UserFactory(is_facilitator=True)
    response = respond(officer, curriculum)

    assert list(reflection_queue(user=trainer)) == [response]
    assert list(reflection_queue(user=pool)) == []
    reflection_feedback_give(response=response, facilitator=trainer, text="Good plan.")
    response.refresh_from_db()
    assert response.feedback_by == trainer


def test_without_cohort_or_trainer_the_pool_reads_it(officer, curriculum):
    pool = factories.UserFactory(is_facilitator=True)
    response = respond(officer, curriculum)

    assert list(reflection_queue(user=pool)) == [response]
    assert not reflection_unreached_list().exists()


def test_an_inactive_cohort_facilitator_hands_the_cohort_to_the_next_reader(officer, curriculum):
    gone = factories.UserFactory(is_facilitator=True, is_active=False)
    pool = factories.UserFactory(is_facilitator=True)
    cohort = factories.CohortFactory(curriculum=curriculum, facilitator=gone)
    response = respond(officer, curriculum, cohort=cohort)

    assert list(reflection_queue(user=pool)) == [response]


def test_the_cohort_facilitator_reads_their_cohort_and_no_one_else_does(
    department, officer, curriculum
):
    facilitator = factories.UserFactory(is_facilitator=True)
    trainer = factories.DepartmentTrainerFactory(department=department).user
    cohort = factories.CohortFactory(curriculum=curriculum, facilitator=facilitator)
    response = respond(officer, curriculum, cohort=cohort)

    assert list(reflection_queue(user=facilitator)) == [response]
    assert list(reflection_queue(user=trainer)) == []


def test_an_expired_or_other_departments_trainer_reads_nothing(
    department, other_department, officer, curriculum
):
    other = factories.DepartmentTrainerFactory(department=other_department).user
    expired = factories.DepartmentTrainerFactory(
        department=department,
        certified_on=factories.local_today() - dt.timedelta(days=800),
        expires_on=factories.local_today() - dt.timedelta(days=1),
    ).user
    respond(officer, curriculum)

    assert list(reflection_queue(user=other)) == []
    assert list(reflection_queue(user=expired)) == []
    with pytest.raises(Exception) as refused:
        reflection_feedback_give(
            response=ReflectionResponse.objects.get(), facilitator=other, text="No."
        )
    assert refused.typename == "PermissionDenied"
    assert ReflectionResponse.objects.get().feedback_at is None


def test_no_reflection_is_left_without_a_reader_while_the_pool_has_someone(officer, curriculum):
    response = respond(officer, curriculum)

    assert list(reflection_unreached_list()) == [response]
    factories.UserFactory(is_facilitator=True)
    assert list(reflection_unreached_list()) == []


def test_the_queue_page_shows_prompt_and_preview_oldest_first_and_filters(
    client, department, curriculum
):
    facilitator = factories.UserFactory(is_facilitator=True)
    cohort = factories.CohortFactory(curriculum=curriculum, facilitator=facilitator)
    first, second = factories.officer(department), factories.officer(department)
    older = respond(first, curriculum, cohort=cohort, text="Older text " * 10)
    newer = respond(second, curriculum, order=2, cohort=cohort, text="Newer text " * 10)
    ReflectionResponse.objects.filter(pk=older.pk).update(
        submitted_at=timezone.now() - dt.timedelta(days=2)
    )
    client.force_login(facilitator)

    html = client.get(reverse("facilitate:home")).content.decode()
    module_two = newer.reflection.module_id
    filtered = client.get(reverse("facilitate:home"), {"module": module_two}).content.decode()

    assert html.index(escape(first.display_name)) < html.index(escape(second.display_name))
    assert "Reflect on module 1." in html
    assert "Older text Older text" in html
    assert escape(first.display_name) not in filtered
    assert escape(second.display_name) in filtered


def test_answered_reflections_stay_in_the_history(client, officer, curriculum):
    pool = factories.UserFactory(is_facilitator=True)
    response = respond(officer, curriculum)
    reflection_feedback_give(response=response, facilitator=pool, text="Thank you.")
    client.force_login(pool)

    home = client.get(reverse("facilitate:home")).content.decode()
    history = client.get(reverse("facilitate:history")).content.decode()

    assert escape(officer.display_name) not in home
    assert escape(officer.display_name) in history
    assert reverse("facilitate:response", args=[response.pk]) in history


def test_a_trainer_without_the_facilitator_flag_reaches_the_queue(
    client, department, officer, curriculum
):
    trainer = factories.DepartmentTrainerFactory(department=department).user
    response = respond(officer, curriculum)
    client.force_login(trainer)

    html = client.get(reverse("facilitate:home")).content.decode()

    assert reverse("facilitate:response", args=[response.pk]) in html


def test_a_trainer_sets_up_mfa_before_reading_reflections_when_it_is_required(
    client, department, officer, curriculum, settings
):
    settings.REPAIR_REQUIRE_MFA = True
    trainer = factories.DepartmentTrainerFactory(department=department).user
    response = respond(officer, curriculum)
    client.force_login(trainer)

    page = client.get(reverse("facilitate:response", args=[response.pk]))

    assert page.status_code == 302
    assert page["Location"] == reverse("mfa_activate_totp")


def test_queue_and_history_pages_read_a_fixed_number_of_queries(
    client, department, curriculum, django_assert_num_queries
):
    facilitator = factories.UserFactory(is_facilitator=True)
    cohort = factories.CohortFactory(curriculum=curriculum, facilitator=facilitator)
    client.force_login(facilitator)

    def load():
        client.get(reverse("facilitate:home"))
        client.get(reverse("facilitate:history"))

    def add():
        response = respond(factories.officer(department), curriculum, cohort=cohort)
        reflection_feedback_give(response=response, facilitator=facilitator, text="Yes.")
        respond(response.enrollment.officer, curriculum, order=2)

    add()
    load()
    with django_assert_num_queries(15):
        load()
    for _ in range(4):
        add()
    with django_assert_num_queries(15):
        load()


def test_the_rubric_is_marked_by_the_facilitator_and_seen_by_the_officer(
    client, officer, curriculum
):
    pool = factories.UserFactory(is_facilitator=True)
    specific = RubricCriterion.objects.create(name="Names a specific situation", order=1)
    rights = RubricCriterion.objects.create(name="Links to a right", order=2)
    response = respond(officer, curriculum)
    client.force_login(pool)

    client.post(
        reverse("facilitate:response", args=[response.pk]),
        {
            "feedback": "Well seen.",
            f"rubric_{specific.pk}": "met",
            f"rubric_{rights.pk}": "not_yet",
        },
    )
    client.force_login(officer)
    page = client.get(
        reverse("learn:reflection", args=[response.enrollment_id, response.reflection_id])
    ).content.decode()

    assert {(m.criterion.name, m.met) for m in response.rubric_marks.all()} == {
        ("Names a specific situation", True),
        ("Links to a right", False),
    }
    assert "Names a specific situation: <strong>Met</strong>" in page
    assert "Links to a right: <strong>Not yet</strong>" in page


MORNING = dt.datetime(2027, 3, 3, 14, 0, tzinfo=dt.UTC)  # 09:00 in New York


def test_the_daily_digest_goes_to_each_reader_with_waiting_reflections_once(officer, curriculum):
    pool = factories.UserFactory(is_facilitator=True)
    idle = factories.UserFactory()
    with time_machine.travel(MORNING - dt.timedelta(days=1), tick=False):
        respond(officer, curriculum)
    factories.CohortFactory(facilitator=idle)

    with time_machine.travel(MORNING, tick=False):
        first = facilitator_digest_sweep()
        second = facilitator_digest_sweep()

    digest = Notification.objects.get(kind="facilitator_digest")
    assert (first, digest.recipient, digest.context["waiting_count"]) == (1, pool, 1)
    assert digest.context["oldest_on"] == "2027-03-02"
    assert Notification.objects.filter(kind="facilitator_digest").count() == 1
    assert second == 1  # offered again, inserted nothing (the day's dedupe key)


def test_staff_hear_of_a_reflection_waiting_longer_than_the_set_days(
    officer, curriculum, staff_user, settings
):
    settings.REPAIR_REFLECTION_RESPONSE_DAYS = 5
    factories.UserFactory(is_facilitator=True)
    with time_machine.travel(MORNING - dt.timedelta(days=5, hours=1), tick=False):
        respond(officer, curriculum)

    with time_machine.travel(MORNING - dt.timedelta(hours=2), tick=False):
        assert reflection_escalation_sweep() == 0
    with time_machine.travel(MORNING, tick=False):
        assert reflection_escalation_sweep() == 1

    escalation = Notification.objects.get(kind="reflection_escalation")
    assert escalation.recipient == staff_user
    assert escalation.context["late_count"] == 1
    assert escalation.context["items"][0]["days_waiting"] == 5
    assert "I will slow down" not in str(escalation.context)


def test_an_unreachable_reflection_is_escalated_at_once(officer, curriculum, staff_user):
    with time_machine.travel(MORNING, tick=False):
        respond(officer, curriculum)
        counts = facilitation_sweep()

    escalation = Notification.objects.get(kind="reflection_escalation")
    assert counts["reflection_escalation"] == 1
    assert escalation.context["unreached_count"] == 1
    assert escalation.context["items"][0]["readers"] == ""


def test_nothing_daily_is_sent_before_the_morning(officer, curriculum, staff_user):
    with time_machine.travel(dt.datetime(2027, 3, 3, 9, 0, tzinfo=dt.UTC), tick=False):
        respond(officer, curriculum)
        counts = facilitation_sweep()

    assert counts == {"facilitator_digest": 0, "reflection_escalation": 0, "session_reminder": 0}


def test_the_officer_is_told_who_reads_their_reflection(client, department, officer, curriculum):
    trainer = factories.DepartmentTrainerFactory(department=department).user
    response = respond(officer, curriculum)
    client.force_login(officer)

    page = client.get(
        reverse("learn:reflection", args=[response.enrollment_id, response.reflection_id])
    ).content.decode()

    assert f"Your reader: {escape(trainer.display_name)}." in page
