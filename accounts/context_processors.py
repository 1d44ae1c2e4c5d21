from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accounts.roles import Role
from accounts.selectors import user_roles

NAV = [
    (Role.OFFICER, "learn:home", _("My training")),
    (Role.LIAISON, "department:home", _("Department")),
    (Role.FACILITATOR, "facilitate:home", _("Facilitate")),
    (Role.PARTNER, "partners:home", _("Partner")),
    (Role.STAFF, "admin:index", _("Administration")),
]


def _nav_items(request, roles: frozenset[str]) -> list[dict]:
    items = []
    for role, url_name, label in NAV:
        if role not in roles:
            continue
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return items


def roles(request) -> dict:
    user = getattr(request, "user", None)
    found = user_roles(user=user) if user is not None else frozenset()
    return {"user_roles": found, "nav_items": _nav_items(request, found) if found else []}
