"""The facilitator's pages under /facilitate/: the reflection queue, its history, replies."""

from __future__ import annotations

import functools

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.middleware import IDP_MFA_SESSION_KEY
from accounts.roles import Role
from accounts.selectors import user_has_authenticator, user_has_role, user_is_privileged
from curriculum.models import Cohort
from curriculum.selectors.facilitation import (
    reflection_history,
    reflection_queue,
    reflection_queue_filters,
    reflection_response_get_for,
    rubric_criterion_list,
    trainer_department_ids,
)
from curriculum.selectors.learning import facilitator_cohort_list
from curriculum.services.progress import LearningError
from curriculum.services.reflections import reflection_feedback_give

T = "curriculum/facilitate/"
PAGE_SIZE = 50
RUBRIC_UNUSED, RUBRIC_MET, RUBRIC_NOT_YET = "", "met", "not_yet"


def user_facilitates(*, user) -> bool:
    """Program facilitators, current department trainers and cohort facilitators."""
    if user_has_role(user=user, role=Role.FACILITATOR):
        return True
    if trainer_department_ids(user=user):
        return True
    return Cohort.objects.filter(facilitator=user).exists()


def _needs_mfa(request) -> bool:
    """Reflection text is for privileged readers: a trainer or cohort facilitator without the
    facilitator role (the access policy enforces MFA for roles only) sets up MFA first."""
    if not settings.REPAIR_REQUIRE_MFA or user_is_privileged(user=request.user):
        return False
    if getattr(request, "session", {}).get(IDP_MFA_SESSION_KEY):
        return False
    return not user_has_authenticator(user=request.user)


def facilitator_view(view):
    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_facilitates(user=request.user):
            raise PermissionDenied
        if _needs_mfa(request):
            messages.warning(request, _("Set up multi-factor authentication to continue."))
            return redirect("mfa_activate_totp")
        return view(request, *args, **kwargs)

    return wrapper


class ReplyForm(forms.Form):
    feedback = forms.CharField(
        label=gettext_lazy("Your reply"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )

    def __init__(self, *args, criteria=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.criteria = list(criteria)
        for criterion in self.criteria:
            self.fields[f"rubric_{criterion.pk}"] = forms.ChoiceField(
                label=criterion.name,
                help_text=criterion.description,
                required=False,
                widget=forms.RadioSelect,
                choices=[
                    (RUBRIC_UNUSED, gettext_lazy("Not marked")),
                    (RUBRIC_MET, gettext_lazy("Met")),
                    (RUBRIC_NOT_YET, gettext_lazy("Not yet")),
                ],
            )

    def rubric(self) -> dict[int, bool]:
        marks = {}
        for criterion in self.criteria:
            value = self.cleaned_data.get(f"rubric_{criterion.pk}") or RUBRIC_UNUSED
            if value != RUBRIC_UNUSED:
                marks[criterion.pk] = value == RUBRIC_MET
        return marks

    def rubric_fields(self):
        return [self[f"rubric_{criterion.pk}"] for criterion in self.criteria]


def _id_param(request, name: str) -> int | None:
    value = request.GET.get(name, "")
    return int(value) if value.isdigit() else None


def _filter_context(request) -> dict:
    return {
        "filters": reflection_queue_filters(user=request.user),
        "module_id": _id_param(request, "module"),
        "cohort_id": _id_param(request, "cohort"),
    }


@facilitator_view
@require_GET
def home(request):
    context = _filter_context(request)
    queue = reflection_queue(
        user=request.user, module_id=context["module_id"], cohort_id=context["cohort_id"]
    )
    context["page"] = Paginator(queue, PAGE_SIZE).get_page(request.GET.get("page"))
    context["cohorts"] = facilitator_cohort_list(user=request.user)
    return render(request, T + "home.html", context)


@facilitator_view
@require_GET
def history(request):
    context = _filter_context(request)
    answered = reflection_history(
        user=request.user, module_id=context["module_id"], cohort_id=context["cohort_id"]
    )
    context["page"] = Paginator(answered, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, T + "history.html", context)


def _initial(response) -> dict:
    initial = {"feedback": response.feedback}
    for mark in response.rubric_marks.all():
        initial[f"rubric_{mark.criterion_id}"] = RUBRIC_MET if mark.met else RUBRIC_NOT_YET
    return initial


@facilitator_view
@require_http_methods(["GET", "POST"])
def response_detail(request, response_id: int):
    response = reflection_response_get_for(user=request.user, response_id=response_id)
    if response is None:
        raise Http404
    form = ReplyForm(
        request.POST or None, initial=_initial(response), criteria=rubric_criterion_list()
    )
    if request.method == "POST" and form.is_valid():
        try:
            reflection_feedback_give(
                response=response,
                facilitator=request.user,
                text=form.cleaned_data["feedback"],
                rubric=form.rubric(),
            )
        except LearningError as error:
            form.add_error("feedback", error.message)
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect("facilitate:home")
    return render(request, T + "response.html", {"response": response, "form": form})
