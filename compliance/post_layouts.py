"""State POST credit report layouts, as data.

Each layout says how one file is written: its columns (header -> field of a completion row),
its date format, its text encoding and delimiter, and the state it is for (None: any state).
The fields a column may name are `POST_FIELDS`. To add a state's layout, add an entry to
`POST_LAYOUTS` (docs/compliance.md, "Adding a state's layout"); nothing else changes: the
export page and its tests list every layout.

The named layouts follow the columns the state bodies' bulk training-roster uploads ask for;
check them against your state's current specification before the first submission.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# The fields of a completion row (compliance.post.post_completion_rows).
POST_FIELDS = (
    "state",
    "agency",
    "agency_ori",
    "post_id",
    "last_name",
    "first_name",
    "badge_number",
    "course_number",
    "course_category",
    "course_title",
    "credit_hours",
    "completed_on",
    "certificate_code",
)


@dataclass(frozen=True)
class PostLayout:
    key: str
    label: str
    state: str | None
    columns: tuple[tuple[str, str], ...]
    date_format: str = "%Y-%m-%d"
    encoding: str = "utf-8"
    delimiter: str = ","
    extension: str = "csv"

    def __post_init__(self) -> None:
        unknown = {name for _header, name in self.columns} - set(POST_FIELDS)
        if unknown:
            raise ValueError(f"Layout {self.key} names unknown fields: {sorted(unknown)}")


POST_LAYOUTS: dict[str, PostLayout] = {
    layout.key: layout
    for layout in (
        PostLayout(
            key="generic",
            label=_("Generic CSV (every field, ISO dates, UTF-8)"),
            state=None,
            columns=(
                ("State", "state"),
                ("Agency", "agency"),
                ("Agency ORI", "agency_ori"),
                ("POST ID", "post_id"),
                ("Last name", "last_name"),
                ("First name", "first_name"),
                ("Badge number", "badge_number"),
                ("Course number", "course_number"),
                ("Course category", "course_category"),
                ("Course title", "course_title"),
                ("Credit hours", "credit_hours"),
                ("Completion date", "completed_on"),
                ("Certificate code", "certificate_code"),
            ),
        ),
        PostLayout(
            key="tx-tcole",
            label=_("Texas TCOLE training roster (MM/DD/YYYY, Windows-1252)"),
            state="TX",
            columns=(
                ("PID", "post_id"),
                ("Last Name", "last_name"),
                ("First Name", "first_name"),
                ("Course Number", "course_number"),
                ("Course Title", "course_title"),
                ("Course Date", "completed_on"),
                ("Hours", "credit_hours"),
            ),
            date_format="%m/%d/%Y",
            encoding="cp1252",
        ),
        PostLayout(
            key="ca-post",
            label=_("California POST course roster (MM/DD/YYYY, UTF-8)"),
            state="CA",
            columns=(
                ("POST ID", "post_id"),
                ("Last Name", "last_name"),
                ("First Name", "first_name"),
                ("Course Control Number", "course_number"),
                ("Course Category", "course_category"),
                ("Course Title", "course_title"),
                ("Ending Date", "completed_on"),
                ("Hours", "credit_hours"),
                ("Agency ORI", "agency_ori"),
            ),
            date_format="%m/%d/%Y",
        ),
        PostLayout(
            key="ga-post",
            label=_("Georgia POST training hours (YYYYMMDD, pipe-delimited)"),
            state="GA",
            columns=(
                ("POST_ID", "post_id"),
                ("LAST_NAME", "last_name"),
                ("FIRST_NAME", "first_name"),
                ("COURSE_NUMBER", "course_number"),
                ("COURSE_CATEGORY", "course_category"),
                ("COMPLETION_DATE", "completed_on"),
                ("HOURS", "credit_hours"),
            ),
            date_format="%Y%m%d",
            delimiter="|",
            extension="txt",
        ),
    )
}


def layouts_for(state: str) -> list[PostLayout]:
    """The layouts usable for a state: the generic ones and the state's own."""
    return [layout for layout in POST_LAYOUTS.values() if layout.state in (None, state)]
