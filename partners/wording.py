"""How the partner pages, the PDF report and the CSV say what R-11 did: one wording for all.

docs/partners.md quotes `rule_statement` word for word.
"""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partners.disclosure import CHANGE, COMPLEMENTARY, SMALL_CELL

# Footnote marks, in the order of the legend.
MARKS = {SMALL_CELL: "a", COMPLEMENTARY: "b", CHANGE: "c"}


def rule_statement(k: int) -> str:
    return _(
        "Counts of 1 to %(top)s officers are never shown: a group that small is shown as "
        "“1–%(top)s” or “withheld”. Zero is shown. Any other figure is withheld when it would "  # noqa: RUF001 (the en dash the cells print)
        "let a withheld one be worked out from totals, other rows, another partner's figures "
        "or an earlier report, or when it changed by 1 to %(top)s since the last report."
    ) % {"top": k - 1}


def grouping_statement(bands: tuple[int, ...]) -> str:
    """How small departments are grouped, in the rule's own words ("1 to N officers")."""
    return _(
        "Departments with 1 to %(top)s officers on their roster are counted together, by state "
        "and size."
    ) % {"top": max(bands) - 1}


def means_statement(k: int) -> str:
    return _(
        "Learning gain compares each officer's first pre-test and first post-test; it is "
        "withheld when it rests on 1 to %(top)s such pairs, and a mean rating when it rests on "
        "1 to %(top)s ratings."
    ) % {"top": k - 1}


def reason_text(reason: str, k: int) -> str:
    texts = {
        SMALL_CELL: _("a group of 1 to %(top)s officers"),
        COMPLEMENTARY: _("would let a withheld figure be worked out by subtraction"),
        CHANGE: _("changed by 1 to %(top)s since the last report"),
    }
    return texts.get(reason, reason) % {"top": k - 1}


def legend(k: int) -> list[tuple[str, str]]:
    return [(mark, reason_text(reason, k)) for reason, mark in MARKS.items()]


def withheld_label() -> str:
    return _("withheld")


def _month(day) -> str:
    return date_format(day, "YEAR_MONTH_FORMAT")


def period_statement(*, change_since, period_end, k: int) -> str:
    """What the "in the period" figures are, or why a report has none."""
    if change_since is None:
        return _(
            "“In %(month)s” figures start with the next report: this report has no report of "
            "the month before over the same departments to be compared with."
        ) % {"month": _month(period_end)}
    return _(
        "“In %(month)s”: the change since the report for %(before)s, over the same "
        "departments: enrollments assigned in the month (less any withdrawn), enrollments "
        "completed in the month, officers reached for the first time; for modules, modules "
        "started and completed in the month. It follows from the two reports' figures, so a "
        "change of 1 to %(top)s is shown as that range, and “–” where the two reports do not "  # noqa: RUF001
        "tell it (a figure withheld in either). “To date”: cumulative since the program began."
    ) % {"month": _month(period_end), "before": _month(change_since), "top": k - 1}


def not_counted_statement(*, titles, period_end) -> str:
    """Which published curricula the report counts nothing of, and why."""
    if not titles:
        return _("Every published curriculum has enrollments counted in this report.")
    return _(
        "Not counted in this report: %(titles)s. No enrollment in them was assigned by "
        "%(end)s in the departments that share data with you (no data-sharing agreement "
        "leaves a curriculum out); enrollments assigned later count from the report of their "
        "month."
    ) % {"titles": "; ".join(titles), "end": date_format(period_end, "DATE_FORMAT")}


def rate_statement(*, period_end) -> str:
    """How the completion rate is computed, and why a liaison's dashboard shows another."""
    return _(
        "Completion rate: enrollments completed by %(end)s divided by the enrollments assigned "
        "by then and not withdrawn, every curriculum of the departments that share data with "
        "you, as each stood at the end of its own month. A liaison's dashboard divides its "
        "department's completed enrollments by all its current enrollments today, including "
        "those assigned since %(end)s, so the two rates differ."
    ) % {"end": date_format(period_end, "DATE_FORMAT")}


def report_notes(*, report) -> list[tuple[str, str]]:
    """The notes the dashboard, the PDF and the CSV print with a report's tables: (key, text)."""
    if report.not_counted is None:  # built before reports had them: only what holds for it
        return [
            ("in_period", _("This report was issued before reports gave the month's figures.")),
            ("completion_rate", rate_statement(period_end=report.period_end)),
        ]
    return [
        ("in_period", period_statement(
            change_since=report.change_since, period_end=report.period_end, k=report.min_cell
        )),
        ("not_counted", not_counted_statement(
            titles=report.not_counted, period_end=report.period_end
        )),
        ("completion_rate", rate_statement(period_end=report.period_end)),
    ]  # fmt: skip
