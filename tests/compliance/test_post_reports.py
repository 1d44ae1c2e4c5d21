"""State POST credit reports: exactly the completions of a date range on the department's
calendar, with state IDs and course numbers, in every layout; audited and formula-safe."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from compliance.models import OfficerProfile, PostCourse
from compliance.post_layouts import POST_LAYOUTS, PostLayout
from compliance.services import officer_profile_update
from curriculum.services.certificates import certificate_issue, certificate_revoke
from tests import factories

pytestmark = pytest.mark.django_db

HONOLULU = "Pacific/Honolulu"


@pytest.fixture
def department():
    return factories.DepartmentFactory(
        name="Island PD", state="GA", timezone=HONOLULU, ori_code="GA0000001"
    )


@pytest.fixture
def liaison(department):
    return factories.liaison(department)


@pytest.fixture
def curriculum():
    course = factories.CurriculumFactory(title="Duty to Intervene")
    PostCourse.objects.create(
        curriculum=course, state="GA", course_number="GA-1234", category="Ethics"
    )
    PostCourse.objects.create(curriculum=course, state="TX", course_number="3939", category="")
    return course


def _completion(department, curriculum, at: dt.datetime, **user) -> object:
    officer = factories.officer(department, **user)
    membership = officer.memberships.get()
    OfficerProfile.objects.create(membership=membership, post_id=f"P{officer.pk:05d}")
    enrollment = factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum,
        status="completed", completed_at=at, progress=100,
    )  # fmt: skip
    return certificate_issue(enrollment=enrollment)


@pytest.fixture
def world(department, curriculum):
    """Completions around January 2027 in Honolulu (UTC-10)."""
    utc = dt.UTC
    return {
        # 09:00 UTC Jan 1 is Dec 31 in Honolulu: outside January there.
        "dec31": _completion(department, curriculum, dt.datetime(2027, 1, 1, 9, tzinfo=utc)),
        "jan1": _completion(department, curriculum, dt.datetime(2027, 1, 1, 11, tzinfo=utc),
                            first_name="José", last_name="Núñez"),
        # 05:00 UTC Feb 1 is Jan 31 in Honolulu: inside January there.
        "jan31": _completion(department, curriculum, dt.datetime(2027, 2, 1, 5, tzinfo=utc),
                             first_name="=HYPERLINK(1)", last_name="Evil"),
        "feb1": _completion(department, curriculum, dt.datetime(2027, 2, 1, 11, tzinfo=utc)),
    }  # fmt: skip


def _download(client, liaison, **params):
    client.force_login(liaison)
    query = {"state": "GA", "layout": "generic", "first": "2027-01-01", "last": "2027-01-31"}
    return client.get(reverse("compliance:post_report"), {**query, **params})


def _rows(response, layout: PostLayout) -> list[list[str]]:
    text = response.content.decode(layout.encoding)
    return list(csv.reader(io.StringIO(text), delimiter=layout.delimiter))


def test_the_generic_report_holds_exactly_the_completions_in_the_range(
    client, liaison, world, department
):
    response = _download(client, liaison)

    rows = _rows(response, POST_LAYOUTS["generic"])
    header, body = rows[0], rows[1:]
    assert header[:4] == ["State", "Agency", "Agency ORI", "POST ID"]
    codes = [row[header.index("Certificate code")] for row in body]
    assert codes == [world["jan1"].code, world["jan31"].code]
    jan1 = body[0]
    officer = world["jan1"].enrollment.officer
    assert jan1 == [
        "GA", "Island PD", "GA0000001", f"P{officer.pk:05d}", "Núñez", "José",
        officer.memberships.get().badge_number, "GA-1234", "Ethics", "Duty to Intervene",
        "8.0", "2027-01-01", world["jan1"].code,
    ]  # fmt: skip
    # Dates agree with the certificates; a formula is neutralised.
    assert body[1][header.index("Completion date")] == world["jan31"].completed_on.isoformat()
    assert body[1][header.index("First name")] == "'=HYPERLINK(1)"
    event = AuditEvent.objects.get(action="export.post_report")
    assert event.data == {
        "state": "GA", "layout": "generic", "first": "2027-01-01", "last": "2027-01-31", "rows": 2,
    }  # fmt: skip


def test_the_texas_layout_uses_its_course_numbers_dates_and_encoding(client, liaison, world):
    response = _download(client, liaison, state="TX", layout="tx-tcole")

    rows = _rows(response, POST_LAYOUTS["tx-tcole"])
    assert rows[0] == ["PID", "Last Name", "First Name", "Course Number", "Course Title",
                       "Course Date", "Hours"]  # fmt: skip
    assert [row[3] for row in rows[1:]] == ["3939", "3939"]
    assert rows[1][1:3] == ["Núñez", "José"]
    assert [row[5] for row in rows[1:]] == ["01/01/2027", "01/31/2027"]
    assert "Núñez".encode("cp1252") in response.content


def test_the_georgia_layout_is_pipe_delimited_with_compact_dates(client, liaison, world):
    response = _download(client, liaison, layout="ga-post")

    rows = _rows(response, POST_LAYOUTS["ga-post"])
    assert [(row[3], row[5], row[6]) for row in rows[1:]] == [
        ("GA-1234", "20270101", "8.0"),
        ("GA-1234", "20270131", "8.0"),
    ]
    assert response["Content-Disposition"].endswith('.txt"')


def test_every_layout_holds_the_same_completions(client, liaison, world):
    for key, layout in POST_LAYOUTS.items():
        state = layout.state or "GA"
        rows = _rows(_download(client, liaison, state=state, layout=key), layout)
        assert len(rows) == 3, key


def test_a_revoked_certificate_is_not_reported(client, liaison, world, staff_user):
    certificate_revoke(certificate=world["jan1"], acting_user=staff_user)

    rows = _rows(_download(client, liaison), POST_LAYOUTS["generic"])

    assert [row[-1] for row in rows[1:]] == [world["jan31"].code]


def test_a_state_layout_is_refused_for_another_state(client, liaison, world):
    response = _download(client, liaison, state="GA", layout="tx-tcole")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    assert not AuditEvent.objects.filter(action="export.post_report").exists()


def test_a_layout_naming_an_unknown_field_cannot_be_defined():
    with pytest.raises(ValueError):
        PostLayout(key="x", label="x", state=None, columns=(("A", "shoe_size"),))


def test_the_liaison_sets_the_post_id_and_supervisor(client, liaison, department):
    officer = factories.officer(department)
    membership = officer.memberships.get()
    client.force_login(liaison)

    client.post(
        reverse("compliance:officer_profile", args=[membership.pk]),
        {"post_id": " GA-778 ", "supervisor": liaison.pk},
    )

    profile = OfficerProfile.objects.get(membership=membership)
    assert (profile.post_id, profile.supervisor) == ("GA-778", liaison)
    assert AuditEvent.objects.get(action="officer_profile.update").data["to"] == {
        "post_id": "GA-778",
        "supervisor_id": liaison.pk,
    }


def test_a_supervisor_from_another_department_is_refused(department, other_department, liaison):
    from django.core.exceptions import ValidationError

    membership = factories.officer(department).memberships.get()
    with pytest.raises(ValidationError):
        officer_profile_update(
            membership=membership,
            post_id="",
            supervisor=factories.officer(other_department),
            acting_user=liaison,
        )
    assert not OfficerProfile.objects.exists()
