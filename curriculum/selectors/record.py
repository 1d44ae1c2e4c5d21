"""The officer's training record: what a court, an auditor or a new employer asks for.

`officer_record` builds it in a fixed number of queries, as plain JSON data: every enrollment
with the curriculum version and its content hash, each lesson's times on the lesson clock, the
assessment attempts with their scores, the reflections (their text only in the officer's own
copy), completion reviews, the certificate, and the audit events about the officer, with the
audit chain's head hash so a reader can check the events against the chain (`audit_verify`).
The page, the JSON, the PDF (`curriculum.record_pdf`) and `GET /api/v1/me/record/` all show
this one dict, so they cannot disagree.
"""

from __future__ import annotations

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import AuditEvent, Department
from curriculum.certificate_codes import certificate_verify_url
from curriculum.content import minutes_to_hours
from curriculum.models import (
    Attempt,
    Attendance,
    Certificate,
    CompletionReview,
    Enrollment,
    LessonProgress,
    ReflectionResponse,
)
from curriculum.selectors.learning import enrollment_awarded_hours

# Audit events that name many enrollments in their data rather than as their object.
BULK_ENROLLMENT_ACTIONS = ("enrollment.create", "enrollment.reinstate", "enrollment.nudge")


def _iso(value) -> str | None:
    return value.isoformat() if value is not None else None


def _lessons(rows: list[LessonProgress]) -> list[dict]:
    return [
        {
            "version": lp.lesson.module.version.number,
            "module": lp.lesson.module.order,
            "module_title": lp.lesson.module.title,
            "lesson": lp.lesson.order,
            "title": lp.lesson.title,
            "estimated_minutes": lp.lesson.estimated_minutes,
            "opened_at": _iso(lp.opened_at),
            "completed_at": _iso(lp.completed_at),
            "seconds_on_clock": lp.seconds_spent,
        }
        for lp in sorted(
            rows,
            key=lambda lp: (
                lp.lesson.module.version.number,
                lp.lesson.module.order,
                lp.lesson.order,
            ),
        )
    ]


def _attempts(rows: list[Attempt]) -> list[dict]:
    return [
        {
            "assessment": a.assessment.title,
            "kind": a.assessment.kind,
            "number": a.number,
            "started_at": _iso(a.started_at),
            "submitted_at": _iso(a.submitted_at),
            "score": a.score,
            "passed": a.passed,
        }
        for a in rows
    ]


def _reflections(rows: list[ReflectionResponse], *, private: bool) -> list[dict]:
    result = []
    for r in rows:
        entry = {
            "module": r.reflection.module.order,
            "prompt": r.reflection.prompt,
            "submitted_at": _iso(r.submitted_at),
            "answered_at": _iso(r.feedback_at),
        }
        if private:
            entry["text"] = r.text
            entry["feedback"] = r.feedback
        result.append(entry)
    return result


def _reviews(rows: list[CompletionReview]) -> list[dict]:
    return [
        {
            "status": r.status,
            "finished_at": _iso(r.requested_at),
            "minutes_taken": r.minutes_taken,
            "minutes_expected": r.minutes_expected,
            "decided_at": _iso(r.decided_at),
            "decided_by": r.decided_by.display_name if r.decided_by else None,
            "note": r.note,
        }
        for r in rows
    ]


def _certificate(certificate: Certificate | None) -> dict | None:
    if certificate is None:
        return None
    return {
        "code": certificate.code,
        "issued_on": _iso(certificate.issued_on),
        "completed_on": _iso(certificate.completed_on),
        "credit_hours": str(certificate.credit_hours),
        "expires_on": _iso(certificate.expires_on),
        "valid": certificate.is_valid,
        "verify_url": certificate_verify_url(certificate=certificate),
    }


def _sessions(rows: list[Attendance], e: Enrollment) -> list[dict]:
    return [
        {
            "title": a.session.title,
            "starts_at": _iso(a.session.starts_at),
            "status": a.status,
            "minutes": a.minutes,
        }
        for a in rows
        if a.session.cohort_id == e.cohort_id and a.session.cancelled_at is None
    ]


def _grouped(rows, key: str) -> dict[int, list]:
    grouped: dict[int, list] = {}
    for row in rows:
        grouped.setdefault(getattr(row, key), []).append(row)
    return grouped


def _enrollment(e: Enrollment, parts: dict, *, private: bool) -> dict:
    certificate = getattr(e, "certificate", None)
    completed = e.status == Enrollment.Status.COMPLETED
    return {
        "id": e.pk,
        "curriculum": {"id": e.curriculum_id, "slug": e.curriculum.slug, "title": e.version.title},
        "version": {
            "number": e.version.number,
            "content_hash": e.version.content_hash,
            "published_at": _iso(e.version.published_at),
        },
        "department": e.department.name,
        "status": e.status,
        "assigned_at": _iso(e.assigned_at),
        "due_on": _iso(e.due_on),
        "started_at": _iso(e.started_at),
        "completed_at": _iso(e.completed_at),
        "completed_on": _iso(certificate.completed_on if certificate else e.completed_on),
        "withdrawn_at": _iso(e.withdrawn_at),
        "credit_hours": str(enrollment_awarded_hours(enrollment=e)) if completed else None,
        "completion_reviews": _reviews(parts["reviews"].get(e.pk, [])),
        "lessons": _lessons(parts["lessons"].get(e.pk, [])),
        "attempts": _attempts(parts["attempts"].get(e.pk, [])),
        "reflections": _reflections(parts["reflections"].get(e.pk, []), private=private),
        "live_sessions": (sessions := _sessions(parts["attendance"].get(e.pk, []), e)),
        "session_hours": str(minutes_to_hours(sum(row["minutes"] for row in sessions))),
        "certificate": _certificate(certificate),
    }


def _audit_events(*, user, enrollments: list[Enrollment], private: bool) -> list[AuditEvent]:
    """Events whose object is the officer (own copy only), one of their enrollments or
    certificates, and bulk events that name their enrollments."""
    enrollment_ids = {e.pk for e in enrollments}
    certificate_ids = [
        str(e.certificate.pk) for e in enrollments if getattr(e, "certificate", None)
    ]
    about = Q(object_type="curriculum.enrollment", object_id__in=[str(i) for i in enrollment_ids])
    about |= Q(object_type="curriculum.certificate", object_id__in=certificate_ids)
    if private:
        about |= Q(object_type="accounts.user", object_id=str(user.pk))
    events = list(AuditEvent.objects.filter(about).order_by("id"))
    departments = {e.department_id for e in enrollments}
    for event in AuditEvent.objects.filter(
        action__in=BULK_ENROLLMENT_ACTIONS, department_id__in=departments
    ).order_by("id"):
        if enrollment_ids & set(event.data.get("enrollment_ids", [])):
            events.append(event)
    return sorted(events, key=lambda event: event.pk)


def audit_chain_head() -> dict | None:
    head = AuditEvent.objects.order_by("-id").values("id", "hash", "occurred_at").first()
    if head is None:
        return None
    return {"event_id": head["id"], "hash": head["hash"], "occurred_at": _iso(head["occurred_at"])}


def verify_how(head: dict) -> str:
    return _(
        "Each audit event's hash is the SHA-256 of its content and of the previous event's "
        "hash. The portal's operator runs `python manage.py audit_verify`, which recomputes "
        "every hash from the first event and names the first broken link. The record is "
        "borne out when the chain is reported intact, event %(event_id)s still has hash "
        "%(hash)s, and every event listed here has the hash shown."
    ) % {"event_id": head["event_id"], "hash": head["hash"]}


def officer_record(*, user, department: Department | None = None, private: bool = True) -> dict:
    """The training record of `user`: all their enrollments, or those of `department` only
    (a liaison's copy); `private` adds reflection text and feedback (the officer's own copy)."""
    enrollments = Enrollment.objects.filter(officer=user).select_related(
        "curriculum", "version", "department", "certificate"
    )
    if department is not None:
        enrollments = enrollments.filter(department=department)
    enrollments = list(enrollments.order_by("assigned_at", "id"))
    ids = [e.pk for e in enrollments]
    parts = {
        "lessons": _grouped(
            LessonProgress.objects.filter(enrollment_id__in=ids).select_related(
                "lesson__module__version"
            ),
            "enrollment_id",
        ),
        "attempts": _grouped(
            Attempt.objects.filter(enrollment_id__in=ids)
            .select_related("assessment")
            .order_by("started_at", "id"),
            "enrollment_id",
        ),
        "reflections": _grouped(
            ReflectionResponse.objects.filter(enrollment_id__in=ids)
            .select_related("reflection__module")
            .order_by("submitted_at", "id"),
            "enrollment_id",
        ),
        "attendance": _grouped(
            Attendance.objects.filter(enrollment_id__in=ids)
            .select_related("session")
            .order_by("session__starts_at", "id"),
            "enrollment_id",
        ),
        "reviews": _grouped(
            CompletionReview.objects.filter(enrollment_id__in=ids)
            .select_related("decided_by")
            .order_by("requested_at", "id"),
            "enrollment_id",
        ),
    }
    memberships = user.memberships.select_related("department").order_by("department__name")
    if department is not None:
        memberships = memberships.filter(department=department)
    events = _audit_events(user=user, enrollments=enrollments, private=private)
    head = audit_chain_head()
    return {
        "generated_at": timezone.now().isoformat(),
        "officer": {
            "id": user.pk,
            "name": user.display_name,
            "email": user.email,
            "memberships": [
                {
                    "department": m.department.name,
                    "role": m.role,
                    "badge_number": m.badge_number,
                    "rank": m.rank,
                    "status": m.status,
                }
                for m in memberships
            ],
        },
        "enrollments": [_enrollment(e, parts, private=private) for e in enrollments],
        "audit": {
            "events": [
                {
                    "id": event.pk,
                    "occurred_at": _iso(event.occurred_at),
                    "action": event.action,
                    "actor": event.actor_email or None,
                    "object": f"{event.object_type}:{event.object_id}"
                    if event.object_type
                    else None,
                    "hash": event.hash,
                }
                for event in events
            ],
            "chain_head": head,
            "how_to_verify": verify_how(head) if head else None,
        },
    }
