"""Sending one outbox row of kind `xapi_statement` to its department's LRS (worker.channels).

PUT /statements?statementId=<id>: the id is fixed by the event, so a statement sent twice (a
worker killed after the LRS stored it, before the row was marked sent) is stored once: the LRS
answers 204 to the same statement again. A 409 means it holds a *different* statement under
that id, which no retry can fix: the row fails with the LRS's answer.
"""

from __future__ import annotations

import requests

from integrations.models import LrsEndpoint
from integrations.xapi.statements import VERSION
from worker.channels import DeliveryRefused, DeliveryRetry
from worker.models import Notification

TIMEOUT_SECONDS = 10
# Worth another try later: the LRS is down, overloaded, or its credentials are being fixed.
_RETRY_STATUSES = {401, 403, 404, 408, 425, 429}


def statement_deliver(notification: Notification) -> None:
    statement = notification.context["statement"]
    lrs = LrsEndpoint.objects.filter(pk=notification.context.get("lrs_id"), is_active=True).first()
    if lrs is None:
        raise DeliveryRefused("The department's LRS is no longer configured.")
    try:
        response = requests.put(
            lrs.endpoint.rstrip("/") + "/statements",
            params={"statementId": statement["id"]},
            json=statement,
            auth=(lrs.username, lrs.password),
            headers={"X-Experience-API-Version": VERSION},
            timeout=TIMEOUT_SECONDS,
        )
    except (requests.ConnectionError, requests.Timeout) as exc:
        raise DeliveryRetry(f"LRS unreachable: {exc.__class__.__name__}") from exc
    if response.status_code in (200, 204):
        return
    detail = f"LRS answered {response.status_code}: {response.text[:300]}"
    if response.status_code >= 500 or response.status_code in _RETRY_STATUSES:
        raise DeliveryRetry(detail)
    raise DeliveryRefused(detail)
