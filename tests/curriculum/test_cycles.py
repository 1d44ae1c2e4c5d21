"""Training cycles and recertification: an officer takes a curriculum again in a later cycle,
certificates expire on the department's calendar, and both are reminded before they do."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse
from django.utils import formats

from accounts.models import AuditEvent
from curriculum.models import Certificate, Enrollment
from curriculum.services.certificates import certificate_issue
from curriculum.services.enrollments import enrollment_bulk_create
from repair import clock
from tests import factories
from worker.models import Notification
from worker.reminders import reminder_sweep

pytestmark = pytest.mark.django_db

HONOLULU = "Pacific/Honolulu"


def _complete(enrollment: Enrollment, at: dt.datetime) -> Certificate:
    enrollment.status, enrollment.completed_at, enrollment.progress = "completed", at, 100
    enrollment.save()
    return certificate_issue(enrollment=enrollment)


def test_an_officer_who_completed_in_2026_is_enrolled_again_in_2027_and_both_records_stay(
    department, officer, liaison
):
    curriculum = factories.CurriculumFactory()
    with time_machine.travel(dt.datetime(2026, 6, 1, 16, tzinfo=dt.UTC), tick=False):
        first = enrollment_bulk_create(
            officer_ids=[officer.pk],
            curriculum=curriculum,
            department=department,
            due_on=None,
            acting_user=liaison,
        )
        _complete(Enrollment.objects.get(pk=first.enrollment_ids[0]), clock.now())
        same_cycle = enrollment_bulk_create(
            officer_ids=[officer.pk],
            curriculum=curriculum,
            department=department,
            due_on=None,
            acting_user=liaison,
        )
        next_cycle = enrollment_bulk_create(
            officer_ids=[officer.pk],
            curriculum=curriculum,
            department=department,
            due_on=dt.date(2027, 3, 31),
            cycle="2027",
            acting_user=liaison,
        )

    assert (same_cycle.created, same_cycle.skipped_existing) == (0, 1)
    assert (next_cycle.created, next_cycle.skipped_existing) == (1, 0)
    rows = Enrollment.objects.filter(officer=officer, curriculum=curriculum).order_by("cycle")
    assert [(e.cycle, e.status) for e in rows] == [("2026", "completed"), ("2027", "not_started")]
    assert rows[0].certificate.code
    audit = AuditEvent.objects.filter(action="enrollment.create").last()
    assert audit.data["cycle"] == "2027"


def test_the_default_cycle_is_the_year_on_the_departments_calendar(officer, liaison, department):
    department.timezone = HONOLULU
    department.save()
    curriculum = factories.CurriculumFactory()
    # 05:00 UTC on New Year's Day is still Dec 31 in Honolulu.
    with time_machine.travel(dt.datetime(2027, 1, 1, 5, tzinfo=dt.UTC), tick=False):
        result = enrollment_bulk_create(
            officer_ids=[officer.pk],
            curriculum=curriculum,
            department=department,
            due_on=None,
            acting_user=liaison,
        )

    assert Enrollment.objects.get(pk=result.enrollment_ids[0]).cycle == "2026"


def test_a_malformed_cycle_is_refused(officer, liaison, department):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        enrollment_bulk_create(
            officer_ids=[officer.pk],
            curriculum=factories.CurriculumFactory(),
            department=department,
            due_on=None,
            cycle="2027; drop",
            acting_user=liaison,
        )
    assert not Enrollment.objects.exists()


def test_add_months_clamps_to_the_end_of_the_month():
    assert clock.add_months(dt.date(2027, 1, 31), 1) == dt.date(2027, 2, 28)
    assert clock.add_months(dt.date(2026, 11, 30), 24) == dt.date(2028, 11, 30)
    assert clock.add_months(dt.date(2026, 12, 15), 1) == dt.date(2027, 1, 15)


@pytest.fixture
def honolulu_certificate(officer):
    department = officer.memberships.get().department
    department.timezone = HONOLULU
    department.save()
    curriculum = factories.CurriculumFactory(validity_months=12)
    enrollment = factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum, cycle="2026"
    )
    # 06:00 UTC on March 1 is still Feb 28 in Honolulu: the completion date is Feb 28.
    return _complete(enrollment, dt.datetime(2026, 3, 1, 6, tzinfo=dt.UTC))


def test_a_certificate_expires_validity_months_after_the_local_completion_date(
    honolulu_certificate,
):
    assert honolulu_certificate.completed_on == dt.date(2026, 2, 28)
    assert honolulu_certificate.expires_on == dt.date(2027, 2, 28)


def test_a_curriculum_without_validity_gives_certificates_that_never_expire(officer, department):
    enrollment = factories.EnrollmentFactory(officer=officer, department=department)
    certificate = _complete(enrollment, clock.now())

    assert certificate.expires_on is None
    assert certificate.state == "valid"


def _verify(client, certificate) -> str:
    return client.get(reverse("verify:detail", args=[certificate.code])).content.decode()


def test_verify_and_the_api_say_expired_from_the_expiry_date_in_the_departments_zone(
    client, api_client, honolulu_certificate
):
    code = honolulu_certificate.code
    # 09:30 UTC on Feb 28 is still Feb 27 (23:30) in Honolulu: valid there, though the date
    # in New York and in UTC is already the expiry date...
    with time_machine.travel(dt.datetime(2027, 2, 28, 9, 30, tzinfo=dt.UTC), tick=False):
        assert "This certificate is valid." in _verify(client, honolulu_certificate)
        before = api_client.get(f"/api/v1/certificates/{code}/").json()
    # ...and expired from the start of Feb 28 in Honolulu (10:00 UTC).
    with time_machine.travel(dt.datetime(2027, 2, 28, 10, 30, tzinfo=dt.UTC), tick=False):
        html = _verify(client, honolulu_certificate)
        after = api_client.get(f"/api/v1/certificates/{code}/").json()

    assert (before["valid"], before["status"], before["expires_on"]) == (
        True,
        "valid",
        "2027-02-28",
    )
    assert "This certificate has expired." in html
    assert (after["valid"], after["status"], after["expires_on"]) == (
        False,
        "expired",
        "2027-02-28",
    )


def _expiry_keys() -> set[str]:
    return set(
        Notification.objects.filter(kind=Notification.Kind.CERTIFICATE_EXPIRING).values_list(
            "dedupe_key", flat=True
        )
    )


def test_officer_and_liaison_are_reminded_60_and_14_days_before_expiry_once_each(
    honolulu_certificate, liaison
):
    pk = honolulu_certificate.pk
    # Honolulu's Dec 30, 2026 is 60 days before Feb 28; Dec 29 is 61 days before.
    day_61 = dt.datetime(2026, 12, 30, 9, tzinfo=dt.UTC)
    day_60 = dt.datetime(2026, 12, 30, 11, tzinfo=dt.UTC)
    day_14 = dt.datetime(2027, 2, 14, 11, tzinfo=dt.UTC)

    reminder_sweep(at=day_61)
    assert _expiry_keys() == set()
    reminder_sweep(at=day_60)
    reminder_sweep(at=day_60 + dt.timedelta(days=3))
    assert _expiry_keys() == {
        f"certificate_expiring:{pk}:60d:officer",
        f"certificate_expiring:{pk}:60d:{liaison.pk}",
    }
    reminder_sweep(at=day_14)
    reminder_sweep(at=day_14 + dt.timedelta(days=1))

    assert len(_expiry_keys()) == 4
    officer_row = Notification.objects.get(dedupe_key=f"certificate_expiring:{pk}:14d:officer")
    assert officer_row.recipient_id == honolulu_certificate.enrollment.officer_id
    assert officer_row.context["expires_on"] == "2027-02-28"
    assert officer_row.context["for_liaison"] is False


def test_a_renewed_or_revoked_certificate_gets_no_expiry_reminder(honolulu_certificate):
    enrollment = honolulu_certificate.enrollment
    renewal = factories.EnrollmentFactory(
        officer=enrollment.officer,
        department=enrollment.department,
        curriculum=enrollment.curriculum,
        cycle="2027",
    )
    _complete(renewal, dt.datetime(2026, 12, 1, 20, tzinfo=dt.UTC))

    reminder_sweep(at=dt.datetime(2027, 1, 10, 11, tzinfo=dt.UTC))

    assert _expiry_keys() == set()


def test_the_expiry_email_renders_the_local_date(honolulu_certificate):
    from worker.emails import notification_email

    reminder_sweep(at=dt.datetime(2027, 2, 14, 11, tzinfo=dt.UTC))
    row = Notification.objects.get(dedupe_key__endswith=":14d:officer")
    message = notification_email(row)

    assert "expires soon" in message.subject
    assert formats.date_format(dt.date(2027, 2, 28), "DATE_FORMAT") in message.body
