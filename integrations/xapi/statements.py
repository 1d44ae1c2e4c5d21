"""xAPI 1.0.3 statements of learning events, with the cmi5-defined verbs where they apply.

A statement's id is derived from its event (uuid5), so the same event always makes the same
statement: the outbox's dedupe key is that id, and an LRS that receives it twice keeps one.
The actor is a pseudonymous account on the portal (never a name or an email address); the
department's LRS is the department's own record of its officers' training.
"""

from __future__ import annotations

import datetime as dt
import uuid

from django.conf import settings

VERSION = "1.0.3"
# A fixed namespace: ids must not change when a secret or a setting does.
_NAMESPACE = uuid.UUID("6f1f3b1e-4b0e-5c1a-9f55-2a1e6f0c8d21")

# cmi5's defined verbs are ADL's (cmi5 spec, 9.3); "answered" and "attended" are ADL's too.
VERBS = {
    "launched": "http://adlnet.gov/expapi/verbs/launched",
    "completed": "http://adlnet.gov/expapi/verbs/completed",
    "answered": "http://adlnet.gov/expapi/verbs/answered",
    "passed": "http://adlnet.gov/expapi/verbs/passed",
    "failed": "http://adlnet.gov/expapi/verbs/failed",
    "attended": "http://adlnet.gov/expapi/verbs/attended",
}
ACTIVITY_TYPES = {
    "course": "http://adlnet.gov/expapi/activities/course",
    "lesson": "http://adlnet.gov/expapi/activities/lesson",
    "assessment": "http://adlnet.gov/expapi/activities/assessment",
    "meeting": "http://adlnet.gov/expapi/activities/meeting",
}


def stable_uuid(*parts) -> str:
    return str(uuid.uuid5(_NAMESPACE, ":".join(str(p) for p in parts)))


def _timestamp(instant: dt.datetime) -> str:
    return instant.astimezone(dt.UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def actor(user) -> dict:
    return {
        "objectType": "Agent",
        "account": {"homePage": settings.SITE_URL + "/", "name": stable_uuid("user", user.pk)},
    }


def activity(kind: str, key, name: str, language: str) -> dict:
    return {
        "objectType": "Activity",
        "id": f"{settings.SITE_URL}/xapi/activities/{kind}/{key}",
        "definition": {"type": ACTIVITY_TYPES[kind], "name": {language: name}},
    }


def _curriculum(enrollment) -> dict:
    c = enrollment.curriculum
    return activity("course", c.slug, c.title, c.language)


def _statement(*, key: tuple, verb: str, enrollment, obj: dict, occurred_at, result=None) -> dict:
    statement = {
        "id": stable_uuid(*key),
        "version": VERSION,
        "actor": actor(enrollment.officer),
        "verb": {"id": VERBS[verb], "display": {"en-US": verb}},
        "object": obj,
        "timestamp": _timestamp(occurred_at),
        "context": {
            "registration": stable_uuid("enrollment", enrollment.pk),
            "platform": "REPAIR",
            "language": enrollment.curriculum.language,
            "contextActivities": {"grouping": [_curriculum(enrollment)]},
        },
    }
    if result is not None:
        statement["result"] = result
    return statement


def statement_launched(*, enrollment, occurred_at) -> dict:
    return _statement(
        key=("launched", enrollment.pk),
        verb="launched",
        enrollment=enrollment,
        obj=_curriculum(enrollment),
        occurred_at=occurred_at,
    )


def statement_lesson_completed(*, enrollment, lesson, occurred_at) -> dict:
    language = enrollment.curriculum.language
    return _statement(
        key=("lesson_completed", enrollment.pk, lesson.pk),
        verb="completed",
        enrollment=enrollment,
        obj=activity("lesson", lesson.pk, lesson.title, language),
        occurred_at=occurred_at,
        result={"completion": True},
    )


def statements_attempt(*, enrollment, attempt, occurred_at) -> list[dict]:
    """`answered` with the score, then cmi5's `passed` or `failed` on the assessment."""
    assessment = attempt.assessment
    obj = activity("assessment", assessment.pk, assessment.title, enrollment.curriculum.language)
    score = {"scaled": round(attempt.score / 100, 4), "raw": attempt.score, "min": 0, "max": 100}
    outcome = "passed" if attempt.passed else "failed"
    return [
        _statement(
            key=("answered", attempt.pk),
            verb="answered",
            enrollment=enrollment,
            obj=obj,
            occurred_at=occurred_at,
            result={"score": score, "success": attempt.passed, "completion": True},
        ),
        _statement(
            key=(outcome, attempt.pk),
            verb=outcome,
            enrollment=enrollment,
            obj=obj,
            occurred_at=occurred_at,
            result={"score": score, "success": attempt.passed},
        ),
    ]


def statement_enrollment_completed(*, enrollment, occurred_at) -> dict:
    return _statement(
        key=("completed", enrollment.pk),
        verb="completed",
        enrollment=enrollment,
        obj=_curriculum(enrollment),
        occurred_at=occurred_at,
        result={"completion": True},
    )


def statement_attended(
    *, enrollment, session_key, session_title: str, occurred_at, minutes: int
) -> dict:
    """A live session attended (issue 17 sends SESSION_ATTENDED once Attendance exists)."""
    return _statement(
        key=("attended", enrollment.pk, session_key),
        verb="attended",
        enrollment=enrollment,
        obj=activity("meeting", session_key, session_title, enrollment.curriculum.language),
        occurred_at=occurred_at,
        result={"completion": True, "duration": f"PT{int(minutes)}M"},
    )
