"""Which roles may call which endpoint; which objects they reach is the selectors' business."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from accounts.roles import Role
from accounts.selectors import user_roles


class _HasAnyRole(BasePermission):
    roles: frozenset[str] = frozenset()

    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return bool(user_roles(user=user) & self.roles)


class IsOfficer(_HasAnyRole):
    roles = frozenset({Role.OFFICER})


class IsLiaison(_HasAnyRole):
    roles = frozenset({Role.LIAISON})


class IsLiaisonOrStaff(_HasAnyRole):
    roles = frozenset({Role.LIAISON, Role.STAFF})
