"""The PDF rendering of a partner report: the same ledger rows as the CSV, nothing more."""

from __future__ import annotations

import functools
import io
from xml.sax.saxutils import escape

from django.utils.formats import date_format
from django.utils.translation import gettext as _
from reportlab.graphics.shapes import Drawing, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import (
    PageBreak,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from partners.disclosure import NO_FIGURE, size_bands
from partners.tables import TRAINER_TABLES
from partners.wording import (
    MARKS,
    grouping_statement,
    legend,
    means_statement,
    report_notes,
    rule_statement,
    withheld_label,
)


def table_titles() -> dict[str, str]:
    return {
        "department": _("Completion by department"),
        "state": _("Completion by state"),
        "curriculum": _("Completion by curriculum"),
        "month": _("Completion by month of enrollment"),
        "quarter": _("Completion by quarter of enrollment"),
        "year": _("Completion by year of enrollment (the current year to date)"),
        "module": _("Modules started and completed"),
        "gain": _("Learning gain per curriculum (matched pre/post pairs)"),
        "rating": _("Module ratings (1 to 5)"),
        "trainer": _("Certified trainers by state"),
        "trainer_month": _("Trainers certified by month of certification"),
        "discussion": _("Cohort discussion: posts per module"),
    }


def figure_text(row, name: str, *, percent: bool = False) -> str:
    """A figure as printed: the number, the range "1-10", or "withheld (mark)"."""
    if name in row.ranges:
        low, high = row.ranges[name]
        return f"{low}\N{EN DASH}{high}"
    if name in row.withheld:
        return f"{withheld_label()} ({MARKS.get(row.withheld[name], '?')})"
    value = getattr(row, name)
    if value is None:
        return NO_FIGURE
    if percent:
        return f"{float(value) * 100:.1f}%"
    if isinstance(value, float):
        return f"{value:.2f}"
    return str(value)


def change_text(row, name: str) -> str:
    """A figure's change in the period as printed: the number, a range, or NO_FIGURE."""
    value = (row.in_period or {}).get(name)
    if value is None:
        return NO_FIGURE
    if isinstance(value, list):
        return f"{value[0]}\N{EN DASH}{value[1]}"
    return str(value)


def _count_line(row, label: str, period: bool = False) -> list[str]:
    line = [
        label,
        figure_text(row, "officers"),
        figure_text(row, "enrolled"),
        figure_text(row, "completed"),
        figure_text(row, "completion_rate", percent=True),
    ]
    if period:
        line += [change_text(row, name) for name in ("officers", "enrolled", "completed")]
    return line


def valid_text(row) -> str:
    """Trainers holding a valid certification: issued minus ended, when both are published."""
    from partners.selectors import trainers_valid

    value = trainers_valid(row)
    if value is not None:
        return str(value)
    reason = row.withheld.get("completed") or row.withheld.get("enrolled")
    if reason is None:
        return NO_FIGURE
    # Never the range of either figure: the difference of two ranges is not one of them.
    return f"{withheld_label()} ({MARKS.get(reason, '?')})"


def _trainer_line(row, label: str) -> list[str]:
    return [
        label,
        figure_text(row, "officers"),
        figure_text(row, "enrolled"),
        figure_text(row, "completed"),
        valid_text(row),
    ]


def _discussion_line(row, label: str) -> list[str]:
    return [label, *(figure_text(row, name) for name in ("officers", "enrolled", "completed"))]


def _mean_line(table: str, row, label: str) -> list[str]:
    names = (
        ("pairs", "mean_pre", "mean_post", "mean_gain", "normalised_gain")
        if table == "gain"
        else ("ratings", "mean_rating")
    )
    return [label, *(figure_text(row, name) for name in names)]


def period_headers(table: str, month: str) -> list[str]:
    """The "in the period" columns of a count table (after its to-date columns)."""
    if table == "module":
        names = (_("Officers who started"), _("Modules started"), _("Modules completed"))
    else:
        names = (_("Officers reached for the first time"), _("Enrollments"), _("Completed"))
    return [f"{name} ({month})" for name in names]


def headers(table: str) -> list[str]:
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
    if table in TRAINER_TABLES:
        return [
            _("State") if table == "trainer" else _("Month of certification"),
            _("Trainers certified"),
            _("Certifications"),
            _("Expired or revoked"),
            _("Valid at the end of the month"),
        ]
    if table == "discussion":
        return [_("Module"), _("Officers who posted"), _("Posts"), _("Replies")]
    if table == "module":
        return [
            _("Module"),
            _("Officers who started"),
            _("Modules started"),
            _("Modules completed"),
            _("Completed of started"),
        ]
    first = {
        "department": _("Department"),
        "state": _("State"),
        "curriculum": _("Curriculum"),
        "month": _("Month of enrollment"),
        "quarter": _("Quarter of enrollment"),
        "year": _("Year of enrollment"),
    }
    return [
        first[table],
        _("Officers reached"),
        _("Enrollments"),
        _("Completed"),
        _("Completion rate"),
    ]


def _paragraph(text: str, style) -> Paragraph:
    return Paragraph(escape(text), style)


def _intro(report, styles) -> list:
    body = styles["BodyText"]
    story = [
        _paragraph(
            _(
                "Figures as of %(end)s (cumulative to date, each department's month ending at "
                "midnight in its own time zone), for departments sharing data with the partner "
                "between %(start)s and %(end)s."
            )
            % {
                "start": date_format(report.period_start, "DATE_FORMAT"),
                "end": date_format(report.period_end, "DATE_FORMAT"),
            },
            body,
        ),
        _paragraph(rule_statement(report.min_cell), body),
        _paragraph("; ".join(f"({mark}) {text}" for mark, text in legend(report.min_cell)), body),
        _paragraph(grouping_statement(size_bands()), body),
        _paragraph(means_statement(report.min_cell), body),
        _paragraph(
            _("Generated %(when)s (UTC).")
            % {"when": date_format(report.generated_at, "DATETIME_FORMAT")},
            body,
        ),
    ]
    return story


SUMMARY_CHARTS = ("curriculum", "state", "quarter")
CHART_WIDTH, BAR_HEIGHT, LABEL_WIDTH = 6.8 * inch, 12, 2.6 * inch
BAR_COLOUR = colors.HexColor("#0b3d6b")


def _rate_chart(rows) -> Drawing:
    """Completion rate per row as horizontal bars, as on the dashboard; a withheld rate is
    written, never drawn."""
    from partners.selectors import row_label

    height = len(rows) * (BAR_HEIGHT + 6) + 4
    drawing = Drawing(CHART_WIDTH, height)
    track = CHART_WIDTH - LABEL_WIDTH - 0.6 * inch
    for index, row in enumerate(rows):
        y = height - (index + 1) * (BAR_HEIGHT + 6)
        drawing.add(String(0, y + 2, row_label(row)[:40], fontName="Helvetica", fontSize=8))
        rate = row.completion_rate
        text = figure_text(row, "completion_rate", percent=True)
        width = track * max(0.0, min(1.0, float(rate))) if rate is not None else 0
        if width:
            drawing.add(
                Rect(LABEL_WIDTH, y, width, BAR_HEIGHT, fillColor=BAR_COLOUR, strokeColor=None)
            )
        drawing.add(String(LABEL_WIDTH + width + 4, y + 2, text, fontName="Helvetica", fontSize=8))
    return drawing


def _key_figures(report, total) -> Table:
    """The key figures to date, and in the period when the report has a month before."""
    period = report.change_since is not None
    key = [
        [_("Departments reached"), str(total.departments)],
        [_("Officers reached"), figure_text(total, "officers")],
        [_("Enrollments"), figure_text(total, "enrolled")],
        [_("Completed"), figure_text(total, "completed")],
        [_("Completion rate"), figure_text(total, "completion_rate", percent=True)],
    ]
    if period:
        changes = ["", change_text(total, "officers"), change_text(total, "enrolled")]
        changes += [change_text(total, "completed"), ""]
        key = [[line[0], line[1], change] for line, change in zip(key, changes, strict=True)]
        month = date_format(report.period_end, "YEAR_MONTH_FORMAT")
        key.insert(0, ["", _("To date"), _("In %(month)s") % {"month": month}])
    widths = [2.4 * inch, 1.4 * inch] + ([1.6 * inch] if period else [])
    grid = Table(key, hAlign="LEFT", colWidths=widths)
    grid.setStyle(
        TableStyle(
            [
                ("FONTNAME", (1, 1 if period else 0), (-1, -1), "Helvetica-Bold"),
                ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#c9d0d8")),
            ]
        )
    )
    return grid


def _summary(report, rows, tables, styles) -> list:
    """Page one: the period, the key figures, the dashboard's charts, the rule and the method."""
    body = styles["BodyText"]
    total = next((row for row in rows if row.table == "total"), None)
    story = [
        _paragraph(
            _("REPAIR partner report: %(name)s") % {"name": report.partner.name}, styles["Title"]
        ),
        _paragraph(
            _(
                "Period: %(start)s to %(end)s. “To date” figures are cumulative to the end of "
                "the period; “in the period” figures are the month's change."
            )
            % {
                "start": date_format(report.period_start, "DATE_FORMAT"),
                "end": date_format(report.period_end, "DATE_FORMAT"),
            },
            body,
        ),
    ]
    if total is not None:
        story += [Spacer(1, 4), _key_figures(report, total)]
    titles = table_titles()
    for name in SUMMARY_CHARTS:
        chart_rows = list(tables[name]["rows"])[:6]
        if chart_rows:
            story += [_paragraph(titles[name], styles["Heading4"]), _rate_chart(chart_rows)]
    story += [
        Spacer(1, 4),
        *(_paragraph(text, body) for _key, text in report_notes(report=report)),
        _paragraph(rule_statement(report.min_cell), body),
        _paragraph(
            _(
                "Method: every figure comes from fixed aggregate tables built on the server when "
                "the period closed, each department's month ending at midnight in its own time "
                "zone; the tables and the CSV that follow hold every figure."
            ),
            body,
        ),
        PageBreak(),
    ]
    return story


LINES = dict.fromkeys(TRAINER_TABLES, _trainer_line) | {"discussion": _discussion_line}
LATER_TABLES = tuple(LINES)


def report_pdf(*, report, rows) -> bytes:
    from partners.selectors import report_tables, row_label

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
    story = _summary(report, rows, report_tables(rows=rows), styles) + _intro(report, styles)
    reached = next((row.departments for row in rows if row.table == "total"), None)
    if reached is not None:
        story.append(_paragraph(_("Departments reached: %(n)s.") % {"n": reached}, cell_style))
    titles = table_titles()
    period = report.change_since is not None
    month = date_format(report.period_end, "YEAR_MONTH_FORMAT")
    for name, table in report_tables(rows=rows).items():
        if name in LATER_TABLES and table["total"] is None:
            continue  # a report from before these were counted: printed as it was
        story += [Spacer(1, 0.2 * inch), _paragraph(titles[name], styles["Heading2"])]
        if not table["rows"]:
            story.append(_paragraph(_("No data for this period."), cell_style))
            continue
        if name in ("gain", "rating"):
            body = [_mean_line(name, row, row_label(row)) for row in table["rows"]]
        else:
            line = LINES.get(name)
            if line is None:  # the tables that give the month's change next to "to date"
                line = functools.partial(_count_line, period=period)
            body = [line(row, row_label(row)) for row in table["rows"]]
            if table["total"] is not None:
                body.append(line(table["total"], _("Total")))
        head = headers(name)
        if period and name not in ("gain", "rating") and name not in LINES:
            head += period_headers(name, month)
        data = [head] + [[_paragraph(str(v), cell_style) for v in line] for line in body]
        grid = Table(data, repeatRows=1, hAlign="LEFT")
        grid.setStyle(
            TableStyle(
                [
                    ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#f4f6f8")),
                    ("GRID", (0, 0), (-1, -1), 0.5, colors.HexColor("#c9d0d8")),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(grid)
    document.build(story)
    return buffer.getvalue()
