from __future__ import annotations

import base64
import binascii
from urllib import parse

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import Cursor, CursorPagination

from repair.params import parse_id

_CURSOR_KEYS = {"o", "r", "p"}


def _cursor_parse(encoded: str, *, offset_cutoff: int) -> Cursor | None:
    """The cursor DRF encoded (`o`, `r`, `p` in base64), None for anything else."""
    try:
        text = base64.b64decode(encoded.encode("ascii"), validate=True).decode("ascii")
        tokens = parse.parse_qs(text, keep_blank_values=True, strict_parsing=True)
    except (ValueError, binascii.Error, UnicodeError):
        return None
    if not tokens or set(tokens) - _CURSOR_KEYS or any(len(v) != 1 for v in tokens.values()):
        return None
    offset = tokens.get("o", ["0"])[0]
    reverse = tokens.get("r", ["0"])[0]
    position = tokens.get("p", [None])[0]
    if not (offset == "0" or parse_id(offset)) or int(offset) > offset_cutoff:
        return None
    if reverse not in {"0", "1"} or (position is not None and parse_id(position) is None):
        return None
    return Cursor(offset=int(offset), reverse=reverse == "1", position=position)


class _StrictCursorPagination(CursorPagination):
    """DRF's cursor pagination, refusing anything but a cursor it made (400): a repeated or
    empty `cursor`, one that is not strict base64 (DRF reads `!!!` as the first page), or one
    whose position is not an id (DRF sends `p=abc` to the database: a 500)."""

    page_size = 50

    def decode_cursor(self, request):
        values = request.query_params.getlist(self.cursor_query_param)
        if len(values) > 1 or (values and not values[0]):
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("Give this parameter once, with a value.")]}
            )
        if not values:
            return None
        cursor = _cursor_parse(values[0], offset_cutoff=self.offset_cutoff)
        if cursor is None:
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("This cursor is not one the API gave.")]}
            )
        return cursor

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.cursor_query_param:
                parameter["schema"]["minLength"] = 1
        return parameters


class EnrollmentCursorPagination(_StrictCursorPagination):
    """Newest assignment first; stable under inserts, no count query."""

    ordering = "-id"


class RosterCursorPagination(_StrictCursorPagination):
    ordering = "user_id"
