from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib.auth.password_validation import validate_password
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, Invitation, User
from repair import clock
from repair.params import IdModelChoiceField

MAX_ROSTER_BYTES = 10 * 1024 * 1024


class DepartmentChoiceMixin:
    """A department field limited to the departments given by the view's selector."""

    def _setup_department(self, departments) -> None:
        field = self.fields["department"]
        field.queryset = departments
        if departments.count() == 1:
            field.initial = departments.first()
            field.widget = forms.HiddenInput()


class InviteOfficerForm(DepartmentChoiceMixin, forms.Form):
    department = IdModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    badge_number = forms.CharField(label=_("Badge number"), max_length=32, required=False)
    rank = forms.CharField(label=_("Rank"), max_length=64, required=False)
    curricula = forms.ModelMultipleChoiceField(
        label=_("Training to assign"),
        queryset=None,
        required=False,
        help_text=_("Enrolled when the officer accepts; they get one email listing it."),
    )
    due_on = forms.DateField(
        label=_("Due date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_department(departments)
        # By name: accounts does not import the curriculum app.
        curriculum = apps.get_model("curriculum", "Curriculum")
        self.fields["curricula"].queryset = curriculum.objects.filter(status="published").order_by(
            "title"
        )

    def clean(self):
        data = super().clean()
        department, due_on = data.get("department"), data.get("due_on")
        if department is not None and due_on is not None and due_on < clock.today(department):
            self.add_error("due_on", _("The due date cannot be in the past."))
        return data


class StaffInviteForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Invitation.Role.choices)
    email = forms.EmailField(label=_("Email address"))
    first_name = forms.CharField(label=_("First name"), max_length=150, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=150, required=False)
    department = IdModelChoiceField(
        queryset=Department.objects.all(), label=_("Department"), required=False
    )
    partner = IdModelChoiceField(queryset=None, label=_("Partner organization"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The organizations an invitation may name (partners' model, read through the field:
        # accounts imports no app above it).
        organization = Invitation._meta.get_field("partner").related_model
        self.fields["partner"].queryset = organization.objects.all()

    def clean(self):
        data = super().clean()
        role = data.get("role")
        if role in {Invitation.Role.OFFICER, Invitation.Role.LIAISON} and not data.get(
            "department"
        ):
            self.add_error("department", _("Choose the department."))
        if role == Invitation.Role.PARTNER and not data.get("partner"):
            self.add_error("partner", _("Choose the partner organization."))
        return data


class AcceptInvitationForm(forms.Form):
    first_name = forms.CharField(label=_("First name"), max_length=150)
    last_name = forms.CharField(label=_("Last name"), max_length=150)
    password1 = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters."),
    )
    password2 = forms.CharField(
        label=_("Password (again)"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, email: str, **kwargs):
        super().__init__(*args, **kwargs)
        self.email = email

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            probe = User(
                email=self.email,
                first_name=data.get("first_name", ""),
                last_name=data.get("last_name", ""),
            )
            try:
                validate_password(first, user=probe)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class RosterUploadForm(DepartmentChoiceMixin, forms.Form):
    department = IdModelChoiceField(queryset=Department.objects.none(), label=_("Department"))
    file = forms.FileField(
        label=_("Roster file (CSV)"),
        help_text=_(
            "Columns: email, first_name, last_name, badge_number, rank. "
            "UTF-8, separated by commas or semicolons."
        ),
    )

    def __init__(self, *args, departments, **kwargs):
        super().__init__(*args, **kwargs)
        self._setup_department(departments)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_ROSTER_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB."))
        return upload


class ApiTokenForm(forms.Form):
    DAYS = [("30", _("30 days")), ("90", _("90 days")), ("365", _("1 year")), ("", _("Never"))]

    name = forms.CharField(label=_("Name"), max_length=100)
    days = forms.ChoiceField(label=_("Expires after"), choices=DAYS, initial="90", required=False)

    def clean_days(self) -> int | None:
        value = self.cleaned_data.get("days")
        return int(value) if value else None
