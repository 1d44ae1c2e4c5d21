"""Cohort discussion and announcements.

Post text is plain text: control characters are dropped and templates escape it, so no markup
reaches a page. Only the cohort's current members and its facilitator post and read; hiding is
the facilitator's, with a reason, audited.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_record
from curriculum.models import Announcement, Cohort, DiscussionPost, Enrollment, Module
from curriculum.selectors.discussion import cohort_is_facilitator, cohort_is_member
from curriculum.services.progress import LearningError
from repair.text import strip_control_characters
from worker.models import Notification
from worker.outbox import notification_queue, notification_queue_bulk

MAX_POST = 5000


def text_clean(text: str) -> str:
    return strip_control_characters((text or "").replace("\r\n", "\n")).strip()


def _thread_url(cohort: Cohort, module_id: int | None) -> str:
    return reverse("learn:discussion_thread", args=[cohort.pk, module_id or 0])


def discussion_post_create(
    *,
    cohort: Cohort,
    module: Module | None,
    author,
    body: str,
    parent: DiscussionPost | None = None,
) -> DiscussionPost:
    if not (
        cohort_is_member(user=author, cohort=cohort)
        or cohort_is_facilitator(user=author, cohort=cohort)
    ):
        raise PermissionDenied
    if module is not None and module.version.curriculum_id != cohort.curriculum_id:
        raise PermissionDenied
    if parent is not None and (
        parent.cohort_id != cohort.pk or parent.module_id != getattr(module, "pk", None)
    ):
        raise PermissionDenied
    body = text_clean(body)
    if not body:
        raise LearningError(_("Write something first."))
    if len(body) > MAX_POST:
        raise LearningError(_("A post is at most %(n)s characters.") % {"n": MAX_POST})
    with transaction.atomic():
        post = DiscussionPost.objects.create(
            cohort=cohort, module=module, parent=parent, author=author, body=body
        )
        if parent is not None and parent.author_id != author.pk and parent.hidden_at is None:
            notification_queue(
                kind=Notification.Kind.DISCUSSION_REPLY,
                recipient=parent.author,
                dedupe_key=f"{Notification.Kind.DISCUSSION_REPLY}:{post.pk}",
                context={
                    "cohort": cohort.name,
                    "author": author.display_name,
                    "url": settings.SITE_URL + _thread_url(cohort, post.module_id),
                },
            )
    return post


def discussion_post_hide(*, post: DiscussionPost, acting_user, reason: str) -> DiscussionPost:
    if not cohort_is_facilitator(user=acting_user, cohort=post.cohort):
        raise PermissionDenied
    reason = text_clean(reason)[:300]
    if not reason:
        raise LearningError(_("Give a reason for hiding the post."))
    with transaction.atomic():
        post.hidden_at = timezone.now()
        post.hidden_by = acting_user
        post.hidden_reason = reason
        post.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
        audit_record(
            action="discussion.hide",
            actor=acting_user,
            obj=post,
            department=post.cohort.department,
            data={"cohort_id": post.cohort_id, "author_id": post.author_id, "reason": reason},
        )
    return post


def announcement_create(*, cohort: Cohort, author, title: str, body: str) -> Announcement:
    """Post to the course page of every member and email each of them."""
    if not cohort_is_facilitator(user=author, cohort=cohort):
        raise PermissionDenied
    title, body = text_clean(title)[:200], text_clean(body)
    if not title or not body:
        raise LearningError(_("An announcement needs a title and a message."))
    with transaction.atomic():
        announcement = Announcement.objects.create(
            cohort=cohort, author=author, title=title, body=body[:MAX_POST]
        )
        members = Enrollment.objects.filter(
            cohort=cohort, withdrawn_at__isnull=True, officer__is_active=True
        ).values_list("pk", "officer_id")
        notification_queue_bulk(
            Notification(
                kind=Notification.Kind.COHORT_ANNOUNCEMENT,
                recipient_id=officer_id,
                dedupe_key=f"{Notification.Kind.COHORT_ANNOUNCEMENT}:{announcement.pk}:{officer_id}",
                context={
                    "cohort": cohort.name,
                    "title": title,
                    "body": announcement.body,
                    "url": reverse("learn:enrollment", args=[enrollment_id]),
                },
            )
            for enrollment_id, officer_id in members
        )
    return announcement
