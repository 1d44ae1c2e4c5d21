"""Options shared by the worker's tasks."""

from __future__ import annotations

from django.db import OperationalError as DatabaseOperationalError

# Retried with exponential backoff (never over five minutes: the broker's visibility timeout
# must exceed the longest backoff plus the task time limit); any other error is a bug to see.
TRANSIENT_TASK_ERRORS = (DatabaseOperationalError, ConnectionError)
RETRY_BACKOFF_MAX_SECONDS = 5 * 60
TRANSIENT_RETRY = {
    "autoretry_for": TRANSIENT_TASK_ERRORS,
    "retry_backoff": True,
    "retry_backoff_max": RETRY_BACKOFF_MAX_SECONDS,
    "retry_jitter": True,
    "max_retries": 5,
}
