"""Control characters: refused at every input, removed from every output that cannot hold them.

A control character (NUL, BEL, ESC, ...) has no place in a name, an email or a form field: it
breaks XLSX files (openpyxl refuses them), terminals and log lines, and PostgreSQL refuses NUL
outright. Tab, line feed and carriage return are text (multi-line answers) and stay.
`repair.middleware.ControlCharacterMiddleware` refuses them in every query parameter and form
field; the roster import refuses them per line; exports strip any that older data still holds.
"""

from __future__ import annotations

import re

CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def has_control_characters(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def strip_control_characters(text: str) -> str:
    return CONTROL_CHARACTERS.sub("", text)
