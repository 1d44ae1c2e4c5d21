"""Security round 2 (issue 15, rows 1, 2, 6, 10, 12, 13): MFA on every API authentication path,
no roster takeover of existing accounts, sessions ended by user, neutral invitation messages,
a lockout the owner can always get past, and the API's edges (throttles, tokens, docs)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from accounts.services import api_token_create
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def require_mfa(settings):
    settings.REPAIR_REQUIRE_MFA = True


def _token(user) -> str:
    _token, key = api_token_create(user=user, name="probe", days=None, acting_user=user)
    return key


# Row 1: MFA is decided on the user DRF authenticated, on every path -----------------------


def _privileged(department, staff_user):
    return [
        factories.liaison(department),
        factories.UserFactory(is_facilitator=True),
        factories.PartnerMembershipFactory().user,
        staff_user,
    ]


@pytest.mark.usefixtures("require_mfa")
@pytest.mark.parametrize("separator", [" ", "\t", "  ", " \t"])
def test_api_token_without_mfa_is_refused_whatever_the_whitespace(
    client, department, staff_user, separator
):
    for user in _privileged(department, staff_user):
        key = _token(user)

        response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token{separator}{key}")

        assert response.status_code == 403, (user, separator)
        assert "multi-factor" in response.json()["detail"]


@pytest.mark.usefixtures("require_mfa")
def test_api_token_with_an_unprivileged_session_cookie_is_still_refused(
    client, department, officer, staff_user
):
    client.force_login(officer)
    for user in _privileged(department, staff_user):
        key = _token(user)

        for header in (f"Token {key}", f"Token\t{key}"):
            response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=header)

            assert response.status_code == 403, (user, header)


@pytest.mark.usefixtures("require_mfa")
def test_api_token_refused_on_writes_and_other_departments_too(
    client, department, other_department, staff_user
):
    liaison = factories.liaison(department)
    curriculum = factories.CurriculumFactory()
    before = AuditEvent.objects.filter(action="access.denied").count()

    post = client.post(
        "/api/v1/enrollments/",
        {"officer": factories.officer(department).pk, "curriculum": curriculum.pk},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Token\t{_token(liaison)}",
    )
    roster = client.get(
        f"/api/v1/departments/{other_department.pk}/officers/",
        HTTP_AUTHORIZATION=f"Token\t{_token(staff_user)}",
    )

    assert post.status_code == 403
    assert roster.status_code == 403
    assert AuditEvent.objects.filter(action="access.denied").count() == before + 2


@pytest.mark.usefixtures("require_mfa")
def test_api_officer_token_and_session_are_not_asked_for_mfa(client, officer):
    key = _token(officer)

    assert client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token\t{key}").status_code == 200
    client.force_login(officer)
    assert client.get("/api/v1/me/").status_code == 200


@pytest.mark.usefixtures("require_mfa")
def test_api_privileged_session_without_mfa_is_refused(client, department, staff_user):
    for user in _privileged(department, staff_user):
        client.force_login(user)

        assert client.get("/api/v1/me/").status_code == 403, user
        assert client.get(reverse("api-schema")).status_code == 403, user
