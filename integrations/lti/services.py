"""LTI 1.3 launches and grade passback.

A resource-link launch signs in the officer the platform names by email, under the same roster
rule as agency SSO (accounts.sso.roster_or_invited_user: the platform's department, roster or
invitation, no sign-up), enrolls them in the link's curriculum if they are not yet, and
remembers where their result goes (`LtiOutcome`). When the enrollment is completed, the score
(best post-test score, or 100 without a post-test) and the completion go back through
Assignment and Grade Services, by the outbox (kind `lti_score`, retried with backoff).
"""

from __future__ import annotations

import requests
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from pylti1p3.assignments_grades import AssignmentsGradesService
from pylti1p3.exception import LtiException, LtiServiceException
from pylti1p3.grade import Grade
from pylti1p3.lineitem import LineItem
from pylti1p3.service_connector import ServiceConnector

from accounts.audit import audit_record
from accounts.models import User
from accounts.sso import roster_or_invited_user
from curriculum.models import Assessment, Attempt, Curriculum, Enrollment
from curriculum.services.enrollments import enrollment_bulk_create
from integrations.lti.tool import registration_for
from integrations.models import LtiOutcome, LtiPlatform, LtiResourceLink
from worker.channels import DeliveryRefused, DeliveryRetry
from worker.models import Notification
from worker.outbox import notification_queue

CLAIM = "https://purl.imsglobal.org/spec/lti/claim/"
AGS_CLAIM = "https://purl.imsglobal.org/spec/lti-ags/claim/endpoint"
CURRICULUM_PARAM = "repair_curriculum"


class LaunchRefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def _curriculum_for(platform: LtiPlatform, claims: dict, link_id: str) -> Curriculum:
    slug = (claims.get(CLAIM + "custom") or {}).get(CURRICULUM_PARAM)
    if slug:
        curriculum = Curriculum.objects.filter(
            slug=slug, status=Curriculum.Status.PUBLISHED
        ).first()
        if curriculum is not None:
            return curriculum
    link = LtiResourceLink.objects.filter(platform=platform, resource_link_id=link_id).first()
    if link is None:
        raise LaunchRefused("unknown_curriculum")
    return link.curriculum


def _link_save(platform: LtiPlatform, claims: dict, curriculum: Curriculum) -> LtiResourceLink:
    ags = claims.get(AGS_CLAIM) or {}
    link, _created = LtiResourceLink.objects.update_or_create(
        platform=platform,
        resource_link_id=claims[CLAIM + "resource_link"]["id"],
        defaults={
            "context_id": (claims.get(CLAIM + "context") or {}).get("id", ""),
            "curriculum": curriculum,
            "lineitem_url": ags.get("lineitem", ""),
            "lineitems_url": ags.get("lineitems", ""),
            "ags_scopes": ags.get("scope", []),
        },
    )
    return link


def _enrollment_for(user: User, platform: LtiPlatform, curriculum: Curriculum) -> Enrollment:
    current = Enrollment.objects.filter(
        officer=user, curriculum=curriculum, withdrawn_at__isnull=True
    )
    enrollment = current.order_by("-assigned_at").first()
    if enrollment is None:
        enrollment_bulk_create(
            officer_ids=[user.pk],
            curriculum=curriculum,
            department=platform.department,
            due_on=None,
            acting_user=user,
            notify=False,  # the officer enrolls themselves by launching: nothing to announce
        )
        enrollment = current.order_by("-assigned_at").first()
    if enrollment is None:
        raise LaunchRefused("not_enrollable")
    return enrollment


def lti_launch_sign_in(
    *, platform: LtiPlatform, claims: dict, ip: str | None
) -> tuple[User, Enrollment]:
    """Who a validated resource-link launch signs in, and the enrollment it opens."""
    email = (claims.get("email") or "").strip().lower()
    if not email:
        raise LaunchRefused("no_email")
    with transaction.atomic():
        user = roster_or_invited_user(department_id=platform.department_id, email=email, ip=ip)
        if user is None:
            raise LaunchRefused("not_on_roster")
        link_id = claims[CLAIM + "resource_link"]["id"]
        curriculum = _curriculum_for(platform, claims, link_id)
        link = _link_save(platform, claims, curriculum)
        enrollment = _enrollment_for(user, platform, curriculum)
        LtiOutcome.objects.update_or_create(
            enrollment=enrollment,
            link=link,
            defaults={"lti_user_id": claims["sub"], "user": user},
        )
        audit_record(
            action="lti.launch",
            actor=user,
            obj=enrollment,
            department=platform.department,
            client_ip=ip,
            data={"platform_id": platform.pk, "resource_link_id": link_id},
        )
    return user, enrollment


# Grade passback ---------------------------------------------------------------------------


def enrollment_score(enrollment: Enrollment) -> int:
    """The result reported to the LMS: the best post-test score, 100 without a post-test."""
    best = Attempt.objects.filter(
        enrollment=enrollment,
        assessment__kind=Assessment.Kind.POST_TEST,
        submitted_at__isnull=False,
    ).aggregate(best=Max("score"))["best"]
    return 100 if best is None else int(best)


def lti_scores_queue(*, enrollment: Enrollment, occurred_at) -> int:
    """Queue the completed enrollment's score for every LMS link it was launched from."""
    outcomes = list(LtiOutcome.objects.filter(enrollment=enrollment).select_related("link"))
    score = enrollment_score(enrollment) if outcomes else None
    for outcome in outcomes:
        notification_queue(
            kind=Notification.Kind.LTI_SCORE,
            dedupe_key=f"lti_score:{outcome.pk}:completed",
            recipient=outcome.user,
            context={
                "outcome_id": outcome.pk,
                "score": score,
                "timestamp": occurred_at.isoformat(),
            },
        )
    return len(outcomes)


def _grade(outcome: LtiOutcome, context: dict) -> Grade:
    return (
        Grade()
        .set_score_given(context["score"])
        .set_score_maximum(100)
        .set_timestamp(context.get("timestamp") or timezone.now().isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_user_id(outcome.lti_user_id)
    )


def score_deliver(notification: Notification) -> None:
    """The outbox channel of `lti_score`: one score to the platform's line item (AGS)."""
    outcome = (
        LtiOutcome.objects.select_related("link__platform", "link__curriculum")
        .filter(pk=notification.context.get("outcome_id"), link__platform__is_active=True)
        .first()
    )
    if outcome is None:
        raise DeliveryRefused("The LMS link or platform is gone.")
    link = outcome.link
    service = AssignmentsGradesService(
        ServiceConnector(registration_for(link.platform)),
        {"scope": link.ags_scopes, "lineitem": link.lineitem_url, "lineitems": link.lineitems_url},
    )
    lineitem = None
    if not link.lineitem_url:
        lineitem = (
            LineItem()
            .set_label(link.curriculum.title)
            .set_score_maximum(100)
            .set_resource_id(link.curriculum.slug)
        )
    try:
        service.put_grade(_grade(outcome, notification.context), lineitem)
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise DeliveryRetry(f"LMS unreachable: {exc.__class__.__name__}") from exc
    except LtiServiceException as exc:
        status = exc.response.status_code
        if status >= 500 or status in (401, 403, 408, 429):
            raise DeliveryRetry(str(exc)[:500]) from exc
        raise DeliveryRefused(str(exc)[:500]) from exc
    except LtiException as exc:
        raise DeliveryRefused(str(exc)[:500]) from exc
