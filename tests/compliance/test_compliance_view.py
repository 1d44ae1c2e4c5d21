"""Compliance at a glance: the figures per rule equal a direct count over the database, on the
page, in the XLSX and in the API, with query counts that do not grow with the rows."""

from __future__ import annotations

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AuditEvent, Membership
from compliance.models import AssignmentRule
from compliance.services import rule_create
from curriculum.models import Certificate, Enrollment
from curriculum.services.certificates import certificate_issue
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

NOON = dt.datetime(2026, 11, 25, 17, tzinfo=dt.UTC)
TODAY = dt.date(2026, 11, 25)


@pytest.fixture(autouse=True)
def _noon():
    with time_machine.travel(NOON, tick=False):
        yield


@pytest.fixture
def curriculum():
    return factories.CurriculumFactory(title="Duty to Intervene", validity_months=12)


def _certified(officer, department, curriculum, completed: dt.date):
    enrollment = factories.EnrollmentFactory(
        officer=officer,
        department=department,
        curriculum=curriculum,
        cycle=str(completed.year),
        status="completed",
        completed_at=dt.datetime.combine(completed, dt.time(17), tzinfo=dt.UTC),
        progress=100,
    )
    return certificate_issue(enrollment=enrollment)


def _world(department, curriculum, liaison, n: int = 1) -> AssignmentRule:
    """n officers in each state, and one officer elsewhere."""
    for _index in range(n):
        _certified(factories.officer(department), department, curriculum, dt.date(2026, 5, 1))
        _certified(factories.officer(department), department, curriculum, dt.date(2025, 5, 1))
        factories.EnrollmentFactory(
            officer=factories.officer(department),
            department=department,
            curriculum=curriculum,
            due_on=TODAY - dt.timedelta(days=3),
        )
        factories.officer(department)  # nothing yet: due
    revoked = _certified(factories.officer(department), department, curriculum, TODAY)
    revoked.revoked_at = NOON
    revoked.save()
    factories.officer(factories.DepartmentFactory())
    return rule_create(
        department=department,
        acting_user=liaison,
        curriculum=curriculum,
        kind="valid_certificate",
    )


def _direct_counts(department, curriculum) -> dict[str, int]:
    officers = Membership.objects.filter(
        department=department, role="officer", status="active"
    ).values("user_id")
    certificates = Certificate.objects.filter(
        enrollment__officer_id__in=officers,
        enrollment__curriculum=curriculum,
        revoked_at__isnull=True,
    )
    valid = set(
        certificates.exclude(expires_on__lte=TODAY).values_list("enrollment__officer_id", flat=True)
    )
    certified = set(certificates.values_list("enrollment__officer_id", flat=True)) - valid
    overdue = (
        set(
            Enrollment.objects.filter(
                officer_id__in=officers,
                curriculum=curriculum,
                withdrawn_at__isnull=True,
                due_on__lt=TODAY,
            )
            .exclude(status="completed")
            .values_list("officer_id", flat=True)
        )
        - valid
        - certified
    )
    total = officers.count()
    return {
        "compliant": len(valid),
        "due": total - len(valid) - len(certified) - len(overdue),
        "overdue": len(overdue),
        "expired": len(certified),
    }


def test_the_page_figures_equal_a_direct_count(client, liaison, department, curriculum):
    _world(department, curriculum, liaison, n=2)
    client.force_login(liaison)

    response = client.get(reverse("compliance:home"))

    entry = response.context["figures"][0]
    assert entry.counts == _direct_counts(department, curriculum)
    assert entry.counts == {"compliant": 2, "due": 3, "overdue": 2, "expired": 2}
    assert b'data-state="overdue"' in response.content


def test_the_list_behind_a_figure_is_one_click_away(client, liaison, department, curriculum):
    rule = _world(department, curriculum, liaison)
    client.force_login(liaison)

    response = client.get(reverse("compliance:rule_officers", args=[rule.pk]), {"state": "expired"})

    assert [o.state for o in response.context["officers"]] == ["expired"]
    assert response.context["officers"][0].expires_on == dt.date(2026, 5, 1)


def test_the_xlsx_export_holds_every_counted_officer_and_is_audited(
    client, liaison, department, curriculum
):
    _world(department, curriculum, liaison)
    client.force_login(liaison)

    response = client.get(reverse("compliance:export_xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Curriculum", "Rule", "Officer")
    assert sorted(row[5] for row in rows[1:]) == ["Compliant", "Due", "Due", "Expired", "Overdue"]
    assert AuditEvent.objects.filter(action="export.compliance").count() == 1


def test_the_api_figures_equal_a_direct_count(liaison, department, curriculum):
    rule = _world(department, curriculum, liaison, n=2)

    body = token_client(liaison).get(f"/api/v1/departments/{department.pk}/compliance/").json()

    assert body["as_of"] == "2026-11-25"
    assert body["rules"] == [
        {
            "id": rule.pk,
            "curriculum": {"id": curriculum.pk, "title": "Duty to Intervene"},
            "kind": "valid_certificate",
            "due_within_days": 30,
            "renew_days_before": 60,
            "officers": 9,
            **_direct_counts(department, curriculum),
        }
    ]


def test_another_departments_liaison_gets_404(other_liaison, department, curriculum, liaison):
    _world(department, curriculum, liaison)

    response = token_client(other_liaison).get(f"/api/v1/departments/{department.pk}/compliance/")

    assert response.status_code == 404


@pytest.mark.parametrize("n", [1, 6])
def test_query_counts_do_not_grow_with_officers(
    n, client, liaison, department, curriculum, django_assert_num_queries
):
    _world(department, curriculum, liaison, n=n)
    second = factories.CurriculumFactory()
    rule_create(department=department, acting_user=liaison, curriculum=second, kind="new_officers")
    api = token_client(liaison)
    client.force_login(liaison)
    url = f"/api/v1/departments/{department.pk}/compliance/"

    # token (with its user), liaison departments, department, rules, officers, facts
    with django_assert_num_queries(6):
        assert api.get(url).status_code == 200
    # session, user, liaison departments, department, rules, officers, facts, rule list,
    # published curricula (form)
    with django_assert_num_queries(9):
        assert client.get(reverse("compliance:home")).status_code == 200


def test_only_the_liaison_writes_rules_staff_read(client, staff_user, liaison, department):
    curriculum = factories.CurriculumFactory()
    client.force_login(staff_user)
    page = client.get(reverse("compliance:home"), {"department": department.pk})
    refused = client.post(
        reverse("compliance:rule_new") + f"?department={department.pk}",
        {"curriculum": curriculum.pk, "kind": "new_officers", "due_within_days": 30,
         "renew_days_before": 60, "is_active": "on"},
    )  # fmt: skip
    assert (page.status_code, refused.status_code) == (200, 404)
    assert not AssignmentRule.objects.exists()

    client.force_login(liaison)
    client.post(
        reverse("compliance:rule_new"),
        {"curriculum": curriculum.pk, "kind": "new_officers", "due_within_days": 30,
         "renew_days_before": 60, "is_active": "on"},
    )  # fmt: skip
    rule = AssignmentRule.objects.get()
    client.post(
        reverse("compliance:rule_edit", args=[rule.pk]),
        {"curriculum": curriculum.pk, "kind": "new_officers", "due_within_days": 10,
         "renew_days_before": 60},
    )  # fmt: skip
    rule.refresh_from_db()
    assert (rule.due_within_days, rule.is_active) == (10, False)
    assert [e.action for e in AuditEvent.objects.filter(action__startswith="assignment_rule")] == [
        "assignment_rule.create",
        "assignment_rule.update",
    ]
