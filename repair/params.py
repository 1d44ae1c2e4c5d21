"""Strict parsing of ids and other parameters taken from URLs, query strings and forms.

Python's `int()` and `str.isdigit()` accept any Unicode digit (full-width, Arabic-Indic) and
`isdigit()` even superscripts that `int()` then refuses; a database key is written in ASCII
digits only. Every place that turns a parameter into an id goes through `parse_id`, so a
malformed value is refused (400 in the API, 404 on pages) instead of being read as another id
or raising.
"""

from __future__ import annotations

import re

from django import forms

MAX_ID = 2**63 - 1
_ID = re.compile(r"[1-9][0-9]{0,18}")


def parse_id(value: object) -> int | None:
    """The id written in `value` (an int, or a string of ASCII digits), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1 <= value <= MAX_ID else None
    if not isinstance(value, str) or not _ID.fullmatch(value):
        return None
    number = int(value)
    return number if number <= MAX_ID else None


def strict_id(value: object) -> int:
    """`parse_id` for a form field's `coerce`: ValueError for anything that is not an id."""
    number = parse_id(value)
    if number is None:
        raise ValueError(value)
    return number


class IdModelChoiceField(forms.ModelChoiceField):
    """A model choice by id in ASCII digits (Django's own reads a full-width "1" as id 1)."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(str(value)) is None:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            )
        return super().to_python(value)
