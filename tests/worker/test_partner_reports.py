"""Partner report delivery: one report per partner and period, a link to each recipient."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command

from partners.models import PartnerReport
from tests import factories
from worker.models import Notification
from worker.partner_reports import partner_reports_deliver, previous_month
from worker.tasks.reports import partner_reports_build_task

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(department):
    partner = factories.PartnerOrganizationFactory(name="National Center")
    factories.DataSharingAgreementFactory(partner=partner, department=department)
    return partner


@pytest.fixture
def reviewers(partner):
    reader = factories.PartnerMembershipFactory(partner=partner, user__email="r1@example.test")
    second = factories.PartnerMembershipFactory(partner=partner, user__email="r2@example.test")
    factories.PartnerMembershipFactory(
        partner=partner, user__email="quiet@example.test", receives_reports=False
    )
    factories.PartnerMembershipFactory(
        partner=partner, user__email="gone@example.test", user__is_active=False
    )
    return [reader.user, second.user]


def test_delivering_twice_builds_one_report_and_one_link_per_recipient(partner, reviewers):
    start, end = previous_month()

    first = partner_reports_deliver(period_start=start, period_end=end)
    second = partner_reports_deliver(period_start=start, period_end=end)

    report = PartnerReport.objects.get()
    assert [r.pk for r in first.reports] == [r.pk for r in second.reports] == [report.pk]
    assert (report.period_start, report.period_end) == (start, end)
    assert report.delivered_at is not None
    rows = Notification.objects.order_by("recipient_id")
    assert [(n.kind, n.recipient_id, n.dedupe_key) for n in rows] == [
        ("partner_report_ready", user.pk, f"partner_report_ready:{report.pk}:{user.pk}")
        for user in sorted(reviewers, key=lambda u: u.pk)
    ]
    assert rows[0].context == {
        "partner": "National Center",
        "period_start": start.isoformat(),
        "period_end": end.isoformat(),
        "url": "/partner/",
    }


def test_a_refused_period_for_one_partner_does_not_stop_the_others(partner, reviewers):
    today = factories.local_today()  # not over in any zone yet

    delivery = partner_reports_deliver(period_start=today.replace(day=1), period_end=today)

    assert delivery.reports == []
    assert list(delivery.refused) == ["National Center"]
    assert Notification.objects.count() == 0


def test_task_builds_the_previous_month_by_default(partner, reviewers):
    report_ids = partner_reports_build_task.apply().get()

    assert report_ids == [PartnerReport.objects.get().pk]
    assert PartnerReport.objects.get().period_start == previous_month()[0]


def test_command_builds_the_given_month_and_sends_the_links(partner, reviewers, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = StringIO()

    call_command("build_partner_reports", "--period", "2026-09", stdout=out)
    call_command("build_partner_reports", "--period", "2026-09", stdout=StringIO())

    report = PartnerReport.objects.get()
    assert (report.period_start, report.period_end) == (dt.date(2026, 9, 1), dt.date(2026, 9, 30))
    assert sorted(m.to[0] for m in mail.outbox) == ["r1@example.test", "r2@example.test"]
    assert all("/partner/" in m.body and not m.attachments for m in mail.outbox)
    assert f"National Center: report {report.pk} for 2026-09" in out.getvalue()
