"""The API's default pagination: page numbers, with a malformed `page` refused (400) rather than
silently read as page 1."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.pagination import PageNumberPagination

from repair.api_errors import single_query_value


class StrictPageNumberPagination(PageNumberPagination):
    def get_page_number(self, request, paginator):
        value = single_query_value(request, self.page_query_param)
        if value is None:
            return 1
        if not value.isascii() or not value.isdigit() or int(value) < 1:
            raise exceptions.ValidationError(
                {self.page_query_param: [_("A page number is a whole number from 1.")]}
            )
        return value

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"]["minimum"] = 1
        return parameters
