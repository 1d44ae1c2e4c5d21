"""The facilitator's pages under /facilitate/: their cohorts' reflections, and replies."""

from __future__ import annotations

import functools

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods

from accounts.roles import Role
from accounts.selectors import user_has_role
from curriculum.selectors.learning import (
    facilitator_answered_list,
    facilitator_cohort_list,
    facilitator_response_get,
    facilitator_unanswered_list,
)
from curriculum.services.progress import LearningError
from curriculum.services.reflections import reflection_feedback_give

T = "curriculum/facilitate/"
RECENT_REPLIES = 20


def facilitator_view(view):
    @login_required
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        if not user_has_role(user=request.user, role=Role.FACILITATOR):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper


class ReplyForm(forms.Form):
    feedback = forms.CharField(
        label=gettext_lazy("Your reply"), widget=forms.Textarea(attrs={"rows": 8}), max_length=10000
    )


@facilitator_view
@require_GET
def home(request):
    return render(
        request,
        T + "home.html",
        {
            "cohorts": facilitator_cohort_list(user=request.user),
            "unanswered": facilitator_unanswered_list(user=request.user),
            "answered": facilitator_answered_list(user=request.user)[:RECENT_REPLIES],
        },
    )


@facilitator_view
@require_http_methods(["GET", "POST"])
def response_detail(request, response_id: int):
    response = facilitator_response_get(user=request.user, response_id=response_id)
    form = ReplyForm(request.POST or None, initial={"feedback": response.feedback})
    if request.method == "POST" and form.is_valid():
        try:
            reflection_feedback_give(
                response=response, facilitator=request.user, text=form.cleaned_data["feedback"]
            )
        except LearningError as error:
            form.add_error("feedback", error.message)
        else:
            messages.success(request, _("Your reply has been sent."))
            return redirect("facilitate:home")
    return render(request, T + "response.html", {"response": response, "form": form})
