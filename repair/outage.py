"""What counts as an outage of a service the portal needs (the database, Redis, the broker).

A request that fails on one of these answers 503 with `Retry-After` (repair.views.server_error),
never 500: the person is told to try again in a moment, and clients and proxies retry. Each
service write owns its transaction, so a request cut off by an outage leaves nothing half done.
"""

from __future__ import annotations

import redis
from django.db import InterfaceError, OperationalError
from kombu.exceptions import OperationalError as BrokerOperationalError

OUTAGE_ERRORS = (
    OperationalError,  # the database refused, dropped or killed the connection
    InterfaceError,  # the connection was already closed
    redis.exceptions.ConnectionError,  # the cache (allauth's rate limits, figures) or broker
    redis.exceptions.TimeoutError,
    BrokerOperationalError,
    ConnectionError,
)
RETRY_AFTER_SECONDS = 10


def is_outage(error: BaseException | None) -> bool:
    return isinstance(error, OUTAGE_ERRORS)
