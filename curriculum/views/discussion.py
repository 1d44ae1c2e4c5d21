"""A cohort's discussion (members and facilitator only) and the facilitator's announcements."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from curriculum.selectors.discussion import (
    discussion_cohort_get,
    discussion_module_get,
    discussion_post_get,
    discussion_post_list,
    discussion_thread_list,
)
from curriculum.selectors.sessions import managed_cohort_get
from curriculum.services.discussion import (
    announcement_create,
    discussion_post_create,
    discussion_post_hide,
)
from curriculum.services.progress import LearningError

T = "curriculum/learn/"


@login_required
@require_GET
def threads(request, cohort_id: int):
    access = discussion_cohort_get(user=request.user, cohort_id=cohort_id)
    modules, counts = discussion_thread_list(cohort=access.cohort)
    rows = [(None, counts.get(None, 0))] + [(m, counts.get(m.pk, 0)) for m in modules]
    return render(request, T + "discussion.html", {"access": access, "rows": rows})


@login_required
@require_http_methods(["GET", "POST"])
def thread(request, cohort_id: int, module_id: int):
    access = discussion_cohort_get(user=request.user, cohort_id=cohort_id)
    module = discussion_module_get(cohort=access.cohort, module_id=module_id)
    error = None
    if request.method == "POST":
        parent_id = request.POST.get("parent", "")
        parent = (
            discussion_post_get(cohort=access.cohort, post_id=int(parent_id))
            if parent_id.isdigit()
            else None
        )
        try:
            discussion_post_create(
                cohort=access.cohort,
                module=module,
                author=request.user,
                body=request.POST.get("body", ""),
                parent=parent,
            )
        except LearningError as exc:
            error = exc.message
        else:
            messages.success(request, _("Your post is published."))
            return redirect("learn:discussion_thread", cohort_id, module_id)
    context = {
        "access": access,
        "module": module,
        "module_id": module_id,
        "posts": discussion_post_list(cohort=access.cohort, module=module),
        "error": error,
    }
    return render(request, T + "discussion_thread.html", context, status=400 if error else 200)


@login_required
@require_POST
def hide(request, cohort_id: int, post_id: int):
    access = discussion_cohort_get(user=request.user, cohort_id=cohort_id)
    post = discussion_post_get(cohort=access.cohort, post_id=post_id)
    try:
        discussion_post_hide(post=post, acting_user=request.user, reason=request.POST.get("reason"))
    except LearningError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The post is hidden."))
    return redirect("learn:discussion_thread", cohort_id, post.module_id or 0)


@login_required
@require_POST
def announce(request, cohort_id: int):
    cohort = managed_cohort_get(user=request.user, cohort_id=cohort_id)
    try:
        announcement_create(
            cohort=cohort,
            author=request.user,
            title=request.POST.get("title", ""),
            body=request.POST.get("body", ""),
        )
    except LearningError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("The announcement is sent to the cohort."))
    return redirect("facilitate:cohort", cohort_id)
