"""Reads about people and the scope of what each user may see.

This is the one permission layer: every page and API endpoint scopes its querysets through
these functions (or selectors built on them), never by filtering on its own.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import CharField, Q, QuerySet, Value
from django.utils import timezone

from accounts.models import ApiToken, Department, Invitation, Membership, User
from accounts.roles import PRIVILEGED_ROLES, Role
from accounts.tokens import KEY_PREFIX, token_key_hash

_CACHE_ATTR = "_repair_roles"
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)


# Marks the access-facts query returns besides role names (never a role's value).
_MFA_MARK = "mfa:authenticator"


def _access_facts(user) -> frozenset[str]:
    """The user's active membership roles, partner role and MFA mark, in one round trip.

    Every signed-in request needs all three (scope, privileged session rules, required MFA);
    one UNION instead of three statements, cached on the user object for the request.
    """
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is not None:
        return cached
    from allauth.mfa.models import Authenticator

    from partners.models import PartnerMembership

    roles = (
        Membership.objects.filter(user=user, status=Membership.Status.ACTIVE)
        .order_by()  # the model's default ordering would add joins and a sort to every request
        .values_list("role", flat=True)
    )
    partner = (
        PartnerMembership.objects.filter(user=user)
        .order_by()
        .annotate(mark=Value(Role.PARTNER.value, output_field=CharField()))
        .values_list("mark", flat=True)
    )
    mfa = (
        Authenticator.objects.filter(
            user=user, type__in=[Authenticator.Type.TOTP, Authenticator.Type.WEBAUTHN]
        )
        .order_by()
        .annotate(mark=Value(_MFA_MARK, output_field=CharField()))
        .values_list("mark", flat=True)
    )
    facts = frozenset(roles.union(partner, mfa))  # UNION: each mark once
    setattr(user, _CACHE_ATTR, facts)
    return facts


def user_roles(*, user) -> frozenset[str]:
    """The user's roles, cached on the user object for the rest of the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    roles = set(_access_facts(user) - {_MFA_MARK})
    if user.is_facilitator:
        roles.add(Role.FACILITATOR)
    if user.is_staff:
        roles.add(Role.STAFF)
    return frozenset(roles)


def user_has_role(*, user, role: str) -> bool:
    return role in user_roles(user=user)


def liaison_department_ids(*, user) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(_liaison_department_id_query(user).values_list("department_id", flat=True))


def _liaison_department_id_query(user) -> QuerySet[Membership]:
    return Membership.objects.filter(
        user=user, role=Membership.Role.LIAISON, status=Membership.Status.ACTIVE
    ).order_by()  # no default ordering: it would join the user and department to sort


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
    # A subquery, not a list: one statement for the departments and the scope together.
    return Department.objects.filter(
        pk__in=_liaison_department_id_query(user).values("department_id")
    )


def officer_list_for(*, user, department: Department) -> QuerySet[User]:
    """Officers on a department's roster, if the user may manage that department."""
    if not managed_department_list_for(user=user).filter(pk=department.pk).exists():
        return User.objects.none()
    return User.objects.filter(
        memberships__department=department, memberships__role=Membership.Role.OFFICER
    ).distinct()


def user_requires_mfa(*, user) -> bool:
    """Whether the user must have an authenticator (privileged role and REPAIR_REQUIRE_MFA)."""
    if not settings.REPAIR_REQUIRE_MFA:
        return False
    return bool(user_roles(user=user) & PRIVILEGED_ROLES)


def user_has_authenticator(*, user) -> bool:
    """Whether the user holds a TOTP or WebAuthn authenticator (as of this request)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return _MFA_MARK in _access_facts(user)


def user_lacks_required_mfa(*, user) -> bool:
    return user_requires_mfa(user=user) and not user_has_authenticator(user=user)


def user_is_privileged(*, user) -> bool:
    return bool(user_roles(user=user) & PRIVILEGED_ROLES)


def api_token_get(*, key: str) -> ApiToken | None:
    """The active token with this key whose user may still use the API, without touching it."""
    if not key or not key.startswith(KEY_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=token_key_hash(key), revoked_at__isnull=True)
        .filter(Q(expires_at__isnull=True) | Q(expires_at__gt=timezone.now()))
        .first()
    )
    if token is None or not token.user.is_active or not user_roles(user=token.user):
        return None
    return token


def api_token_user_get(*, key: str, token: ApiToken | object | None = ...) -> User | None:
    """The user an API key authenticates, or None; records use at most once a minute.

    `token` is this key's `api_token_get` result when the caller already has it (the access
    policy middleware looks the key up before DRF authenticates the same request).
    """
    if token is ...:
        token = api_token_get(key=key)
    if token is None:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= TOKEN_TOUCH_INTERVAL:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


def api_token_list_for(*, user) -> QuerySet[ApiToken]:
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def invitation_get_usable(*, key: str) -> Invitation | None:
    """The unused, unexpired, unrevoked invitation with this key, or None."""
    if not key:
        return None
    invitation = (
        Invitation.objects.select_related("department", "partner")
        .filter(key_hash=token_key_hash(key))
        .first()
    )
    if invitation is None or not invitation.is_usable:
        return None
    return invitation


def roster_department_list_for(*, user) -> QuerySet[Department]:
    """Departments whose roster the user may change: those they are the active liaison of."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Department.objects.none()
    return Department.objects.filter(pk__in=liaison_department_ids(user=user))


def roster_membership_get_for(*, user, pk: int) -> Membership | None:
    """An officer membership in a department the user is liaison of, or None (answer 404)."""
    return (
        Membership.objects.select_related("user", "department")
        .filter(
            pk=pk,
            role=Membership.Role.OFFICER,
            department_id__in=liaison_department_ids(user=user),
        )
        .first()
    )
