"""Cohorts run by departments: the liaison's list and creation form (/department/cohorts/),
and seats and the waiting list on the cohort page."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accounts.models import Membership, User
from curriculum.models import Curriculum
from curriculum.selectors.cohorts import department_cohort_figures
from curriculum.selectors.department import department_for_request
from curriculum.selectors.facilitation import trainer_current_list
from curriculum.selectors.sessions import managed_cohort_get
from curriculum.services.cohorts import (
    cohort_create,
    cohort_member_add,
    cohort_waitlist_promote,
    department_may_run_cohorts,
)


class CohortForm(forms.Form):
    curriculum = forms.ModelChoiceField(
        label=gettext_lazy("Course"), queryset=Curriculum.objects.none()
    )
    name = forms.CharField(label=gettext_lazy("Name"), max_length=200)
    starts_on = forms.DateField(
        label=gettext_lazy("Starts on"), widget=forms.DateInput(attrs={"type": "date"})
    )
    release_interval_days = forms.IntegerField(
        label=gettext_lazy("Days between module releases"), min_value=0, max_value=60, initial=7
    )
    capacity = forms.IntegerField(
        label=gettext_lazy("Capacity"), min_value=1, max_value=500, initial=75
    )
    facilitator = forms.ModelChoiceField(
        label=gettext_lazy("Facilitator"), queryset=User.objects.none(), required=False
    )

    def __init__(self, *args, department, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["curriculum"].queryset = Curriculum.objects.filter(
            is_paced=True, status=Curriculum.Status.PUBLISHED
        )
        trainers = trainer_current_list().filter(department=department).values("user_id")
        self.fields["facilitator"].queryset = User.objects.filter(
            Q(is_facilitator=True) | Q(pk__in=trainers), is_active=True
        )
        self.fields["facilitator"].label_from_instance = lambda user: user.display_name


@login_required
@require_http_methods(["GET", "POST"])
def cohort_list(request):
    department = department_for_request(
        user=request.user,
        department_id=request.GET.get("department") or request.POST.get("department"),
    )
    may_create = department_may_run_cohorts(user=request.user, department=department)
    form = CohortForm(request.POST or None, department=department)
    if request.method == "POST" and may_create and form.is_valid():
        try:
            cohort = cohort_create(
                acting_user=request.user, department=department, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The cohort is created."))
            return redirect("facilitate:cohort", cohort.pk)
    context = {
        "department": department,
        "cohorts": department_cohort_figures(department=department),
        "form": form,
        "may_create": may_create,
    }
    return render(request, "curriculum/department/cohorts.html", context)


MESSAGES = {
    "seated": gettext_lazy("The officer has a seat in the cohort."),
    "waiting": gettext_lazy("The cohort is full: the officer is on its waiting list."),
    "already": gettext_lazy("The officer is already in the cohort."),
}


@login_required
@require_POST
def member_add(request, cohort_id: int):
    cohort = managed_cohort_get(user=request.user, cohort_id=cohort_id)
    email = (request.POST.get("email") or "").strip().lower()
    officer = User.objects.filter(
        email=email,
        memberships__department_id=cohort.department_id,
        memberships__role=Membership.Role.OFFICER,
        memberships__status=Membership.Status.ACTIVE,
    ).first()
    if officer is None:
        messages.error(request, _("No officer of this department has that email address."))
    else:
        outcome = cohort_member_add(cohort=cohort, officer=officer, acting_user=request.user)
        messages.success(request, MESSAGES[outcome])
    return redirect("facilitate:cohort", cohort_id)


@login_required
@require_POST
def waitlist_promote(request, cohort_id: int):
    cohort = managed_cohort_get(user=request.user, cohort_id=cohort_id)
    seated = cohort_waitlist_promote(cohort=cohort, acting_user=request.user)
    messages.success(request, _("%(n)s officers seated from the waiting list.") % {"n": seated})
    return redirect("facilitate:cohort", cohort_id)
