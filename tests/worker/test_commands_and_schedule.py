"""The hand-run commands, the eager default, the beat schedule and its staff page."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.urls import reverse

from repair.celery import app as celery_app
from tests import factories
from worker.models import Notification
from worker.outbox import notification_queue
from worker.partner_reports import month_period, previous_month

pytestmark = pytest.mark.django_db


def _due_in(days: int, department):
    return factories.EnrollmentFactory(
        officer=factories.officer(department),
        department=department,
        due_on=factories.local_today(department) + dt.timedelta(days=days),
    )


def test_sweep_reminders_sends_due_reminders_once(department, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    _due_in(3, department)
    _due_in(-2, department)
    _due_in(30, department)

    first, second = StringIO(), StringIO()
    call_command("sweep_reminders", stdout=first)
    call_command("sweep_reminders", stdout=second)

    assert sorted(m.extra_headers["X-Repair-Dedupe-Key"].split(":")[0] for m in mail.outbox) == [
        "due_soon_7d",
        "overdue",
    ]
    assert "due_soon_7d: 1 due" in first.getvalue()
    assert "sent 0, to retry 0, failed 0" in second.getvalue()
    assert Notification.objects.filter(status="sent").count() == 2


def test_queue_in_the_embedded_default_sends_in_process_after_commit(
    officer, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

    with django_capture_on_commit_callbacks(execute=True):
        notification_queue(
            kind="nudge",
            dedupe_key="nudge:embedded",
            recipient=officer,
            context={"curriculum_title": "Dignity", "due_on": "2026-12-01", "url": "/learn/"},
        )

    if celery_app.conf.task_always_eager:
        assert [m.extra_headers["X-Repair-Dedupe-Key"] for m in mail.outbox] == ["nudge:embedded"]
        assert Notification.objects.get().status == "sent"
    else:  # a broker is configured: the row waits for a worker
        assert (len(mail.outbox), Notification.objects.get().status) == (0, "pending")


def test_build_partner_reports_rejects_a_malformed_period():
    with pytest.raises(CommandError, match="--period must look like 2026-10"):
        call_command("build_partner_reports", "--period", "October")


def test_month_periods():
    assert month_period("2026-02") == (dt.date(2026, 2, 1), dt.date(2026, 2, 28))
    assert previous_month(at=dt.datetime(2026, 1, 15, tzinfo=dt.UTC)) == (
        dt.date(2025, 12, 1),
        dt.date(2025, 12, 31),
    )
    # A month has closed once it has closed in Honolulu (10:00 UTC on the 1st).
    assert previous_month(at=dt.datetime(2026, 2, 1, 9, 59, tzinfo=dt.UTC))[1] == dt.date(
        2025, 12, 31
    )
    assert previous_month(at=dt.datetime(2026, 2, 1, 10, 0, tzinfo=dt.UTC))[1] == dt.date(
        2026, 1, 31
    )


def test_beat_schedule_names_registered_tasks_and_expires_before_the_next_tick(settings):
    celery_app.loader.import_default_modules()
    schedule = settings.CELERY_BEAT_SCHEDULE

    assert {entry["task"] for entry in schedule.values()} <= set(celery_app.tasks)
    assert {name: str(entry["schedule"]) for name, entry in schedule.items()} == {
        "facilitation-sweep": "<crontab: 5 * * * * (m/h/dM/MY/d)>",
        "reminder-sweep": "<crontab: */15 * * * * (m/h/dM/MY/d)>",
        "notification-drain": "<crontab: * * * * * (m/h/dM/MY/d)>",
        "roster-import-sweep": "<crontab: */2 * * * * (m/h/dM/MY/d)>",
        "liaison-digest": "<crontab: 0 7 * * mon (m/h/dM/MY/d)>",
        "assignment-rules": "<crontab: 5 * * * * (m/h/dM/MY/d)>",
        # Right after a month has closed in Honolulu (UTC-10), the last US zone.
        "partner-reports": "<crontab: 30 10 * * * (m/h/dM/MY/d)>",
        "audit-checkpoint": "<crontab: 5 0 * * * (m/h/dM/MY/d)>",
    }
    assert schedule["reminder-sweep"]["options"]["expires"] < 15 * 60
    assert schedule["notification-drain"]["options"]["expires"] < 60
    assert schedule["roster-import-sweep"]["options"]["expires"] < 120


def test_celery_settings_follow_the_documented_reliability_advice(settings):
    conf = celery_app.conf
    backoff_max = 5 * 60

    assert (conf.task_acks_late, conf.task_reject_on_worker_lost) == (True, True)
    assert conf.worker_prefetch_multiplier == 1
    assert conf.task_soft_time_limit < conf.task_time_limit
    assert conf.broker_transport_options["visibility_timeout"] > backoff_max + conf.task_time_limit
    assert conf.broker_transport_options["interval_start"] == 0
    assert conf.broker_connection_timeout <= 1
    assert celery_app.tasks["worker.reminder_sweep"].retry_backoff_max == backoff_max


def test_staff_see_the_beat_schedule(client, staff_user):
    client.force_login(staff_user)

    response = client.get(reverse("admin:worker_notification_schedule"))

    assert response.status_code == 200
    assert [e["name"] for e in response.context["entries"]] == [
        "assignment-rules",
        "audit-checkpoint",
        "facilitation-sweep",
        "liaison-digest",
        "notification-drain",
        "partner-reports",
        "reminder-sweep",
        "roster-import-sweep",
    ]
    assert b"worker.reminder_sweep" in response.content


def test_non_staff_cannot_see_the_beat_schedule(client, liaison):
    client.force_login(liaison)

    response = client.get(reverse("admin:worker_notification_schedule"))

    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/")
