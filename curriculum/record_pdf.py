"""The officer's training record as a PDF: the dict of `curriculum.selectors.record`, laid out
for paper, with the audit chain's head hash and how to check it.

Text stays searchable (no compression), so a reader, and the tests, find in it exactly the
figures of the JSON record and of the certificate.
"""

from __future__ import annotations

import datetime as dt
import io
from xml.sax.saxutils import escape

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from reportlab.lib import colors
from reportlab.lib.pagesizes import LETTER
from reportlab.lib.styles import getSampleStyleSheet
from reportlab.lib.units import inch
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

GRID = TableStyle(
    [
        ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef5")),
        ("FONTSIZE", (0, 0), (-1, -1), 8),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]
)


def _p(text, style) -> Paragraph:
    return Paragraph(escape(str(text)), style)


def _passed(attempt: dict) -> str:
    """A pre-test is a baseline: it is not graded, so it neither passes nor fails."""
    if attempt["kind"] == "pre_test":
        return str(_("not graded"))
    return str(_("yes") if attempt["passed"] else _("no"))


def _when(value: str | None) -> str:
    """An ISO instant as written in the record (UTC, to the second): no zone is guessed."""
    if not value:
        return "—"
    instant = dt.datetime.fromisoformat(value).astimezone(dt.UTC)
    return instant.strftime("%Y-%m-%d %H:%M:%S UTC")


def _day(value: str | None) -> str:
    return value or "—"


def _minutes(seconds: int | None) -> str:
    if seconds is None:
        return _("not measured")
    return f"{seconds // 60} min {seconds % 60:02d} s"


def _table(rows: list[list], widths: list[float], cell) -> Table:
    data = [[_p(value, cell) for value in row] for row in rows]
    table = Table(data, colWidths=[w * inch for w in widths], repeatRows=1)
    table.setStyle(GRID)
    return table


def _enrollment_story(e: dict, styles) -> list:
    cell = styles["BodyText"].clone("cell", fontSize=8, leading=10)
    story = [
        Paragraph(escape(e["curriculum"]["title"]), styles["Heading2"]),
        _p(
            _("Version %(n)s, content hash %(hash)s")
            % {"n": e["version"]["number"], "hash": e["version"]["content_hash"] or "—"},
            styles["BodyText"],
        ),
        _p(
            _(
                "%(department)s. Status: %(status)s. Assigned %(assigned)s, due %(due)s, "
                "started %(started)s, completed on %(completed)s. Credit hours: %(hours)s."
            )
            % {
                "department": e["department"],
                "status": e["status"],
                "assigned": _when(e["assigned_at"]),
                "due": _day(e["due_on"]),
                "started": _when(e["started_at"]),
                "completed": _day(e["completed_on"]),
                "hours": e["credit_hours"] or "—",
            },
            styles["BodyText"],
        ),
    ]
    if e["certificate"]:
        c = e["certificate"]
        story.append(
            _p(
                _(
                    "Certificate %(code)s, completed on %(date)s, %(hours)s credit hours, "
                    "%(valid)s. Verify at %(url)s"
                )
                % {
                    "code": c["code"],
                    "date": c["completed_on"],
                    "hours": c["credit_hours"],
                    "valid": _("valid") if c["valid"] else _("revoked"),
                    "url": c["verify_url"],
                },
                styles["BodyText"],
            )
        )
    for review in e["completion_reviews"]:
        story.append(
            _p(
                _(
                    "Completion review: finished %(finished)s in %(taken)s min (estimate "
                    "%(expected)s min); %(status)s %(decided)s %(by)s %(note)s"
                )
                % {
                    "finished": _when(review["finished_at"]),
                    "taken": review["minutes_taken"],
                    "expected": review["minutes_expected"],
                    "status": review["status"],
                    "decided": _when(review["decided_at"]) if review["decided_at"] else "",
                    "by": review["decided_by"] or "",
                    "note": review["note"],
                },
                styles["BodyText"],
            )
        )
    if e["lessons"]:
        rows = [[_("Module"), _("Lesson"), _("Opened"), _("Done"), _("Time on the clock")]]
        rows += [
            [x["module"], x["title"], _when(x["opened_at"]), _when(x["completed_at"]),
             _minutes(x["seconds_on_clock"])]
            for x in e["lessons"]
        ]  # fmt: skip
        story += [Spacer(1, 4), _table(rows, [0.7, 2.4, 1.45, 1.45, 1.0], cell)]
    if e["attempts"]:
        rows = [[_("Assessment"), _("Attempt"), _("Submitted"), _("Score"), _("Passed")]]
        rows += [
            [a["assessment"], a["number"], _when(a["submitted_at"]),
             "—" if a["score"] is None else f"{a['score']}%", _passed(a)]
            for a in e["attempts"]
        ]  # fmt: skip
        story += [Spacer(1, 4), _table(rows, [2.9, 0.6, 1.5, 0.6, 0.6], cell)]
    if e["reflections"]:
        rows = [[_("Module"), _("Reflection"), _("Submitted"), _("Answered")]]
        for r in e["reflections"]:
            text = r["prompt"]
            if "text" in r:
                text = f"{r['prompt']}\n\n{r['text']}"
                if r["feedback"]:
                    text += "\n\n" + _("Facilitator: %(feedback)s") % {"feedback": r["feedback"]}
            rows.append([r["module"], text, _when(r["submitted_at"]), _when(r["answered_at"])])
        story += [Spacer(1, 4), _table(rows, [0.7, 3.6, 1.35, 1.35], cell)]
    return [*story, Spacer(1, 10)]


def _audit_story(audit: dict, styles) -> list:
    cell = styles["BodyText"].clone("cell", fontSize=7, leading=9)
    story = [Paragraph(escape(_("Audit events about this record")), styles["Heading2"])]
    rows = [[_("Event"), _("When"), _("Action"), _("By"), _("Hash")]]
    rows += [
        [e["id"], _when(e["occurred_at"]), e["action"], e["actor"] or "—", e["hash"]]
        for e in audit["events"]
    ]
    story.append(_table(rows, [0.5, 1.3, 1.4, 1.5, 2.5], cell))
    head = audit["chain_head"]
    if head:
        box = [
            Paragraph(escape(_("How to verify this record")), styles["Heading3"]),
            _p(
                _("Audit chain head when this PDF was made: event %(id)s, %(when)s, hash %(hash)s")
                % {
                    "id": head["event_id"],
                    "when": _when(head["occurred_at"]),
                    "hash": head["hash"],
                },
                styles["BodyText"],
            ),
            _p(audit["how_to_verify"], styles["BodyText"]),
        ]
        story += [Spacer(1, 8), KeepTogether(box)]
    return story


def officer_record_pdf(*, record: dict, made_for: str) -> bytes:
    """The record as a PDF; `made_for` says whose copy it is (the officer's, a liaison's)."""
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer,
        pagesize=LETTER,
        leftMargin=0.6 * inch,
        rightMargin=0.6 * inch,
        topMargin=0.6 * inch,
        bottomMargin=0.6 * inch,
        title=_("Training record of %(name)s") % {"name": record["officer"]["name"]},
        author="REPAIR",
        pageCompression=0,
        invariant=1,
    )
    styles = getSampleStyleSheet()
    officer = record["officer"]
    story = [
        Paragraph(escape(_("REPAIR training record")), styles["Title"]),
        _p(f"{officer['name']} <{officer['email']}>", styles["Heading3"]),
    ]
    for m in officer["memberships"]:
        story.append(
            _p(
                _("%(department)s: %(role)s, badge %(badge)s, %(rank)s, %(status)s")
                % {
                    "department": m["department"],
                    "role": m["role"],
                    "badge": m["badge_number"] or "—",
                    "rank": m["rank"] or "—",
                    "status": m["status"],
                },
                styles["BodyText"],
            )
        )
    story.append(
        _p(
            _("Made %(when)s for %(whom)s. Instants are in UTC; dates are the department's.")
            % {"when": _when(record["generated_at"]), "whom": made_for},
            styles["BodyText"],
        )
    )
    total = sum(float(e["credit_hours"]) for e in record["enrollments"] if e["credit_hours"])
    story.append(
        _p(
            _("Credit hours earned: %(hours)s") % {"hours": number_format(total, 1)},
            styles["BodyText"],
        )
    )
    story.append(Spacer(1, 8))
    for enrollment in record["enrollments"]:
        story += _enrollment_story(enrollment, styles)
    story += _audit_story(record["audit"], styles)
    document.build(story)
    return buffer.getvalue()
