"""The PDF rendering of a partner report: the same published rows as the CSV, nothing more."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from partners.disclosure import NO_FIGURE, min_cell
from partners.selectors import MEAN_TABLES, Snapshot, snapshot_csv_rows


def withheld_text() -> str:
    return f"<{min_cell()}"


def table_titles() -> dict[str, str]:
    return {
        "department": _("Completion by department"),
        "state": _("Completion by state"),
        "curriculum": _("Completion by curriculum"),
        "month": _("Completion by month of enrollment"),
        "module": _("Modules started and completed"),
        "gain": _("Learning gain per curriculum (matched pre/post pairs)"),
        "rating": _("Module ratings (1 to 5)"),
    }


def _figure(value, *, percent: bool = False) -> str:
    if value is None:
        return NO_FIGURE
    if percent:
        return f"{float(value) * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def _count_row(row: dict) -> list[str]:
    if row["suppressed"]:
        return [row["label"], withheld_text(), withheld_text(), withheld_text(), NO_FIGURE]
    return [
        row["label"],
        _figure(row["officers"]),
        _figure(row["enrolled"]),
        _figure(row["completed"]),
        _figure(row["completion_rate"], percent=True),
    ]


def _mean_row(table: str, row: dict) -> list[str]:
    names = (
        ("pairs", "mean_pre", "mean_post", "mean_gain", "normalised_gain")
        if table == "gain"
        else ("ratings", "mean_rating")
    )
    if row["suppressed"]:
        return [row["label"], *([withheld_text()] + [NO_FIGURE] * (len(names) - 1))]
    return [row["label"], *(_figure(row.get(name)) for name in names)]


def _headers(table: str) -> list[str]:
    if table == "gain":
        return [
            _("Curriculum"),
            _("Pairs"),
            _("Mean pre-test"),
            _("Mean post-test"),
            _("Mean gain"),
            _("Normalised gain"),
        ]
    if table == "rating":
        return [_("Module"), _("Ratings"), _("Mean rating")]
    if table == "module":
        return [
            _("Module"),
            _("Officers who started"),
            _("Started"),
            _("Completed"),
            _("Completion rate"),
        ]
    first = {"department": _("Department"), "state": _("State"), "curriculum": _("Curriculum")}
    group = first.get(table, _("Month of enrollment"))
    return [group, _("Officers reached"), _("Enrollments"), _("Completed"), _("Completion rate")]


def _grouped_rows(snapshot: Snapshot) -> dict[str, list[dict]]:
    grouped: dict[str, list[dict]] = {}
    for row in snapshot_csv_rows(snapshot=snapshot):
        grouped.setdefault(row["table"], []).append(row)
    return grouped


def snapshot_pdf(*, snapshot: Snapshot, partner_name: str) -> bytes:
    styles = getSampleStyleSheet()
    cell_style = styles["BodyText"]
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        title=_("REPAIR partner report"),
        author="REPAIR",
        leftMargin=0.6 * inch,
        rightMargin=0.6 * inch,
        pageCompression=0,
        invariant=1,
    )
    story = [
        Paragraph(
            escape(_("REPAIR partner report: %(name)s") % {"name": partner_name}), styles["Title"]
        ),
        Paragraph(
            escape(
                _(
                    "Figures as of %(end)s (cumulative to date), for departments sharing data with the partner between %(start)s and %(end)s."
                )
                % {
                    "start": date_format(snapshot.period_start, "DATE_FORMAT"),
                    "end": date_format(snapshot.period_end, "DATE_FORMAT"),
                }
            ),
            styles["BodyText"],
        ),
        Paragraph(
            escape(
                _(
                    'Counts of 1 to %(top)s officers are shown as "<%(k)s"; so are figures that would let one be worked out from others or from earlier reports. Departments reached: %(reached)s.'
                )
                % {
                    "top": snapshot.min_cell - 1,
                    "k": snapshot.min_cell,
                    "reached": snapshot.departments_reached,
                }
            ),
            styles["BodyText"],
        ),
    ]
    if snapshot.generated_at is not None:
        generated = date_format(snapshot.generated_at, "DATETIME_FORMAT")
        story.append(
            Paragraph(
                escape(_("Generated %(when)s (UTC).") % {"when": generated}), styles["BodyText"]
            )
        )
    titles = table_titles()
    grouped = _grouped_rows(snapshot)
    for name, title in titles.items():
        rows = grouped.get(name, [])
        story += [Spacer(1, 0.2 * inch), Paragraph(escape(title), styles["Heading2"])]
        if not rows:
            story.append(Paragraph(escape(_("No data for this period.")), cell_style))
            continue
        body = [_mean_row(name, row) if name in MEAN_TABLES else _count_row(row) for row in rows]
        data = [_headers(name)] + [
            [Paragraph(escape(str(value)), cell_style) for value in line] for line in body
        ]
        table = Table(data, repeatRows=1, hAlign="LEFT")
        table.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f4f6f8")),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#c9d0d8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
    document.build(story)
    return buffer.getvalue()
