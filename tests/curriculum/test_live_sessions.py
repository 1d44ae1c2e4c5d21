"""Live sessions: scheduling, attendance on a phone, credit hours, the calendar feed and the
reminder the day before."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from accounts.models import AuditEvent
from curriculum.exports import TRANSCRIPT_HEADER
from curriculum.models import Attendance, Enrollment, LiveSession
from curriculum.selectors.credit import attended_session_minutes, enrollment_credit_hours
from curriculum.selectors.record import officer_record
from curriculum.services.progress import LearningError
from curriculum.services.sessions import attendance_record, live_session_create
from tests import factories
from worker.facilitation import session_reminder_sweep
from worker.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    return factories.UserFactory(is_facilitator=True)


@pytest.fixture
def cohort(department, facilitator):
    curriculum = factories.small_curriculum(modules=2, with_tests=False)
    return factories.CohortFactory(
        curriculum=curriculum, facilitator=facilitator, department=department
    )


def member(cohort, department):
    officer = factories.officer(department)
    return factories.EnrollmentFactory(
        officer=officer, curriculum=cohort.curriculum, department=department, cohort=cohort
    )


def session_of(cohort, *, starts_at=None, minutes=90, **kwargs) -> LiveSession:
    return LiveSession.objects.create(
        cohort=cohort,
        title=kwargs.pop("title", "Week 1 discussion"),
        starts_at=starts_at or timezone.now() - dt.timedelta(hours=2),
        duration_minutes=minutes,
        format=LiveSession.Format.ONLINE,
        meeting_url="https://meet.example.org/repair",
        **kwargs,
    )


def test_the_facilitator_schedules_a_session_on_the_cohort_page(client, cohort, facilitator):
    client.force_login(facilitator)
    module = cohort.curriculum.current_version.modules.get(order=1)

    response = client.post(
        reverse("facilitate:cohort", args=[cohort.pk]),
        {
            "title": "Duty to intervene, live",
            "starts_at": "2027-03-10T18:30",
            "duration_minutes": "90",
            "format": "in_person",
            "location": "Training room B",
            "module": module.pk,
        },
    )

    session = LiveSession.objects.get()
    assert response.status_code == 302
    assert (session.title, session.location, session.module) == (
        "Duty to intervene, live",
        "Training room B",
        module,
    )
    assert session.starts_at == dt.datetime(2027, 3, 10, 23, 30, tzinfo=dt.UTC)  # New York
    assert AuditEvent.objects.filter(action="live_session.create").count() == 1
    page = client.get(reverse("facilitate:cohort", args=[cohort.pk])).content.decode()
    assert "Duty to intervene, live" in page


def test_an_online_session_needs_a_link_and_other_facilitators_cannot_schedule(
    client, cohort, facilitator
):
    other = factories.UserFactory(is_facilitator=True)
    with pytest.raises(LearningError):
        live_session_create(
            cohort=cohort,
            acting_user=facilitator,
            title="No link",
            starts_at=timezone.now(),
            duration_minutes=60,
            format="online",
        )
    client.force_login(other)

    assert client.get(reverse("facilitate:cohort", args=[cohort.pk])).status_code == 404
    assert not LiveSession.objects.exists()


def test_attendance_taken_on_the_sheet_counts_toward_credit_hours(
    client, cohort, department, facilitator
):
    session = session_of(cohort, minutes=90)
    present, late, absent = (member(cohort, department) for _ in range(3))
    client.force_login(facilitator)
    url = reverse("facilitate:attendance", args=[session.pk])

    page = client.get(url).content.decode()
    response = client.post(
        url,
        {
            f"status-{present.pk}": "present",
            f"status-{late.pk}": "late",
            f"minutes-{late.pk}": "60",
            f"status-{absent.pk}": "absent",
        },
    )

    assert escape(present.officer.display_name) in page
    assert response.status_code == 302
    assert dict(Attendance.objects.values_list("enrollment_id", "minutes")) == {
        present.pk: 90,
        late.pk: 60,
        absent.pk: 0,
    }
    assert attended_session_minutes(enrollment=present) == 90
    version_hours = present.version.credit_hours
    assert enrollment_credit_hours(enrollment=present) == version_hours + Decimal("1.5")
    assert enrollment_credit_hours(enrollment=late) == version_hours + Decimal("1.0")
    assert enrollment_credit_hours(enrollment=absent) == version_hours


def test_saving_the_sheet_again_updates_the_same_rows(cohort, department, facilitator):
    session = session_of(cohort)
    enrollment = member(cohort, department)

    attendance_record(
        session=session, marks={enrollment.pk: ("late", None)}, acting_user=facilitator
    )
    attendance_record(
        session=session, marks={enrollment.pk: ("present", None)}, acting_user=facilitator
    )

    row = Attendance.objects.get()
    assert (row.status, row.minutes) == ("present", 90)


def test_a_late_arrival_without_minutes_counts_the_session_less_a_quarter_hour(
    cohort, department, facilitator
):
    session = session_of(cohort, minutes=60)
    enrollment = member(cohort, department)

    attendance_record(
        session=session, marks={enrollment.pk: ("late", None)}, acting_user=facilitator
    )

    assert Attendance.objects.get().minutes == 45


def test_attendance_is_refused_before_the_start_and_for_another_cohort(
    cohort, department, facilitator
):
    future = session_of(cohort, starts_at=timezone.now() + dt.timedelta(days=1))
    past = session_of(cohort)
    stranger = factories.EnrollmentFactory(department=department)

    with pytest.raises(LearningError):
        attendance_record(
            session=future,
            marks={member(cohort, department).pk: ("present", None)},
            acting_user=facilitator,
        )
    with pytest.raises(Exception) as refused:
        attendance_record(
            session=past, marks={stranger.pk: ("present", None)}, acting_user=facilitator
        )
    assert refused.typename == "PermissionDenied"
    assert not Attendance.objects.exists()


def test_another_facilitator_or_an_officer_cannot_take_attendance(client, cohort, department):
    session = session_of(cohort)
    enrollment = member(cohort, department)
    url = reverse("facilitate:attendance", args=[session.pk])
    for user in (factories.UserFactory(is_facilitator=True), enrollment.officer):
        client.force_login(user)
        assert client.post(url, {f"status-{enrollment.pk}": "present"}).status_code == 404
    assert not Attendance.objects.exists()


def test_attended_hours_show_on_the_record_and_the_transcript(
    client, cohort, department, facilitator, liaison
):
    session = session_of(cohort, minutes=90)
    enrollment = member(cohort, department)
    attendance_record(
        session=session, marks={enrollment.pk: ("present", None)}, acting_user=facilitator
    )
    Enrollment.objects.filter(pk=enrollment.pk).update(
        status=Enrollment.Status.COMPLETED, completed_at=timezone.now(), progress=100
    )

    record = officer_record(user=enrollment.officer)
    client.force_login(liaison)
    transcript = client.get(reverse("department:export_transcript"))
    lines = b"".join(transcript.streaming_content).decode().splitlines()

    assert record["enrollments"][0]["session_hours"] == "1.5"
    assert record["enrollments"][0]["live_sessions"][0]["status"] == "present"
    assert TRANSCRIPT_HEADER[-1] == "Live session hours"
    assert lines[1].endswith(",1.5")


def test_the_officer_sees_their_cohorts_sessions_and_not_another_cohorts(
    client, cohort, department
):
    session_of(cohort, title="Our session")
    other = factories.CohortFactory(curriculum=cohort.curriculum, department=department)
    session_of(other, title="Their session")
    enrollment = member(cohort, department)
    client.force_login(enrollment.officer)

    page = client.get(reverse("learn:enrollment", args=[enrollment.pk])).content.decode()

    assert "Our session" in page
    assert "Their session" not in page


def test_the_calendar_feed_lists_sessions_and_due_dates_at_a_secret_address(
    client, cohort, department, facilitator
):
    session_of(cohort, title="Week 2, live", starts_at=timezone.now() + dt.timedelta(days=2))
    enrollment = member(cohort, department)
    client.force_login(enrollment.officer)

    page = client.post(reverse("learn:calendar")).content.decode()
    address = page.split('id="feed-url" readonly value="')[1].split('"')[0]
    path = address.removeprefix("http://127.0.0.1:8000")
    client.logout()
    feed = client.get(path)
    client.force_login(facilitator)
    client.post(reverse("learn:calendar"))

    body = feed.content.decode()
    assert feed["Content-Type"] == "text/calendar; charset=utf-8"
    assert body.startswith("BEGIN:VCALENDAR\r\n")
    assert "SUMMARY:Week 2\\, live (" in body
    assert f"DTSTART;VALUE=DATE:{enrollment.due_on:%Y%m%d}" in body
    assert client.get(path.replace(".ics", "x.ics")).status_code == 404


def test_making_a_new_calendar_address_retires_the_old(client, officer):
    client.force_login(officer)
    first = client.post(reverse("learn:calendar")).content.decode()
    old = first.split('readonly value="')[1].split('"')[0].removeprefix("http://127.0.0.1:8000")
    client.post(reverse("learn:calendar"))

    assert client.get(old).status_code == 404


def test_a_reminder_goes_out_the_day_before_once(cohort, department, facilitator):
    now = dt.datetime(2027, 3, 3, 15, 0, tzinfo=dt.UTC)  # 10:00 in New York
    enrollment = member(cohort, department)
    withdrawn = member(cohort, department)
    Enrollment.objects.filter(pk=withdrawn.pk).update(withdrawn_at=now)
    session_of(cohort, starts_at=dt.datetime(2027, 3, 4, 23, 0, tzinfo=dt.UTC))  # 18:00, 4th
    session_of(cohort, starts_at=dt.datetime(2027, 3, 5, 15, 0, tzinfo=dt.UTC), title="Later")

    with time_machine.travel(now, tick=False):
        session_reminder_sweep(now=now)
        session_reminder_sweep(now=now)

    reminders = Notification.objects.filter(kind="session_reminder")
    assert {n.recipient_id for n in reminders} == {enrollment.officer_id, facilitator.pk}
    assert reminders.first().context["starts_at"] == "2027-03-04 18:00"
    assert reminders.first().context["title"] == "Week 1 discussion"


def test_cohort_page_and_attendance_sheet_read_a_fixed_number_of_queries(
    client, cohort, department, facilitator, django_assert_num_queries
):
    session = session_of(cohort)
    member(cohort, department)
    client.force_login(facilitator)

    def load():
        client.get(reverse("facilitate:cohort", args=[cohort.pk]))
        client.get(reverse("facilitate:attendance", args=[session.pk]))

    load()
    with django_assert_num_queries(14) as counted:
        load()
    for _ in range(3):
        enrollment = member(cohort, department)
        attendance_record(
            session=session_of(cohort),
            marks={enrollment.pk: ("present", None)},
            acting_user=facilitator,
        )
        attendance_record(
            session=session, marks={enrollment.pk: ("late", 30)}, acting_user=facilitator
        )
    with django_assert_num_queries(len(counted.captured_queries)):
        load()


def test_a_cancelled_session_counts_nothing_and_leaves_the_calendar(
    client, cohort, department, facilitator
):
    session = session_of(cohort, minutes=90)
    enrollment = member(cohort, department)
    attendance_record(
        session=session, marks={enrollment.pk: ("present", None)}, acting_user=facilitator
    )
    client.force_login(facilitator)

    client.post(reverse("facilitate:session_cancel", args=[session.pk]))

    session.refresh_from_db()
    assert session.cancelled_at is not None
    assert attended_session_minutes(enrollment=enrollment) == 0
    assert AuditEvent.objects.filter(action="live_session.cancel").count() == 1


def test_another_facilitator_cannot_cancel(client, cohort):
    session = session_of(cohort)
    client.force_login(factories.UserFactory(is_facilitator=True))

    response = client.post(reverse("facilitate:session_cancel", args=[session.pk]))

    session.refresh_from_db()
    assert response.status_code == 404
    assert session.cancelled_at is None


def test_the_facilitators_cohorts_are_a_labelled_focusable_table_region(
    client, cohort, department, facilitator
):
    member(cohort, department)
    client.force_login(facilitator)

    html = client.get(reverse("facilitate:home")).content.decode()

    assert (
        '<div class="table-wrap" role="region" aria-labelledby="cohorts-heading" tabindex="0">'
        in html
    )
    assert f'<th scope="row"><a href="{reverse("facilitate:cohort", args=[cohort.pk])}">' in html
    assert '<th scope="col">Enrolled</th>' in html
