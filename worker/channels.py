"""Outbox channels other than email, importable by every app.

A notification kind registered here is delivered by its channel's function instead of being
sent as an email: the outbox still gives it its unique dedupe key, its claim, retries with
backoff and the sent/failed record (worker.sending). Apps register their channels in their
AppConfig.ready(), so the worker never imports them (integrations.xapi registers its statements).

A channel's function delivers one claimed row and returns; it raises `DeliveryRetry` when the
message may go through later (the row is retried with backoff) and `DeliveryRefused` when it
never will (the row is marked failed).
"""

from __future__ import annotations

from collections.abc import Callable

from worker.models import Notification


class DeliveryRetry(Exception):
    """A transient failure: the counterpart is down, slow or asks us to wait."""


class DeliveryRefused(Exception):
    """A permanent failure: retrying the same message cannot succeed."""


Channel = Callable[[Notification], None]
_CHANNELS: dict[str, Channel] = {}


def channel_register(kind: str, deliver: Channel) -> None:
    _CHANNELS[kind] = deliver


def channel_for(kind: str) -> Channel | None:
    return _CHANNELS.get(kind)
