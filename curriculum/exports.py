"""The department's files: roster progress (CSV, XLSX) and a state-style transcript (CSV).

Rows are read with `.iterator()` and written as they come, so a large department never sits in
memory as model instances. Every text cell is neutralised against spreadsheet formula injection:
a value a spreadsheet would run (starting with = + - @, tab or carriage return) gets a leading
apostrophe, the convention spreadsheets read as "this is text".
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from openpyxl import Workbook

from accounts.models import Department
from curriculum.content import minutes_to_hours
from curriculum.models import Enrollment
from repair import clock
from repair.text import strip_control_characters

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
CHUNK_SIZE = 1000
# Column names of the transcript stay fixed (not translated): records systems import them.
TRANSCRIPT_HEADER = [
    "Last name",
    "First name",
    "Badge number",
    "Agency",
    "Agency ORI",
    "Course title",
    "Credit hours",
    "Completion date",
    "Certificate code",
    "Time zone",  # of the completion date: the agency's
    "Live session hours",  # attended facilitated sessions, part of "Credit hours" when awarded
]


def safe_cell(value):
    """No formula injection, and no control character (an XLSX cannot hold one: openpyxl
    raises on it) from data stored before inputs refused them."""
    if not isinstance(value, str):
        return value
    value = strip_control_characters(value)
    if value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def roster_header() -> list[str]:
    return [
        _("Last name"),
        _("First name"),
        _("Email"),
        _("Badge number"),
        _("Roster status"),
        _("Curriculum"),
        _("Status"),
        _("Progress (%)"),
        _("Assigned on"),
        _("Due on"),
        _("Completed on"),
        _("Overdue"),
        _("Withdrawn on"),
    ]


def roster_rows(*, enrollments: QuerySet[Enrollment], department: Department) -> Iterator[list]:
    today = clock.today(department)
    yes, no = _("yes"), _("no")
    for row in enrollments.iterator(chunk_size=CHUNK_SIZE):
        yield [
            row.officer.last_name,
            row.officer.first_name,
            row.officer.email,
            row.badge_number or "",
            row.membership_status or "",
            row.curriculum.title,
            row.get_status_display(),
            row.progress,
            clock.local_date(row.assigned_at, department),
            row.due_on,
            clock.local_date(row.completed_at, department),
            yes if row.overdue_on(today) else no,
            clock.local_date(row.withdrawn_at, department),
        ]


def transcript_rows(*, enrollments: QuerySet[Enrollment], department: Department) -> Iterator[list]:
    zone = str(clock.zone(department))
    for row in enrollments.iterator(chunk_size=CHUNK_SIZE):
        yield [
            row.officer.last_name,
            row.officer.first_name,
            row.badge_number or "",
            department.name,
            department.ori_code,
            row.curriculum.title,
            row.curriculum.credit_hours,
            clock.local_date(row.completed_at, department),
            row.certificate_code or "",
            zone,
            minutes_to_hours(row.session_minutes),
        ]


def _csv_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return format(value, "f")
    return str(safe_cell(value))


class _Line:
    """A file-like object that hands back what the csv writer writes."""

    def write(self, value: str) -> str:
        return value


def csv_lines(*, header: list[str], rows: Iterable[list], bom: bool = False) -> Iterator[str]:
    """CSV text, one line at a time, for a StreamingHttpResponse."""
    writer = csv.writer(_Line())
    if bom:
        # Spreadsheets read UTF-8 (accented names) only with the byte-order mark.
        yield "\ufeff"
    yield writer.writerow([_csv_value(cell) for cell in header])
    for row in rows:
        yield writer.writerow([_csv_value(cell) for cell in row])


def xlsx_bytes(*, header: list[str], rows: Iterable[list], title: str) -> bytes:
    """An XLSX workbook built in write-only mode (rows are streamed to a temporary file)."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title[:31])
    sheet.append([safe_cell(cell) for cell in header])
    for row in rows:
        sheet.append([safe_cell(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
