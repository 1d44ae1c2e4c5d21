"""The REST API v1 contract of DESIGN.md, endpoint by endpoint and role by role."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from accounts.models import AuditEvent
from curriculum.models import Certificate, Enrollment
from tests import factories
from tests.api.conftest import token_client

pytestmark = pytest.mark.django_db

# The contract's fields, `version` (issue 16: the curriculum version it is taken on) and
# `cycle` (issue 18: the training cycle).
ENROLLMENT_FIELDS = {
    "id",
    "officer",
    "curriculum",
    "version",
    "cycle",
    "status",
    "is_overdue",
    "due_on",
    "progress",
    "assigned_at",
    "completed_at",
    "completed_on",
}


def _enroll(officer, department, curriculum, **kwargs):
    return factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum, **kwargs
    )


def _certificate(enrollment, code="K3QZ-7W2M-PA4R-XT6B", **kwargs):
    return Certificate.objects.create(
        enrollment=enrollment,
        code=code,
        holder_name=enrollment.officer.display_name,
        curriculum_title=enrollment.curriculum.title,
        credit_hours=enrollment.curriculum.credit_hours,
        completed_on=factories.local_today(),
        **kwargs,
    )


# /me/ ------------------------------------------------------------------------------------------


def test_me_describes_an_officer(officer, department):
    response = token_client(officer).get("/api/v1/me/")

    assert response.status_code == 200
    assert response.json() == {
        "id": officer.pk,
        "email": "officer@example.test",
        "display_name": officer.display_name,
        "roles": ["officer"],
        "department": {"id": department.pk, "name": "Demo City Police Department"},
        "partner": None,
        "language": "en",
    }


def test_me_describes_a_partner_reviewer(partner_user):
    body = token_client(partner_user).get("/api/v1/me/").json()

    assert body["roles"] == ["partner"]
    assert body["department"] is None
    assert body["partner"]["name"] == "National Center for Civil and Human Rights"


def test_me_describes_staff(staff_user):
    body = token_client(staff_user).get("/api/v1/me/").json()

    assert (body["roles"], body["department"], body["partner"]) == (["staff"], None, None)


def test_me_refuses_anonymous_with_401_and_the_token_scheme(api_client):
    response = api_client.get("/api/v1/me/")

    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_session_authentication_works(officer):
    client = APIClient()
    client.force_login(officer)

    assert client.get("/api/v1/me/").json()["id"] == officer.pk


# /curricula/ -----------------------------------------------------------------------------------


def test_curricula_lists_published_ones_with_their_modules(officer, curriculum):
    factories.CurriculumFactory(title="Draft course", status="draft")

    body = token_client(officer).get("/api/v1/curricula/").json()

    assert set(body) == {"count", "next", "previous", "results"}
    assert body["results"] == [
        {
            "id": curriculum.pk,
            "slug": "officer-course",
            "title": "Officer course",
            "language": "en",
            "thematic_area": "Human rights",
            "credit_hours": 8.0,
            "version": 1,
            "modules": [
                {
                    "id": curriculum.current_version.modules.get(order=1).pk,
                    "title": "Dignity",
                    "order": 1,
                    "estimated_minutes": 45,
                },
                {
                    "id": curriculum.current_version.modules.get(order=2).pk,
                    "title": "Duty",
                    "order": 2,
                    "estimated_minutes": 30,
                },
            ],
        }
    ]


def test_curricula_refuse_a_malformed_page(officer, curriculum):
    response = token_client(officer).get("/api/v1/curricula/?page=abc")

    assert response.status_code == 400
    assert set(response.json()) == {"page"}


# /me/enrollments/ ------------------------------------------------------------------------------


def test_my_enrollments_are_my_own_with_certificate_codes(officer, department, curriculum):
    mine = _enroll(officer, department, curriculum, status="completed", completed_at=timezone.now())
    _certificate(mine)
    revoked = _enroll(
        officer,
        department,
        factories.CurriculumFactory(title="Trauma-informed policing"),
        status="completed",
        completed_at=timezone.now(),
    )
    _certificate(revoked, code="REVO-KEDC-ERTI-FICA", revoked_at=timezone.now())
    _enroll(factories.officer(department), department, curriculum)

    results = token_client(officer).get("/api/v1/me/enrollments/").json()["results"]

    assert {r["id"]: r["certificate_code"] for r in results} == {
        mine.pk: "K3QZ-7W2M-PA4R-XT6B",
        revoked.pk: None,
    }
    assert set(results[0]) == {
        "id",
        "curriculum",
        "version",
        "cycle",
        "status",
        "is_overdue",
        "due_on",
        "progress",
        "completed_at",
        "completed_on",
        "certificate_code",
    }


def test_my_enrollments_flag_overdue(officer, department, curriculum):
    _enroll(officer, department, curriculum, due_on=factories.local_today() - dt.timedelta(days=1))

    result = token_client(officer).get("/api/v1/me/enrollments/").json()["results"][0]

    assert (result["is_overdue"], result["due_on"], result["progress"]) == (
        True,
        (factories.local_today() - dt.timedelta(days=1)).isoformat(),
        0,
    )


@pytest.mark.parametrize("who", ["liaison", "partner_user", "staff_user"])
def test_my_enrollments_are_for_officers_only(who, request):
    assert (
        token_client(request.getfixturevalue(who)).get("/api/v1/me/enrollments/").status_code == 403
    )


# /departments/ ---------------------------------------------------------------------------------


def test_departments_staff_see_all(staff_user, department, other_department):
    results = token_client(staff_user).get("/api/v1/departments/").json()["results"]

    assert [d["name"] for d in results] == [
        "Demo City Police Department",
        "Harbor County Sheriff's Office",
    ]
    assert set(results[0]) == {"id", "name", "state", "ori_code", "timezone"}


@pytest.mark.parametrize("who", ["officer", "liaison"])
def test_departments_members_see_their_own(who, request, department, other_department):
    results = token_client(request.getfixturevalue(who)).get("/api/v1/departments/").json()

    assert [d["id"] for d in results["results"]] == [department.pk]


def test_departments_partner_sees_sharing_ones_by_name_and_state_only(
    partner_user, department, other_department
):
    expired = factories.DepartmentFactory(name="Expired Agreement PD")
    factories.DataSharingAgreementFactory(
        partner=partner_user.partner_memberships.get().partner,
        department=expired,
        starts_on=dt.date(2020, 1, 1),
        ends_on=dt.date(2021, 1, 1),
    )

    results = token_client(partner_user).get("/api/v1/departments/").json()["results"]

    assert results == [{"id": department.pk, "name": "Demo City Police Department", "state": "GA"}]


# /departments/{id}/summary/ and /officers/ -----------------------------------------------------


def test_summary_for_the_liaison_of_the_department(liaison, department, curriculum):
    officers = [factories.officer(department) for _ in range(3)]
    _enroll(officers[0], department, curriculum, status="completed", completed_at=timezone.now())
    _enroll(
        officers[1], department, curriculum, due_on=factories.local_today() - dt.timedelta(days=2)
    )
    _enroll(officers[2], department, curriculum, status="in_progress")

    response = token_client(liaison).get(f"/api/v1/departments/{department.pk}/summary/")

    assert response.status_code == 200
    assert response.json() == {
        "officers": 3,
        "enrollments": 3,
        "not_started": 1,
        "in_progress": 1,
        "completed": 1,
        "overdue": 1,
        "completion_rate": 0.3333,
        "curricula": [
            {
                "curriculum_id": curriculum.pk,
                "title": "Officer course",
                "enrolled": 3,
                "completed": 1,
                "overdue": 1,
                "completion_rate": 0.3333,
            }
        ],
    }


@pytest.mark.parametrize("endpoint", ["summary", "officers"])
def test_another_departments_figures_are_not_found(endpoint, liaison, other_department):
    url = f"/api/v1/departments/{other_department.pk}/{endpoint}/"

    assert token_client(liaison).get(url).status_code == 404


@pytest.mark.parametrize("endpoint", ["summary", "officers"])
@pytest.mark.parametrize("bad_id", ["abc", "0", "99999999999999999999999", "-1"])
def test_malformed_department_ids_are_not_found(endpoint, bad_id, staff_user):
    response = token_client(staff_user).get(f"/api/v1/departments/{bad_id}/{endpoint}/")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


@pytest.mark.parametrize("who", ["officer", "partner_user"])
@pytest.mark.parametrize("endpoint", ["summary", "officers"])
def test_department_figures_are_for_liaisons_and_staff(who, endpoint, request, department):
    client = token_client(request.getfixturevalue(who))

    assert client.get(f"/api/v1/departments/{department.pk}/{endpoint}/").status_code == 403


def test_staff_read_any_department_summary(staff_user, other_department):
    response = token_client(staff_user).get(f"/api/v1/departments/{other_department.pk}/summary/")

    assert response.status_code == 200
    assert response.json()["officers"] == 0


def test_roster_lists_officers_with_their_figures(liaison, officer, department, curriculum):
    _enroll(officer, department, curriculum, due_on=factories.local_today() - dt.timedelta(days=1))

    body = token_client(liaison).get(f"/api/v1/departments/{department.pk}/officers/").json()

    assert set(body) == {"next", "previous", "results"}
    assert body["results"] == [
        {
            "id": officer.pk,
            "display_name": officer.display_name,
            "email": "officer@example.test",
            "badge_number": officer.memberships.get().badge_number,
            "status": "active",
            "enrollments": 1,
            "completed": 0,
            "overdue": 1,
        }
    ]


def test_roster_figures_match_the_roster_page(liaison, department, other_department):
    from curriculum.selectors.enrollments import department_officer_list

    courses = [factories.CurriculumFactory() for _ in range(3)]
    busy, idle, moved = (factories.officer(department) for _ in range(3))
    _enroll(busy, department, courses[0], due_on=factories.local_today() - dt.timedelta(days=2))
    _enroll(
        busy,
        department,
        courses[1],
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    _enroll(busy, department, courses[2], withdrawn_at=timezone.now())  # not counted
    _enroll(
        moved, other_department, courses[0], due_on=factories.local_today() - dt.timedelta(days=2)
    )

    body = token_client(liaison).get(f"/api/v1/departments/{department.pk}/officers/").json()

    expected = {
        m.user_id: (m.enrollment_count, m.completed_count, m.overdue_count)
        for m in department_officer_list(department=department)
    }
    got = {r["id"]: (r["enrollments"], r["completed"], r["overdue"]) for r in body["results"]}
    assert got == expected
    assert got[busy.pk] == (2, 1, 1)
    assert got[idle.pk] == got[moved.pk] == (0, 0, 0)


@pytest.mark.parametrize(
    ("first", "last", "shown"),
    [("Ada", "Byron", "Ada Byron"), ("Ada", "", "Ada"), ("", "Byron", "Byron"), ("", "", None)],
)
def test_roster_display_names_are_the_models(liaison, department, first, last, shown):
    officer = factories.officer(department, first_name=first, last_name=last)

    body = token_client(liaison).get(f"/api/v1/departments/{department.pk}/officers/").json()

    assert [row["display_name"] for row in body["results"]] == [officer.display_name]
    assert officer.display_name == (shown or officer.email)


def test_roster_pages_with_a_cursor(liaison, department):
    from tests.api.conftest import bulk_officers

    officers = bulk_officers(department, 60)
    client = token_client(liaison)

    first = client.get(f"/api/v1/departments/{department.pk}/officers/").json()
    second = client.get(first["next"]).json()

    assert len(first["results"]) == 50
    assert second["next"] is None
    seen = [r["id"] for r in first["results"] + second["results"]]
    assert seen == sorted(o.pk for o in officers)


# /enrollments/ ---------------------------------------------------------------------------------


def test_enrollments_of_the_liaisons_department_only(liaison, department, other_department):
    curriculum = factories.CurriculumFactory()
    own = _enroll(factories.officer(department), department, curriculum)
    _enroll(factories.officer(other_department), other_department, curriculum)

    body = token_client(liaison).get("/api/v1/enrollments/").json()

    assert set(body) == {"next", "previous", "results"}
    assert [r["id"] for r in body["results"]] == [own.pk]
    assert set(body["results"][0]) == ENROLLMENT_FIELDS
    assert body["results"][0]["officer"] == {
        "id": own.officer_id,
        "display_name": own.officer.display_name,
    }


def test_enrollments_filters(liaison, department, curriculum):
    other_curriculum = factories.CurriculumFactory()
    done = _enroll(
        factories.officer(department), department, curriculum, status="completed",
        completed_at=timezone.now(),
    )  # fmt: skip
    late = _enroll(
        factories.officer(department),
        department,
        curriculum,
        due_on=factories.local_today() - dt.timedelta(days=1),
    )
    elsewhere = _enroll(factories.officer(department), department, other_curriculum)
    client = token_client(liaison)

    def ids(query):
        return {r["id"] for r in client.get(f"/api/v1/enrollments/?{query}").json()["results"]}

    assert ids("status=completed") == {done.pk}
    assert ids("overdue=true") == {late.pk}
    assert ids("overdue=false") == {done.pk, elsewhere.pk}
    assert ids(f"curriculum={other_curriculum.pk}") == {elsewhere.pk}
    assert ids(f"department={department.pk}") == {done.pk, late.pk, elsewhere.pk}


@pytest.mark.parametrize(
    "query", ["status=lost", "overdue=maybe", "department=abc", "curriculum=0", "status="]
)
def test_enrollments_refuse_bad_filters(query, liaison):
    response = token_client(liaison).get(f"/api/v1/enrollments/?{query}")

    assert response.status_code == 400
    assert set(response.json()) == {query.split("=")[0]}


@pytest.mark.parametrize("who", ["officer", "partner_user"])
def test_enrollments_are_not_for_officers_or_partners(who, request):
    assert token_client(request.getfixturevalue(who)).get("/api/v1/enrollments/").status_code == 403


def test_staff_see_every_departments_enrollments(staff_user, department, other_department):
    curriculum = factories.CurriculumFactory()
    _enroll(factories.officer(department), department, curriculum)
    _enroll(factories.officer(other_department), other_department, curriculum)

    assert len(token_client(staff_user).get("/api/v1/enrollments/").json()["results"]) == 2


def test_liaison_enrolls_officers_and_skips_existing(liaison, department, curriculum):
    officers = [factories.officer(department) for _ in range(3)]
    _enroll(officers[0], department, curriculum)
    due_on = (factories.local_today() + dt.timedelta(days=14)).isoformat()

    response = token_client(liaison).post(
        "/api/v1/enrollments/",
        {"officer_ids": [o.pk for o in officers], "curriculum_id": curriculum.pk, "due_on": due_on},
        format="json",
    )

    assert response.status_code == 201
    created = Enrollment.objects.filter(officer__in=officers[1:], curriculum=curriculum)
    assert response.json() == {
        "created": 2,
        "skipped_existing": 1,
        "skipped_officer_ids": [officers[0].pk],
        "enrollment_ids": sorted(created.values_list("pk", flat=True)),
    }
    assert {e.due_on.isoformat() for e in created} == {due_on}
    assert {e.assigned_by for e in created} == {liaison}
    assert AuditEvent.objects.filter(action="enrollment.create").count() == 1


def test_a_foreign_officer_fails_the_whole_enrollment(liaison, department, other_department):
    curriculum = factories.CurriculumFactory()
    own = factories.officer(department)
    foreign = factories.officer(other_department)

    response = token_client(liaison).post(
        "/api/v1/enrollments/",
        {"officer_ids": [own.pk, foreign.pk], "curriculum_id": curriculum.pk},
        format="json",
    )

    assert response.status_code == 400
    assert set(response.json()) == {"officer_ids"}
    assert str(foreign.pk) in response.json()["officer_ids"][0]
    assert Enrollment.objects.count() == 0
    assert not AuditEvent.objects.filter(action="enrollment.create").exists()


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"officer_ids": [1]}, "curriculum_id"),
        ({"curriculum_id": 1}, "officer_ids"),
        ({"officer_ids": [], "curriculum_id": 1}, "officer_ids"),
        ({"officer_ids": ["x"], "curriculum_id": 1}, "officer_ids"),
        ({"officer_ids": [1], "curriculum_id": 1, "due_on": "tomorrow"}, "due_on"),
    ],
)
def test_malformed_enrollment_requests_are_400(body, field, liaison):
    response = token_client(liaison).post("/api/v1/enrollments/", body, format="json")

    assert response.status_code == 400
    assert field in response.json()
    assert Enrollment.objects.count() == 0


def test_unknown_or_unpublished_curriculum_is_400(liaison, officer):
    draft = factories.CurriculumFactory(status="draft")
    client = token_client(liaison)

    for curriculum_id in (draft.pk, draft.pk + 1000):
        response = client.post(
            "/api/v1/enrollments/",
            {"officer_ids": [officer.pk], "curriculum_id": curriculum_id},
            format="json",
        )
        assert response.status_code == 400
        assert set(response.json()) == {"curriculum_id"}
    assert Enrollment.objects.count() == 0


def test_past_due_date_is_400(liaison, officer, curriculum):
    response = token_client(liaison).post(
        "/api/v1/enrollments/",
        {
            "officer_ids": [officer.pk],
            "curriculum_id": curriculum.pk,
            "due_on": (factories.local_today() - dt.timedelta(days=1)).isoformat(),
        },
        format="json",
    )

    assert (response.status_code, set(response.json())) == (400, {"due_on"})
    assert Enrollment.objects.count() == 0


@pytest.mark.parametrize(("who", "status"), [("staff_user", 403), ("officer", 403)])
def test_only_liaisons_enroll(who, status, request, officer, curriculum):
    response = token_client(request.getfixturevalue(who)).post(
        "/api/v1/enrollments/",
        {"officer_ids": [officer.pk], "curriculum_id": curriculum.pk},
        format="json",
    )

    assert response.status_code == status
    assert Enrollment.objects.count() == 0


def test_anonymous_cannot_enroll(api_client, officer, curriculum):
    response = api_client.post(
        "/api/v1/enrollments/",
        {"officer_ids": [officer.pk], "curriculum_id": curriculum.pk},
        format="json",
    )

    assert response.status_code == 401
    assert Enrollment.objects.count() == 0


def test_enrollment_body_must_be_json(liaison, officer, curriculum):
    response = token_client(liaison).post(
        "/api/v1/enrollments/", {"officer_ids": officer.pk, "curriculum_id": curriculum.pk}
    )

    assert response.status_code == 415
    assert Enrollment.objects.count() == 0


# /stats/completions/ ---------------------------------------------------------------------------


def _completed(officer, department, curriculum, when):
    return _enroll(officer, department, curriculum, status="completed", completed_at=when)


def test_completions_per_week_and_month(liaison, department, other_department, curriculum):
    monday = dt.datetime(2026, 3, 2, 12, tzinfo=dt.UTC)
    _completed(factories.officer(department), department, curriculum, monday)
    _completed(factories.officer(department), department, curriculum, monday + dt.timedelta(days=2))
    _completed(factories.officer(department), department, curriculum, monday + dt.timedelta(days=7))
    _completed(factories.officer(other_department), other_department, curriculum, monday)
    client = token_client(liaison)

    weekly = client.get("/api/v1/stats/completions/?since=2026-03-01&until=2026-03-31").json()
    monthly = client.get(f"/api/v1/stats/completions/?interval=month&department={department.pk}")

    assert weekly == {
        "interval": "week",
        "series": [
            {"period_start": "2026-03-02", "completed": 2},
            {"period_start": "2026-03-09", "completed": 1},
        ],
    }
    assert monthly.json() == {
        "interval": "month",
        "series": [{"period_start": "2026-03-01", "completed": 3}],
    }


def test_completions_of_another_department_are_not_found(liaison, other_department):
    response = token_client(liaison).get(
        f"/api/v1/stats/completions/?department={other_department.pk}"
    )

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("interval=day", "interval"),
        ("since=2026-13-01", "since"),
        ("since=2026-03-10&until=2026-03-01", "until"),
        ("curriculum=abc", "curriculum"),
        ("interval=week&interval=month", "interval"),
    ],
)
def test_completions_refuse_bad_parameters(query, field, liaison):
    response = token_client(liaison).get(f"/api/v1/stats/completions/?{query}")

    assert (response.status_code, set(response.json())) == (400, {field})


@pytest.mark.parametrize("who", ["officer", "partner_user"])
def test_completions_are_for_liaisons_and_staff(who, request):
    client = token_client(request.getfixturevalue(who))

    assert client.get("/api/v1/stats/completions/").status_code == 403


# /certificates/{code}/ -------------------------------------------------------------------------


def test_anyone_verifies_a_certificate(api_client, officer, department, curriculum):
    enrollment = _enroll(
        officer, department, curriculum, status="completed", completed_at=timezone.now()
    )
    _certificate(enrollment)

    response = api_client.get("/api/v1/certificates/K3QZ-7W2M-PA4R-XT6B/")

    assert response.status_code == 200
    assert response.json() == {
        "code": "K3QZ-7W2M-PA4R-XT6B",
        "valid": True,
        "status": "valid",
        "expires_on": None,
        "holder_name": officer.display_name,
        "curriculum": "Officer course",
        "completed_on": factories.local_today().isoformat(),
        "credit_hours": 8.0,
    }


def test_a_certificate_code_may_be_typed_in_any_case(api_client, officer, department, curriculum):
    enrollment = _enroll(
        officer, department, curriculum, status="completed", completed_at=timezone.now()
    )
    _certificate(enrollment)

    response = api_client.get("/api/v1/certificates/k3qz7w2mpa4rxt6b/")

    assert (response.status_code, response.json()["code"]) == (200, "K3QZ-7W2M-PA4R-XT6B")


def test_a_revoked_certificate_is_not_valid(api_client, officer, department, curriculum):
    enrollment = _enroll(
        officer, department, curriculum, status="completed", completed_at=timezone.now()
    )
    _certificate(enrollment, revoked_at=timezone.now())

    body = api_client.get("/api/v1/certificates/K3QZ-7W2M-PA4R-XT6B/").json()

    assert (body["valid"], body["status"]) == (False, "revoked")


@pytest.mark.parametrize("code", ["NOPE-NOPE-NOPE-NOPE", "bad%00code", "a" * 40])
def test_an_unknown_certificate_is_not_found(code, api_client):
    response = api_client.get(f"/api/v1/certificates/{code}/")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})


def test_unknown_api_paths_answer_json_404(api_client):
    response = api_client.get("/api/v1/nothing/here/")

    assert (response.status_code, response.json()) == (404, {"detail": "Not found."})
