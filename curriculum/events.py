"""Learning events, for apps that pass them on (integrations sends them to a department's
learning record store as xAPI statements).

`learning_event_send` is called by the services inside the transaction of the write it reports,
so a listener that queues work in the outbox commits or rolls back with it. Listeners only
record or queue; they decide nothing about learning. Curriculum imports no listener: this
module is the only seam (accounts <- curriculum <- integrations).
"""

from __future__ import annotations

import datetime as dt

from django.dispatch import Signal

# The officer began the enrollment (first lesson opened or first launch from an LMS).
LAUNCHED = "launched"
# A lesson was marked done; `obj` is the Lesson.
LESSON_COMPLETED = "lesson_completed"
# An assessment attempt was submitted and scored; `obj` is the Attempt.
ATTEMPT_SUBMITTED = "attempt_submitted"
# Every module is done: the enrollment is completed; `obj` is the Enrollment.
ENROLLMENT_COMPLETED = "enrollment_completed"
# The officer attended a live session (issue 17: LiveSession/Attendance call this with
# `obj` = the Attendance once they exist; integrations.xapi.statements.statement_attended
# already builds its statement).
SESSION_ATTENDED = "session_attended"

learning_event = Signal()


def learning_event_send(*, event: str, enrollment, obj=None, occurred_at: dt.datetime) -> None:
    learning_event.send(
        sender=event, event=event, enrollment=enrollment, obj=obj, occurred_at=occurred_at
    )
