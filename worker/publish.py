"""Publishing a task from a request without failing it when the broker is down.

A request that has written its rows must not answer 500 because Redis is away at the moment
its task is published (in `transaction.on_commit`): the state it wrote stays where a beat sweep
finds it and publishes the task again (roster imports: `worker.tasks.roster`; the outbox:
`worker.outbox`). Importable by every app.
"""

from __future__ import annotations

import logging

from celery import current_app
from kombu.exceptions import OperationalError as BrokerOperationalError

logger = logging.getLogger(__name__)


def task_publish(task, *args) -> bool:
    """Publish `task(*args)`; False when the broker is unreachable (the sweeper retries).

    `task` is a task or its registered name: an app below the worker's task modules names the
    task instead of importing it (accounts' roster views: "roster.import_validate"). Every
    process knows every task by name (WorkerConfig.ready imports `worker.tasks`).
    """
    if isinstance(task, str):
        task = current_app.tasks[task]
    try:
        task.apply_async(args=args, retry=False)
    except (BrokerOperationalError, ConnectionError) as exc:
        logger.warning("Broker unavailable; %s is left for its sweep: %s", task.name, exc)
        return False
    return True
