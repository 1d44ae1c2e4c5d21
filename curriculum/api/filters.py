from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from curriculum.models import Enrollment
from curriculum.selectors.enrollments import overdue_q
from repair.params import MAX_ID, parse_id


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class _IdFormField(forms.IntegerField):
    """ASCII digits only: Django's own field reads full-width digits as the number."""

    def to_python(self, value):
        if value not in self.empty_values and parse_id(str(value).strip()) is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(django_filters.Filter):
    """An id: a whole number in the range of database keys, anything else is a 400."""

    field_class = _IdFormField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(*args, **kwargs)


class EnrollmentFilter(django_filters.FilterSet):
    department = IdFilter(field_name="department_id", help_text=_("Department id."))
    curriculum = IdFilter(field_name="curriculum_id", help_text=_("Curriculum id."))
    status = django_filters.ChoiceFilter(choices=Enrollment.Status.choices)
    overdue = django_filters.ChoiceFilter(
        choices=[("true", "true"), ("false", "false")],
        method="filter_overdue",
        help_text=_("`true`: only overdue enrollments; `false`: only those not overdue."),
    )

    class Meta:
        model = Enrollment
        fields = ["department", "curriculum", "status", "overdue"]

    def filter_overdue(self, queryset, name, value):
        if value == "true":
            return queryset.filter(overdue_q())
        return queryset.exclude(overdue_q())
