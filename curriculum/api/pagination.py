from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import CursorPagination


class _StrictCursorPagination(CursorPagination):
    """DRF's cursor pagination, refusing a repeated or empty `cursor` (400) instead of reading
    it as the first page; a cursor that does not decode stays a 404, as in DRF."""

    page_size = 50

    def decode_cursor(self, request):
        values = request.query_params.getlist(self.cursor_query_param)
        if len(values) > 1 or (values and not values[0]):
            raise exceptions.ValidationError(
                {self.cursor_query_param: [_("Give this parameter once, with a value.")]}
            )
        return super().decode_cursor(request)

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
