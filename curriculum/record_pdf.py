"""The officer's training record as a PDF: the dict of `curriculum.selectors.record`, laid out
for paper, with the audit chain's head hash and how to check it.

A tagged PDF (PDF/UA-1, `repair/pdf.py`) from `curriculum/pdf/record.html`: headings per
enrollment, tables with header cells, the language and the title; the text is searchable, so
a reader, and the tests, find in it exactly the figures of the JSON record and of the
certificate.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.utils import translation
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from repair.pdf import template_pdf


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


def _table(head: list, rows: list[list], widths: list[float], text_column: int = 0) -> dict:
    """A table for the template: widths in inches on the page (7.3 in), as percentages."""
    total = sum(widths)
    return {
        "head": head,
        "rows": rows,
        "widths": [round(100 * w / total, 2) for w in widths],
        "text_column": text_column,
    }


def _enrollment_lines(e: dict) -> list[str]:
    lines = [
        _("Version %(n)s, content hash %(hash)s")
        % {"n": e["version"]["number"], "hash": e["version"]["content_hash"] or "—"},
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
    ]
    if e["certificate"]:
        c = e["certificate"]
        lines.append(
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
            }
        )
    for review in e["completion_reviews"]:
        lines.append(
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
            }
        )
    return lines


def _enrollment_tables(e: dict) -> list[dict]:
    tables = []
    if e["lessons"]:
        rows = [
            [x["module"], x["title"], _when(x["opened_at"]), _when(x["completed_at"]),
             _minutes(x["seconds_on_clock"])]
            for x in e["lessons"]
        ]  # fmt: skip
        head = [_("Module"), _("Lesson"), _("Opened"), _("Done"), _("Time on the clock")]
        tables.append(_table(head, rows, [0.7, 2.4, 1.45, 1.45, 1.0]))
    if e["attempts"]:
        rows = [
            [a["assessment"], a["number"], _when(a["submitted_at"]),
             "—" if a["score"] is None else f"{a['score']}%", _passed(a)]
            for a in e["attempts"]
        ]  # fmt: skip
        head = [_("Assessment"), _("Attempt"), _("Submitted"), _("Score"), _("Passed")]
        tables.append(_table(head, rows, [2.9, 0.6, 1.5, 0.6, 0.6]))
    if e["reflections"]:
        rows = []
        for r in e["reflections"]:
            text = r["prompt"]
            if "text" in r:
                text = f"{r['prompt']}\n\n{r['text']}"
                if r["feedback"]:
                    text += "\n\n" + _("Facilitator: %(feedback)s") % {"feedback": r["feedback"]}
            rows.append([r["module"], text, _when(r["submitted_at"]), _when(r["answered_at"])])
        head = [_("Module"), _("Reflection"), _("Submitted"), _("Answered")]
        tables.append(_table(head, rows, [0.7, 3.6, 1.35, 1.35], text_column=2))
    return tables


def _audit_context(audit: dict) -> dict:
    rows = [
        [e["id"], _when(e["occurred_at"]), e["action"], e["actor"] or "—", e["hash"]]
        for e in audit["events"]
    ]
    head = audit["chain_head"]
    verify = None
    if head:
        verify = {
            "heading": _("How to verify this record"),
            "lines": [
                _("Audit chain head when this PDF was made: event %(id)s, %(when)s, hash %(hash)s")
                % {
                    "id": head["event_id"],
                    "when": _when(head["occurred_at"]),
                    "hash": head["hash"],
                },
                audit["how_to_verify"],
            ],
        }
    return {
        "heading": _("Audit events about this record"),
        "table": _table(
            [_("Event"), _("When"), _("Action"), _("By"), _("Hash")],
            rows,
            [0.5, 1.3, 1.4, 1.5, 2.5],
        ),
        "verify": verify,
    }


def _membership_line(m: dict) -> str:
    return _("%(department)s: %(role)s, badge %(badge)s, %(rank)s, %(status)s") % {
        "department": m["department"],
        "role": m["role"],
        "badge": m["badge_number"] or "—",
        "rank": m["rank"] or "—",
        "status": m["status"],
    }


def officer_record_pdf(*, record: dict, made_for: str) -> bytes:
    """The record as a PDF; `made_for` says whose copy it is (the officer's, a liaison's)."""
    officer = record["officer"]
    total = sum(float(e["credit_hours"]) for e in record["enrollments"] if e["credit_hours"])
    context = {
        "lang": translation.get_language() or settings.LANGUAGE_CODE,
        "title": _("Training record of %(name)s") % {"name": officer["name"]},
        "heading": _("REPAIR training record"),
        "who": f"{officer['name']} <{officer['email']}>",
        "memberships": [_membership_line(m) for m in officer["memberships"]],
        "made": _("Made %(when)s for %(whom)s. Instants are in UTC; dates are the department's.")
        % {"when": _when(record["generated_at"]), "whom": made_for},
        "credit": _("Credit hours earned: %(hours)s") % {"hours": number_format(total, 1)},
        "enrollments": [
            {
                "title": e["curriculum"]["title"],
                "lines": _enrollment_lines(e),
                "tables": _enrollment_tables(e),
            }
            for e in record["enrollments"]
        ],
        "audit": _audit_context(record["audit"]),
    }
    return template_pdf("curriculum/pdf/record.html", context)
