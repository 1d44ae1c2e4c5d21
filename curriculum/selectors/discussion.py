"""Reads of a cohort's discussion: who may enter, its threads (one per module and a general
one) with their post counts, a thread's posts, and the cohort's announcements."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Prefetch, QuerySet
from django.http import Http404

from curriculum.models import Announcement, Cohort, DiscussionPost, Enrollment, Module


def cohort_is_member(*, user, cohort: Cohort) -> bool:
    return Enrollment.objects.filter(
        cohort=cohort, officer=user, withdrawn_at__isnull=True
    ).exists()


def cohort_is_facilitator(*, user, cohort: Cohort) -> bool:
    return getattr(user, "is_active", False) and cohort.facilitator_id == user.pk


@dataclass
class DiscussionAccess:
    cohort: Cohort
    moderates: bool


def discussion_cohort_get(*, user, cohort_id: int) -> DiscussionAccess:
    """The cohort, for its current members and its facilitator only (404 for anyone else)."""
    cohort = Cohort.objects.select_related("curriculum", "department").filter(pk=cohort_id).first()
    if cohort is None or not getattr(user, "is_authenticated", False):
        raise Http404
    if cohort_is_facilitator(user=user, cohort=cohort):
        return DiscussionAccess(cohort=cohort, moderates=True)
    if cohort_is_member(user=user, cohort=cohort):
        return DiscussionAccess(cohort=cohort, moderates=False)
    raise Http404


def discussion_thread_list(*, cohort: Cohort) -> tuple[list[Module], dict[int | None, int]]:
    """The modules of the cohort's course and the visible posts per thread (None: general)."""
    modules = list(Module.objects.filter(version_id=cohort.curriculum.current_version_id))
    counts = dict(
        DiscussionPost.objects.filter(cohort=cohort, hidden_at__isnull=True)
        .order_by()
        .values_list("module_id")
        .annotate(n=Count("id"))
    )
    return modules, counts


def discussion_module_get(*, cohort: Cohort, module_id: int) -> Module | None:
    if module_id == 0:
        return None
    module = Module.objects.filter(
        pk=module_id, version__curriculum_id=cohort.curriculum_id
    ).first()
    if module is None:
        raise Http404
    return module


def discussion_post_list(*, cohort: Cohort, module: Module | None) -> QuerySet[DiscussionPost]:
    """Top-level posts of a thread, oldest first, with their replies (three queries)."""
    replies = DiscussionPost.objects.select_related("author", "hidden_by").order_by(
        "created_at", "id"
    )
    return (
        DiscussionPost.objects.filter(cohort=cohort, module=module, parent__isnull=True)
        .select_related("author", "hidden_by")
        .prefetch_related(Prefetch("replies", queryset=replies))
        .order_by("created_at", "id")
    )


def discussion_post_get(*, cohort: Cohort, post_id: int) -> DiscussionPost:
    post = DiscussionPost.objects.select_related("cohort").filter(pk=post_id, cohort=cohort).first()
    if post is None:
        raise Http404
    return post


def announcement_list(*, cohort_id: int | None, limit: int = 5) -> list[Announcement]:
    if cohort_id is None:
        return []
    return list(Announcement.objects.filter(cohort_id=cohort_id).select_related("author")[:limit])
