"""Department exports: roster progress (CSV, XLSX), state transcript (CSV), scope and audit."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from accounts.models import AuditEvent, Membership
from curriculum.exports import csv_lines, safe_cell, xlsx_bytes
from curriculum.models import Certificate
from tests import factories

pytestmark = pytest.mark.django_db


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.fixture
def world(department, other_department):
    department.ori_code = "GA0000001"
    department.timezone = "America/New_York"
    department.save()
    course = factories.CurriculumFactory(title="Officer course", credit_hours="8.0")
    ada = factories.officer(department, first_name="Ada", last_name="Byron")
    evil = factories.officer(department, first_name='=HYPERLINK("x")', last_name="+Eve")
    Membership.objects.filter(user=ada).update(badge_number="1234")
    completed_at = dt.datetime(2026, 3, 2, 2, 30, tzinfo=dt.UTC)  # March 1 in Atlanta
    done = factories.EnrollmentFactory(
        officer=ada,
        department=department,
        curriculum=course,
        status="completed",
        completed_at=completed_at,
        progress=100,
    )
    Certificate.objects.create(
        enrollment=done,
        code="ABCD1234",
        holder_name="Ada Byron",
        curriculum_title=course.title,
        credit_hours=course.credit_hours,
        completed_on=dt.date(2026, 3, 1),
    )
    factories.EnrollmentFactory(officer=evil, department=department, curriculum=course)
    foreign = factories.officer(other_department, first_name="Zed", last_name="Foreign")
    factories.EnrollmentFactory(
        officer=foreign,
        department=other_department,
        curriculum=course,
        status="completed",
        completed_at=completed_at,
    )
    return {"course": course, "ada": ada, "evil": evil}


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Ada", "Ada"),
        (5, 5),
        (None, None),
    ],
)
def test_safe_cell_neutralises_formulas(value, expected):
    assert safe_cell(value) == expected


def test_roster_csv_lists_own_department_only_neutralised_and_audited(client, liaison, world):
    client.force_login(liaison)

    response = client.get(reverse("department:export_roster_csv"))

    rows = _csv(response)
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment;" in response["Content-Disposition"]
    assert rows[0][:4] == ["Last name", "First name", "Email", "Badge number"]
    assert [row[:2] for row in rows[1:]] == [["'+Eve", '\'=HYPERLINK("x")'], ["Byron", "Ada"]]
    ada = rows[2]
    assert ada[3:8] == ["1234", "active", "Officer course", "Completed", "100"]
    assert ada[10] == "2026-03-01"
    assert "Foreign" not in "".join(",".join(row) for row in rows)
    event = AuditEvent.objects.get(action="export.roster")
    assert (event.actor, event.department_id, event.data) == (
        liaison,
        world["ada"].memberships.get().department_id,
        {"format": "csv", "filters": {}},
    )


def test_roster_csv_follows_the_roster_filter(client, liaison, world):
    client.force_login(liaison)

    response = client.get(reverse("department:export_roster_csv"), {"q": "byron"})

    assert [row[0] for row in _csv(response)[1:]] == ["Byron"]


def test_roster_xlsx_has_typed_cells_and_no_formulas(client, liaison, world):
    client.force_login(liaison)

    response = client.get(reverse("department:export_roster_xlsx"))

    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[1][:2] == ("'+Eve", '\'=HYPERLINK("x")')
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)
    assert rows[2][7] == 100
    assert rows[2][10].date() == dt.date(2026, 3, 1)
    assert len(rows) == 3
    assert AuditEvent.objects.get(action="export.roster").data["format"] == "xlsx"


def test_transcript_lists_completions_for_state_records(client, liaison, world):
    client.force_login(liaison)

    response = client.get(reverse("department:export_transcript"))

    assert _csv(response) == [
        [
            "Last name",
            "First name",
            "Badge number",
            "Agency",
            "Agency ORI",
            "Course title",
            "Credit hours",
            "Completion date",
            "Certificate code",
            "Time zone",
            "Live session hours",
        ],
        [
            "Byron",
            "Ada",
            "1234",
            "Demo City Police Department",
            "GA0000001",
            "Officer course",
            "8.0",
            "2026-03-01",
            "ABCD1234",
            "America/New_York",
            "0.0",
        ],
    ]
    assert AuditEvent.objects.filter(action="export.transcript").count() == 1


def test_other_liaison_cannot_export_this_department(client, other_liaison, department, world):
    client.force_login(other_liaison)
    query = {"department": department.pk}

    statuses = [
        client.get(reverse(name), query).status_code
        for name in (
            "department:export_roster_csv",
            "department:export_roster_xlsx",
            "department:export_transcript",
        )
    ]
    own = _csv(client.get(reverse("department:export_roster_csv")))

    assert statuses == [404, 404, 404]
    assert [row[0] for row in own[1:]] == ["Foreign"]
    assert not AuditEvent.objects.filter(
        action__startswith="export.", department=department
    ).exists()


def test_csv_lines_and_xlsx_helpers_stream_rows():
    lines = list(csv_lines(header=["a", "b"], rows=iter([["-x", dt.date(2026, 1, 2)]])))
    workbook = load_workbook(io.BytesIO(xlsx_bytes(header=["a"], rows=iter([["@x"]]), title="T")))

    assert lines == ["a,b\r\n", "'-x,2026-01-02\r\n"]
    assert workbook.active["A2"].value == "'@x"
