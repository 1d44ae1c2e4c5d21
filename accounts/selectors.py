"""Reads about people and the scope of what each user may see.

This is the one permission layer: every page and API endpoint scopes its querysets through
these functions (or selectors built on them), never by filtering on its own.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone

from accounts.models import ApiToken, Department, Invitation, Membership, User
from accounts.roles import PRIVILEGED_ROLES, Role, role_sources
from accounts.tokens import KEY_PREFIX, token_key_hash

_CACHE_ATTR = "_repair_roles"
_ZONE_ATTR = "_repair_timezone"
TOKEN_TOUCH_INTERVAL = dt.timedelta(minutes=1)


# Marks the access facts hold besides role names (never a role's value).
_MFA_MARK = "mfa:authenticator"
# accounts' own facts, as columns read with the user: (column alias, fact), one EXISTS each.
# Roles other apps keep are added from `accounts.roles.role_sources()`.
_OWN_FACT_COLUMNS = (
    ("repair_officer", Membership.Role.OFFICER.value),
    ("repair_liaison", Membership.Role.LIAISON.value),
    ("repair_mfa", _MFA_MARK),
)


def _fact_columns() -> tuple[tuple[str, str], ...]:
    return _OWN_FACT_COLUMNS + tuple((s.column, s.role) for s in role_sources())


def _role_source_exists(source, user_alias: str) -> str:
    """`EXISTS (...) AS <alias>`: whether the user has a row of the source's table."""
    q = connection.ops.quote_name
    table = q(source.model._meta.db_table)
    user_column = q(source.model._meta.get_field(source.user_field).column)
    return (
        f"EXISTS (SELECT 1 FROM {table} r WHERE r.{user_column} = {user_alias}.id) "
        f"AS {source.column}"
    )


def _fact_select(user_alias: str) -> tuple[str, list]:
    """The EXISTS columns of the access facts of the user row `user_alias`, and their params."""
    from allauth.mfa.models import Authenticator

    q = connection.ops.quote_name
    membership, department = q(Membership._meta.db_table), q(Department._meta.db_table)
    authenticator = q(Authenticator._meta.db_table)
    role_exists = (
        f"EXISTS (SELECT 1 FROM {membership} m WHERE m.user_id = {user_alias}.id "
        "AND m.status = %s AND m.role = %s)"
    )
    columns = [
        f"{role_exists} AS repair_officer",
        f"{role_exists} AS repair_liaison",
        f"EXISTS (SELECT 1 FROM {authenticator} a WHERE a.user_id = {user_alias}.id "
        "AND a.type IN (%s, %s)) AS repair_mfa",
        # The zone of the user's department (their officer one first): their calendar.
        f"(SELECT d.timezone FROM {membership} m INNER JOIN {department} d "
        f"ON d.id = m.department_id WHERE m.user_id = {user_alias}.id AND m.status = %s "
        "ORDER BY CASE WHEN m.role = %s THEN 0 ELSE 1 END, m.id LIMIT 1) AS repair_timezone",
        # Roles kept by other apps (partners: the partner reviewer), no params.
        *(_role_source_exists(source, user_alias) for source in role_sources()),
    ]
    params = [
        Membership.Status.ACTIVE.value,
        Membership.Role.OFFICER.value,
        Membership.Status.ACTIVE.value,
        Membership.Role.LIAISON.value,
        Authenticator.Type.TOTP.value,
        Authenticator.Type.WEBAUTHN.value,
        Membership.Status.ACTIVE.value,
        Membership.Role.OFFICER.value,
    ]
    return ", ".join(columns), params


def _facts_keep(user) -> None:
    """Cache on the user the facts its row was read with (see `user_with_facts_get`)."""
    facts = frozenset(fact for column, fact in _fact_columns() if getattr(user, column, False))
    setattr(user, _CACHE_ATTR, facts)
    setattr(user, _ZONE_ATTR, user.repair_timezone or "")


def user_with_facts_get(*, user_id) -> User | None:
    """The user with their access facts, in one statement (the session's user look-up)."""
    columns, params = _fact_select("u")
    table = connection.ops.quote_name(User._meta.db_table)
    users = list(
        User.objects.raw(
            f"SELECT u.*, {columns} FROM {table} u WHERE u.id = %s", [*params, user_id]
        )
    )
    if not users:
        return None
    _facts_keep(users[0])
    return users[0]


def _access_facts(user) -> frozenset[str]:
    """The user's active membership roles, partner role and MFA mark.

    Every signed-in request needs all three (scope, privileged session rules, required MFA).
    The session and token look-ups read them with the user, in the same statement; any other
    user object reads them once here. Cached on the user object for the request.
    """
    if getattr(user, _CACHE_ATTR, None) is None:
        _facts_read_into(user)
    return getattr(user, _CACHE_ATTR)


def user_timezone_name(*, user) -> str:
    """The time zone of the user's department ("" without one: the site's), read with the
    user's access facts (no statement of its own on a signed-in request)."""
    if not getattr(user, "is_authenticated", False):
        return ""
    if getattr(user, _ZONE_ATTR, None) is None:
        _facts_read_into(user)
    return getattr(user, _ZONE_ATTR)


def _facts_read_into(user) -> None:
    """Read the access facts of a user object that was not loaded with them."""
    read = user_with_facts_get(user_id=user.pk)
    setattr(user, _CACHE_ATTR, getattr(read, _CACHE_ATTR, frozenset()))
    setattr(user, _ZONE_ATTR, getattr(read, _ZONE_ATTR, ""))


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
    cached = getattr(user, "_repair_liaison_departments", None)
    if cached is None:
        cached = list(_liaison_department_id_query(user).values_list("department_id", flat=True))
        user._repair_liaison_departments = cached  # for the rest of the request, like the roles
    return list(cached)


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


@dataclass(frozen=True)
class TokenMatch:
    """An active API token's id, its user (with access facts) and whether to stamp its use."""

    token_id: int
    user: User
    stale: bool  # last used more than TOKEN_TOUCH_INTERVAL ago, or never


def api_token_get(*, key: str) -> TokenMatch | None:
    """The active token with this key whose user may still use the API, without touching it.

    One statement: the token, its user and the user's access facts (the hot path of every API
    request).
    """
    if not key or not key.startswith(KEY_PREFIX):
        return None
    columns, params = _fact_select("u")
    q = connection.ops.quote_name
    token_table, user_table = q(ApiToken._meta.db_table), q(User._meta.db_table)
    now = timezone.now()
    adapt = connection.ops.adapt_datetimefield_value
    sql = (
        f"SELECT u.*, {columns}, t.id AS repair_token_id, "
        "(t.last_used_at IS NULL OR t.last_used_at <= %s) AS repair_token_stale "
        f"FROM {token_table} t INNER JOIN {user_table} u ON u.id = t.user_id "
        "WHERE t.key_hash = %s AND t.revoked_at IS NULL "
        "AND (t.expires_at IS NULL OR t.expires_at > %s)"
    )
    users = list(
        User.objects.raw(
            sql,
            [*params, adapt(now - TOKEN_TOUCH_INTERVAL), token_key_hash(key), adapt(now)],
        )
    )
    if not users:
        return None
    user = users[0]
    _facts_keep(user)
    if not user.is_active or not user_roles(user=user):
        return None
    return TokenMatch(token_id=user.repair_token_id, user=user, stale=bool(user.repair_token_stale))


def api_token_user_get(*, key: str) -> User | None:
    """The user an API key authenticates, or None; records use at most once a minute."""
    token = api_token_get(key=key)
    if token is None:
        return None
    if token.stale:
        ApiToken.objects.filter(pk=token.token_id).update(last_used_at=timezone.now())
    return token.user


def api_token_list_for(*, user) -> QuerySet[ApiToken]:
    if not getattr(user, "is_authenticated", False):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(user=user).order_by("-created_at")


def invitation_accepted_by_id(*, key: str, within_seconds: int = 60) -> int | None:
    """Who accepted the invitation with this key in the last minute (a second tab's answer);
    None for an unknown key or one used longer ago (a used link is then simply invalid)."""
    if not key:
        return None
    since = timezone.now() - dt.timedelta(seconds=within_seconds)
    return (
        Invitation.objects.filter(key_hash=token_key_hash(key), accepted_at__gte=since)
        .values_list("accepted_by_id", flat=True)
        .first()
    )


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
