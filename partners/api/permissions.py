"""Who may call the partner endpoints; which partner they reach is the selectors' business."""

from __future__ import annotations

from rest_framework.permissions import BasePermission

from accounts.roles import Role
from accounts.selectors import user_roles


class IsPartnerOrStaff(BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        if not (user and user.is_authenticated):
            return False
        return bool(user_roles(user=user) & {Role.PARTNER, Role.STAFF})
