"""Template tags that print R-11 figures: a withheld figure is always "<k", never a number."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

from partners.disclosure import NO_FIGURE, min_cell

register = template.Library()


def _withheld() -> str:
    return f"<{min_cell()}"


@register.simple_tag
def figure(row: dict | None, name: str) -> str:
    if not row:
        return NO_FIGURE
    if row.get("suppressed"):
        return _withheld()
    value = row.get(name)
    return NO_FIGURE if value is None else number_format(value, force_grouping=True)


@register.simple_tag
def rate(row: dict | None) -> str:
    if not row:
        return NO_FIGURE
    if row.get("suppressed"):
        return _withheld()
    value = row.get("completion_rate")
    return NO_FIGURE if value is None else f"{value * 100:.0f}%"


@register.simple_tag
def mean(row: dict | None, name: str) -> str:
    if not row or row.get("suppressed"):
        return NO_FIGURE
    value = row.get(name)
    return NO_FIGURE if value is None else number_format(value, decimal_pos=2)
