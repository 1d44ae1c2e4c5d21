"""The roles a user holds, computed once per request (see `user_roles`), and where they come from.

Identity knows the names of the roles, not where every role is kept: the officer and liaison
roles are accounts' own (memberships), the facilitator and staff roles are flags on the user,
and any other app that keeps a role in a table of its own contributes it here from its
AppConfig.ready() with `role_source_register` (partners: the partner reviewer role, a
`PartnerMembership` row). The session's user look-up reads every registered role as one EXISTS
column of the same statement (`accounts.selectors.user_with_facts_get`), and an invitation to
that role is granted through the source's `grant` (`accounts.services.invitation_accept`).
Accounts imports no app above it (tests/test_layering.py).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Model, TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    OFFICER = "officer", _("Officer")
    LIAISON = "liaison", _("Liaison")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTNER = "partner", _("Partner reviewer")
    STAFF = "staff", _("Program staff")


# Roles that must use multi-factor authentication when REPAIR_REQUIRE_MFA is on.
PRIVILEGED_ROLES = frozenset({Role.LIAISON, Role.FACILITATOR, Role.PARTNER, Role.STAFF})


@dataclass(frozen=True)
class RoleSource:
    """A role held by whoever has a row of `model` whose `user_field` points at them.

    `grant(user=, invitation=)` gives the role to the user who accepted an invitation to it
    (inside the acceptance's transaction); None when the role cannot be invited to.
    """

    role: str
    model: type[Model]
    user_field: str = "user"
    grant: Callable[..., None] | None = None

    @property
    def column(self) -> str:
        """The alias of this role's EXISTS column in the session's user look-up."""
        return f"repair_role_{self.role!s}"


_SOURCES: dict[str, RoleSource] = {}


def role_source_register(source: RoleSource) -> None:
    """Called from an app's AppConfig.ready(); registering the same role again replaces it."""
    _SOURCES[str(source.role)] = source


def role_sources() -> tuple[RoleSource, ...]:
    """The registered sources, in a stable order (the columns of the user look-up)."""
    return tuple(_SOURCES[role] for role in sorted(_SOURCES))


def role_source_for(role: str) -> RoleSource | None:
    return _SOURCES.get(str(role))
