"""An officer gets one email when training is assigned, batched when many come at once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.utils import formats

from curriculum.services.enrollments import enrollment_bulk_create
from tests import factories
from worker.emails import notification_email
from worker.models import Notification
from worker.sending import notification_drain

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)


def _enroll(officers, curriculum, department, liaison, **kwargs):
    return enrollment_bulk_create(
        officer_ids=[o.pk for o in officers],
        curriculum=curriculum,
        department=department,
        due_on=kwargs.pop("due_on", dt.date(2026, 12, 31)),
        acting_user=liaison,
        **kwargs,
    )


def test_three_assignments_at_once_make_one_email_per_officer(department, liaison, mailoutbox):
    officers = [factories.officer(department) for _index in range(2)]
    courses = [factories.CurriculumFactory(title=f"Course {n}") for n in range(3)]
    with time_machine.travel(NOON, tick=False):
        for course in courses:
            _enroll(officers, course, department, liaison)
        assert notification_drain(time_budget=5).sent == 0  # not due yet: the batch may grow
    with time_machine.travel(NOON + dt.timedelta(minutes=3), tick=False):
        notification_drain(time_budget=5)

    assert Notification.objects.filter(kind="training_assigned").count() == 2
    assert len(mailoutbox) == 2
    assert "3 trainings assigned to you" in mailoutbox[0].subject
    assert all(f"Course {n}" in mailoutbox[0].body for n in range(3))
    assert formats.date_format(dt.date(2026, 12, 31), "DATE_FORMAT") in mailoutbox[0].body


def test_an_assignment_after_the_email_went_out_makes_a_new_one(department, liaison):
    officer = factories.officer(department)
    with time_machine.travel(NOON, tick=False):
        _enroll([officer], factories.CurriculumFactory(), department, liaison)
    with time_machine.travel(NOON + dt.timedelta(minutes=3), tick=False):
        notification_drain(time_budget=5)
        _enroll([officer], factories.CurriculumFactory(), department, liaison, due_on=None)

    notices = Notification.objects.filter(kind="training_assigned").order_by("id")
    assert [(n.status, len(n.context["assignments"])) for n in notices] == [
        ("sent", 1),
        ("pending", 1),
    ]
    assert "Training assigned to you" in notification_email(notices[1]).subject


def test_skipped_officers_get_no_email(department, liaison):
    officer = factories.officer(department)
    course = factories.CurriculumFactory()
    with time_machine.travel(NOON, tick=False):  # the due date is in 2026
        _enroll([officer], course, department, liaison)
        _enroll([officer], course, department, liaison)

    notice = Notification.objects.get(kind="training_assigned")
    assert len(notice.context["assignments"]) == 1
