"""Template filters of the one clock (`repair.clock`): which zone a record's dates are in."""

from __future__ import annotations

from django import template

from repair import clock

register = template.Library()


@register.filter
def zone_label(department) -> str:
    """The zone of the department's calendar, e.g. "Eastern (America/New_York)"."""
    return clock.zone_label(department)
