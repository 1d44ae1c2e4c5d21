"""The column headers of a data table (templates/partials/data_table.html).

A template names its columns where it shows them, translated there:
``{% columns _("Officer") _("Curriculum") _("Days overdue") num="3" as columns %}``.
"""

from __future__ import annotations

from collections.abc import Iterable

from django import template
from django.utils.functional import Promise

register = template.Library()


def _numeric(positions: str, count: int) -> set[int]:
    """1-based positions: "3", "3,4", or "3+" for the third column onwards."""
    found: set[int] = set()
    for part in filter(None, (p.strip() for p in str(positions).split(","))):
        if part.endswith("+"):
            found.update(range(int(part[:-1]), count + 1))
        else:
            found.add(int(part))
    return found


@register.simple_tag
def columns(*labels, num: str = "") -> list[dict]:
    """Each label a column; a list (or dict values) of labels stands for as many columns. An empty label (a
    column this viewer does not get, e.g. an unset variable) is left out. `num` marks the
    numeric columns (right-aligned), counted over the columns kept."""
    kept: list[str] = []
    for label in labels:
        single = isinstance(label, str | Promise) or not isinstance(label, Iterable)
        items = [label] if single else list(label)
        kept.extend(item for item in items if item not in (None, ""))
    numeric = _numeric(num, len(kept))
    return [{"label": label, "num": index in numeric} for index, label in enumerate(kept, 1)]
