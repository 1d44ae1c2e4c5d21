"""How the partner pages, the PDF report and the CSV say what R-11 did: one wording for all.

docs/partners.md quotes `rule_statement` word for word.
"""

from __future__ import annotations

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
