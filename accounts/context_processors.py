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
    (Role.STAFF, "department:home", _("Departments")),
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
        if any(item["url"] == url for item in items):
            continue  # a liaison who is also staff: one "Department" link
        items.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return items


# Roles whose work uses the REST API (officers read their own training on the pages).
API_ROLES = frozenset({Role.LIAISON, Role.PARTNER, Role.STAFF})


def _account_items(request, roles: frozenset[str]) -> list[dict]:
    """The account pages, shown inside the page under the heading (not in the header)."""
    entries = [
        ("account_email", _("Email")),
        ("account_change_password", _("Password")),
        ("mfa_index", _("Two-factor authentication")),
    ]
    if roles & API_ROLES:
        entries.append(("api_tokens", _("API tokens")))
    if Role.STAFF in roles:
        entries.append(("staff_invite", _("Invite a person")))
    items = []
    for url_name, label in entries:
        try:
            url = reverse(url_name)
        except NoReverseMatch:
            continue
        items.append({"url": url, "label": label, "current": request.path == url})
    return items


def roles(request) -> dict:
    user = getattr(request, "user", None)
    found = user_roles(user=user) if user is not None else frozenset()
    authenticated = bool(getattr(user, "is_authenticated", False))
    return {
        "user_roles": found,
        "nav_items": _nav_items(request, found) if found else [],
        "account_items": _account_items(request, found) if authenticated else [],
    }
