"""Reads about people and the scope of what each user may see.

This is the one permission layer: every page and API endpoint scopes its querysets through
these functions (or selectors built on them), never by filtering on its own.
"""

from __future__ import annotations

from django.db.models import QuerySet

from accounts.models import Department, Membership, User
from accounts.roles import Role

_CACHE_ATTR = "_repair_roles"


def user_roles(*, user) -> frozenset[str]:
    """The user's roles, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    roles = set(
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        .values_list("role", flat=True)
        .distinct()
    )
    if user.is_facilitator:
        roles.add(Role.FACILITATOR)
    if user.is_staff:
        roles.add(Role.STAFF)
    if user.partner_memberships.exists():
        roles.add(Role.PARTNER)
    result = frozenset(roles)
    setattr(user, _CACHE_ATTR, result)
    return result


def user_has_role(*, user, role: str) -> bool:
    return role in user_roles(user=user)


def liaison_department_ids(*, user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(
        Membership.objects.filter(
            user=user, role=Membership.Role.LIAISON, status=Membership.Status.ACTIVE
        ).values_list("department_id", flat=True)
    )


def officer_membership_get(*, user) -> Membership | None:
    """The user's active officer membership (an officer belongs to one department)."""
    if not getattr(user, "is_authenticated", False):
        return None
    return (
        Membership.objects.select_related("department")
        .filter(user=user, role=Membership.Role.OFFICER, status=Membership.Status.ACTIVE)
        .first()
    )


def department_list_for(*, user) -> QuerySet[Department]:
    """Departments the user may see: all for staff, their own for liaisons and officers."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Department.objects.none()
    if user.is_staff:
        return Department.objects.all()
    return Department.objects.filter(
        memberships__user=user, memberships__status=Membership.Status.ACTIVE
    ).distinct()


def managed_department_list_for(*, user) -> QuerySet[Department]:
    """Departments whose roster and progress the user may manage (liaison) or read (staff)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Department.objects.none()
    if user.is_staff:
        return Department.objects.all()
    return Department.objects.filter(pk__in=liaison_department_ids(user=user))


def officer_list_for(*, user, department: Department) -> QuerySet[User]:
    """Officers on a department's roster, if the user may manage that department."""
    if not managed_department_list_for(user=user).filter(pk=department.pk).exists():
        return User.objects.none()
    return User.objects.filter(
        memberships__department=department, memberships__role=Membership.Role.OFFICER
    ).distinct()
