"""Audit of privileged changes, whatever page, admin form, command or shell makes them.

A change of a role, of a person's access or of what a partner may see must reach the audit
chain even when no service wrote it (the Django admin, `changepassword`, a shell). So the
models that hold those facts are watched at the model level: `watch()` snapshots the watched
fields when a row is loaded (from what was loaded, never a query) and, after a save or delete,
appends one event with the fields that changed, old and new (a password only as "changed").
Services keep recording their own, domain-level events; these are the uniform backstop.
Bulk writes (`update()`, `bulk_create`) send no signal: the services that make them audit
themselves. The acting user and address come from the request being served
(`AuditActorMiddleware`); outside a request the event names the command that ran.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from django.db.models.signals import post_delete, post_init, post_save

from accounts.audit import audit_record

_request_var: ContextVar = ContextVar("audit_request", default=None)
_SNAPSHOT = "_audit_watch_before"


class AuditActorMiddleware:
    """Makes the request being served (its user, its address) known to the watches."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _request_var.set(request)
        try:
            return self.get_response(request)
        finally:
            _request_var.reset(token)


def actor_and_origin() -> tuple[object | None, str | None, str]:
    request = _request_var.get()
    if request is None:
        command = sys.argv[1] if len(sys.argv) > 1 else sys.argv[0] if sys.argv else ""
        return None, None, f"command:{command[:40]}"
    from accounts.net import client_ip

    user = getattr(request, "user", None)
    actor = user if getattr(user, "is_authenticated", False) else None
    return actor, client_ip(request), f"{request.method} {request.path}"[:120]


def _plain(value):
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, dt.date | dt.datetime | Decimal):
        return str(value)
    return str(value)


@dataclass(frozen=True)
class Watch:
    action: str  # "user.access": events "user.access.created", ".changed", ".deleted"
    fields: tuple[str, ...]  # attnames (`department_id`, not `department`)
    secret: frozenset[str] = frozenset()  # recorded as "changed", never their value
    department_id: Callable[[object], int | None] = lambda obj: None
    # Whether a change of this row is recorded, given the row and its loaded values before.
    applies: Callable[[object, dict], bool] = lambda obj, before: True
    on_create: Callable[[object], bool] = lambda obj: True

    def values(self, obj) -> dict:
        return {
            name: ("set" if name in self.secret else _plain(obj.__dict__.get(name)))
            for name in self.fields
        }

    def changes(self, obj, before: dict, update_fields) -> dict:
        changed = {}
        for name in self.fields:
            if name in before:
                if before[name] == obj.__dict__.get(name):
                    continue
                old = before[name]
            elif update_fields is None or name not in update_fields:
                continue
            else:
                old = None
            if name in self.secret:
                changed[name] = "changed"
            else:
                changed[name] = [_plain(old), _plain(obj.__dict__.get(name))]
        return changed

    def record(self, obj, change: str, data: dict) -> None:
        actor, ip, via = actor_and_origin()
        from accounts.models import Department

        department_id = self.department_id(obj)
        audit_record(
            action=f"{self.action}.{change}",
            actor=actor,
            obj=obj,
            department=Department(pk=department_id) if department_id else None,
            client_ip=ip,
            data={**data, "via": via},
        )


def _snapshot(watch: Watch, obj) -> None:
    setattr(obj, _SNAPSHOT, {n: obj.__dict__[n] for n in watch.fields if n in obj.__dict__})


def watch(model, spec: Watch) -> None:
    """Record every save and delete of `model` that `spec` says matters."""
    uid = f"audit_watch.{model._meta.label_lower}"

    def loaded(sender, instance, **kwargs) -> None:
        _snapshot(spec, instance)

    def saved(sender, instance, created, raw=False, update_fields=None, **kwargs) -> None:
        if raw:
            return
        before = getattr(instance, _SNAPSHOT, {})
        if created:
            if spec.on_create(instance):
                spec.record(instance, "created", {"values": spec.values(instance)})
        else:
            changed = spec.changes(instance, before, update_fields)
            if changed and spec.applies(instance, before):
                spec.record(instance, "changed", {"fields": changed})
        _snapshot(spec, instance)

    def deleted(sender, instance, **kwargs) -> None:
        if spec.applies(instance, getattr(instance, _SNAPSHOT, {})):
            spec.record(instance, "deleted", {"values": spec.values(instance)})

    post_init.connect(loaded, sender=model, weak=False, dispatch_uid=uid)
    post_save.connect(saved, sender=model, weak=False, dispatch_uid=uid)
    post_delete.connect(deleted, sender=model, weak=False, dispatch_uid=uid)
