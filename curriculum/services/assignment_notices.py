"""One email to an officer when training is assigned, batched when many come at once.

An assignment joins the officer's assignment notice that has not gone out yet (pending, due in
the future), else opens one due ASSIGNMENT_BATCH_SECONDS later: the roster import that assigns
three curricula, or a rule and the liaison in the same minute, make one email listing them all.
The notice goes through the outbox (the beat's drain sends it once it is due). Queries: one
SELECT of the officers' open notices, one INSERT for the new ones, one UPDATE per notice that
grows.
"""

from __future__ import annotations

import datetime as dt
import secrets

from django.utils import timezone

from worker.models import Notification

ASSIGNMENT_BATCH_SECONDS = 120
KIND = Notification.Kind.TRAINING_ASSIGNED
LEARN_URL = "/learn/"


def assignment_notify(
    *, officer_ids: list[int], curriculum_title: str, due_on: dt.date | None
) -> int:
    """Add this assignment to each officer's open notice, or open one; returns notices opened."""
    if not officer_ids:
        return 0
    now = timezone.now()
    item = {"curriculum_title": curriculum_title, "due_on": due_on.isoformat() if due_on else None}
    open_notices = {
        notice.recipient_id: notice
        for notice in Notification.objects.select_for_update().filter(
            kind=KIND,
            recipient_id__in=officer_ids,
            status=Notification.Status.PENDING,
            next_attempt_at__gt=now,
        )
    }
    for notice in open_notices.values():
        notice.context["assignments"].append(item)
        notice.save(update_fields=["context"])
    new = [
        Notification(
            kind=KIND,
            recipient_id=officer_id,
            # One notice per batch: a random part, since a batch has no natural key.
            dedupe_key=f"{KIND}:{officer_id}:{now:%Y%m%d%H%M%S}:{secrets.token_hex(4)}",
            next_attempt_at=now + dt.timedelta(seconds=ASSIGNMENT_BATCH_SECONDS),
            context={"assignments": [item], "url": LEARN_URL},
        )
        for officer_id in officer_ids
        if officer_id not in open_notices
    ]
    Notification.objects.bulk_create(new, batch_size=1000)
    return len(new)
