"""Learning events (curriculum.events) become outbox rows: xAPI statements for departments that
have an LRS, and LTI scores for enrollments launched from an LMS. Queued in the transaction of
the event: both commit, or neither."""

from __future__ import annotations

from django.dispatch import receiver

from curriculum import events
from integrations.lti.services import lti_scores_queue
from integrations.models import LrsEndpoint
from integrations.xapi import statements as xapi
from worker.outbox import notification_queue


def _statements(event: str, enrollment, obj, occurred_at) -> list[dict]:
    if event == events.LAUNCHED:
        return [xapi.statement_launched(enrollment=enrollment, occurred_at=occurred_at)]
    if event == events.LESSON_COMPLETED:
        return [
            xapi.statement_lesson_completed(
                enrollment=enrollment, lesson=obj, occurred_at=occurred_at
            )
        ]
    if event == events.ATTEMPT_SUBMITTED:
        return xapi.statements_attempt(enrollment=enrollment, attempt=obj, occurred_at=occurred_at)
    if event == events.ENROLLMENT_COMPLETED:
        return [xapi.statement_enrollment_completed(enrollment=enrollment, occurred_at=occurred_at)]
    return []


@receiver(events.learning_event, dispatch_uid="integrations.lti")
def queue_lti_scores(sender, event, enrollment, obj, occurred_at, **kwargs) -> None:
    if event == events.ENROLLMENT_COMPLETED:
        lti_scores_queue(enrollment=enrollment, occurred_at=occurred_at)


@receiver(events.learning_event, dispatch_uid="integrations.xapi")
def queue_xapi_statements(sender, event, enrollment, obj, occurred_at, **kwargs) -> None:
    lrs = LrsEndpoint.objects.filter(department_id=enrollment.department_id, is_active=True).first()
    if lrs is None:
        return
    for statement in _statements(event, enrollment, obj, occurred_at):
        notification_queue(
            kind="xapi_statement",
            dedupe_key=f"xapi:{statement['id']}",
            recipient=enrollment.officer,
            context={"lrs_id": lrs.pk, "statement": statement},
        )
