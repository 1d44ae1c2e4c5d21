"""Template tags that print R-11 figures: a number, a range ("1-10") or "withheld (mark)"."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from partners.disclosure import NO_FIGURE
from partners.wording import MARKS, withheld_label

register = template.Library()


def _withheld(reason: str) -> str:
    return f"{withheld_label()} ({MARKS.get(reason, '?')})"


def _not_shown(row: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        if name in row.get("ranges", {}):
            low, high = row["ranges"][name]
            return f"{low}\N{EN DASH}{high}"
        if name in row.get("withheld", {}):
            return _withheld(row["withheld"][name])
    return None


@register.simple_tag
def figure(row: dict | None, name: str) -> str:
    if not row:
        return NO_FIGURE
    hidden = _not_shown(row, (name,))
    if hidden is not None:
        return hidden
    value = row.get(name)
    return NO_FIGURE if value is None else number_format(value, force_grouping=True)


@register.simple_tag
def change(row: dict | None, name: str) -> str:
    """A figure's change in the period: the number, a range ("1-10"), or NO_FIGURE."""
    value = (row or {}).get("in_period", {}).get(name)
    if value is None:
        return NO_FIGURE
    if isinstance(value, list):
        return f"{number_format(value[0])}\N{EN DASH}{number_format(value[1])}"
    return number_format(value, force_grouping=True)


@register.simple_tag
def rate(row: dict | None) -> str:
    if not row:
        return NO_FIGURE
    value = row.get("completion_rate")
    if value is None:
        hidden = _not_shown({"withheld": row.get("withheld", {})}, ("completed", "enrolled"))
        return hidden or NO_FIGURE
    return f"{value * 100:.0f}%"


@register.simple_tag
def mean(row: dict | None, name: str) -> str:
    if not row:
        return NO_FIGURE
    if row.get("withheld"):
        return _withheld(next(iter(row["withheld"].values())))
    value = row.get(name)
    return NO_FIGURE if value is None else number_format(value, decimal_pos=2)


@register.simple_tag
def trainers_valid(row: dict | None) -> str:
    """Trainers holding a valid certification (issued minus ended), or why it is not shown:
    never a range, since the difference of two ranges is not one of them."""
    if not row:
        return NO_FIGURE
    value = row.get("valid")
    if value is not None:
        return number_format(value, force_grouping=True)
    withheld = row.get("withheld", {})
    reason = withheld.get("completed") or withheld.get("enrolled")
    return _withheld(reason) if reason else NO_FIGURE
