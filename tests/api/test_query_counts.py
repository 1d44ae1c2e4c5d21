"""The query count of every list and summary endpoint, pinned, and the same for 10 and 1,000 rows.

Counts include the whole request: the token look-up (1: the token, its user and the user's
roles, partner role and MFA mark in one statement; the token's last use is stamped at most once
a minute, so each test warms it first), scoping, pagination and the page itself. With
REPAIR_REQUIRE_MFA on, the access-policy middleware looks the token up before DRF does, and DRF
reuses that look-up: the count is the same (pinned below).
"""

from __future__ import annotations

import pytest
from allauth.mfa.models import Authenticator
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Department
from curriculum.models import Curriculum, CurriculumVersion, Enrollment, Module
from partners.models import DataSharingAgreement
from repair import clock
from tests.api.conftest import bulk_enrollments, bulk_officers, token_client

pytestmark = pytest.mark.django_db
ROWS = [10, 1000]


def published_curricula(rows: int, *, title: str) -> list[Curriculum]:
    """`rows` published curricula with their version 1, in four statements."""
    drafts = Curriculum.objects.bulk_create(
        [
            Curriculum(
                title=title.format(i=i),
                slug=f"course-{i}",
                thematic_area="Human rights",
                language="en",
                credit_hours=2,
            )
            for i in range(rows)
        ]
    )
    versions = CurriculumVersion.objects.bulk_create(
        [
            CurriculumVersion(
                curriculum=c,
                number=1,
                title=c.title,
                thematic_area=c.thematic_area,
                credit_hours=2,
                content_hash="f" * 64,
                published_at=clock.now(),
            )
            for c in drafts
        ]
    )
    for curriculum, version in zip(drafts, versions, strict=True):
        curriculum.current_version = version
        curriculum.status = Curriculum.Status.PUBLISHED
    Curriculum.objects.bulk_update(drafts, ["current_version", "status"])
    return drafts


def _warm(client, url):
    """First call stamps the token's last use (once a minute), then counts are steady."""
    assert client.get(url).status_code == 200


@pytest.fixture
def populated(department, curriculum):
    def build(rows: int):
        officers = bulk_officers(department, rows)
        bulk_enrollments(officers, department=department, curriculum=curriculum)
        return officers

    return build


@pytest.mark.parametrize("rows", ROWS)
def test_curricula_list(rows, officer, django_assert_num_queries):
    curricula = published_curricula(rows, title="Course {i:04d}")
    Module.objects.bulk_create(
        [
            Module(version_id=c.current_version_id, order=n, title=f"M{n}")
            for c in curricula
            for n in (1, 2)
        ]
    )
    client = token_client(officer)
    _warm(client, "/api/v1/curricula/")

    with django_assert_num_queries(4):
        response = client.get("/api/v1/curricula/")

    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", ROWS)
def test_my_enrollments(rows, officer, department, django_assert_num_queries):
    curricula = published_curricula(rows, title="Course {i}")
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                officer=officer,
                department=department,
                curriculum=c,
                version_id=c.current_version_id,
            )
            for c in curricula
        ]
    )
    client = token_client(officer)
    _warm(client, "/api/v1/me/enrollments/")

    with django_assert_num_queries(3):
        response = client.get("/api/v1/me/enrollments/")

    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", ROWS)
def test_departments_for_staff(rows, staff_user, django_assert_num_queries):
    Department.objects.bulk_create(
        [Department(name=f"Department {i:04d}", state="GA") for i in range(rows)]
    )
    client = token_client(staff_user)
    _warm(client, "/api/v1/departments/")

    with django_assert_num_queries(3):
        response = client.get("/api/v1/departments/")

    assert response.json()["count"] == rows


@pytest.mark.parametrize("rows", ROWS)
def test_departments_for_a_partner(rows, partner_user, django_assert_num_queries):
    departments = Department.objects.bulk_create(
        [Department(name=f"Department {i:04d}", state="GA") for i in range(rows)]
    )
    partner = partner_user.partner_memberships.get().partner
    DataSharingAgreement.objects.bulk_create(
        [
            DataSharingAgreement(partner=partner, department=d, starts_on=clock.today(d))
            for d in departments
        ]
    )
    client = token_client(partner_user)
    _warm(client, "/api/v1/departments/")

    with django_assert_num_queries(5):
        response = client.get("/api/v1/departments/")

    assert response.json()["count"] == rows + 1  # and the fixture's sharing department


@pytest.mark.parametrize("rows", ROWS)
def test_department_summary(rows, liaison, department, populated, django_assert_num_queries):
    populated(rows)
    client = token_client(liaison)
    url = f"/api/v1/departments/{department.pk}/summary/"
    _warm(client, url)

    with django_assert_num_queries(4):
        response = client.get(url)

    assert response.json()["enrollments"] == rows


@pytest.mark.parametrize("rows", ROWS)
def test_department_officers(rows, liaison, department, populated, django_assert_num_queries):
    populated(rows)
    client = token_client(liaison)
    url = f"/api/v1/departments/{department.pk}/officers/"
    _warm(client, url)

    with django_assert_num_queries(4):  # token, department, the page, its figures
        response = client.get(url)

    assert len(response.json()["results"]) == min(rows, 50)


@pytest.mark.parametrize("rows", ROWS)
@pytest.mark.parametrize("query", ["", "?status=completed&overdue=false"])
def test_enrollments_list(rows, query, liaison, populated, django_assert_num_queries):
    populated(rows)
    client = token_client(liaison)
    url = f"/api/v1/enrollments/{query}"
    _warm(client, url)

    with django_assert_num_queries(3):
        response = client.get(url)

    assert 0 < len(response.json()["results"]) <= 50


@pytest.mark.parametrize("rows", ROWS)
def test_completion_stats(rows, liaison, department, populated, django_assert_num_queries):
    populated(rows)
    client = token_client(liaison)
    url = f"/api/v1/stats/completions/?department={department.pk}&interval=month"
    _warm(client, url)

    with django_assert_num_queries(4):
        response = client.get(url)

    assert sum(p["completed"] for p in response.json()["series"]) == rows // 3 + (rows % 3 > 2)


def test_the_roster_next_page_costs_the_same(
    liaison, department, populated, django_assert_num_queries
):
    populated(120)
    client = token_client(liaison)
    url = f"/api/v1/departments/{department.pk}/officers/"
    _warm(client, url)
    next_url = client.get(url).json()["next"]

    with django_assert_num_queries(4):
        assert client.get(next_url).status_code == 200


@pytest.mark.parametrize("mfa", [False, True])
def test_the_token_is_looked_up_once_with_mfa_required(
    mfa, settings, liaison, department, populated, django_assert_num_queries
):
    settings.REPAIR_REQUIRE_MFA = mfa
    Authenticator.objects.create(user=liaison, type=Authenticator.Type.TOTP, data={"secret": "x"})
    populated(10)
    client = token_client(liaison)
    url = f"/api/v1/departments/{department.pk}/summary/"
    _warm(client, url)

    with CaptureQueriesContext(connection) as captured, django_assert_num_queries(4):
        assert client.get(url).status_code == 200

    token_reads = [q for q in captured.captured_queries if '"accounts_apitoken"' in q["sql"]]
    assert len(token_reads) == 1
