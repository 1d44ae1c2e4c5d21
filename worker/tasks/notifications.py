"""Sending the outbox: one row by id (published after commit) or a drain of every due row."""

from __future__ import annotations

import logging

from celery import shared_task
from django.conf import settings
from kombu.exceptions import OperationalError as BrokerOperationalError

from worker.sending import notification_drain, notification_send
from worker.tasks.options import TRANSIENT_RETRY


@shared_task(name="worker.notification_send", **TRANSIENT_RETRY)
def notification_send_task(notification_id: int) -> str | None:
    return notification_send(notification_id=notification_id)


@shared_task(name="worker.notification_drain", **TRANSIENT_RETRY)
def notification_drain_task() -> dict:
    # Half the soft limit: the task ends on its own well before it could be killed.
    result = notification_drain(time_budget=settings.CELERY_TASK_SOFT_TIME_LIMIT / 2)
    if not result.finished and not result.stopped:
        publish()
    return {k: v for k, v in vars(result).items() if k != "outcomes"}


logger = logging.getLogger("worker.outbox")


def publish(*, notification_id: int | None = None) -> bool:
    """Ask a worker to send one notification, or to drain every due one (`worker.outbox`
    calls this; this module never imports the outbox). False when the broker is unreachable:
    the row stays pending for the next drain."""
    try:
        if notification_id is None:
            notification_drain_task.apply_async(retry=False)
        else:
            notification_send_task.apply_async(args=(notification_id,), retry=False)
    except (BrokerOperationalError, ConnectionError) as exc:
        logger.warning("Broker unavailable; the outbox keeps the message pending: %s", exc)
        return False
    return True
