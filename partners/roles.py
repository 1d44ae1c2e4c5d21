"""The partner reviewer role, contributed to accounts (`accounts.roles`).

A user holds the role while they have a `PartnerMembership`; accounts reads it with the user in
the session's one statement and grants it when a partner invitation is accepted, without
importing partners. Registered in PartnersConfig.ready().
"""

from __future__ import annotations

from accounts.roles import Role, RoleSource, role_source_register
from partners.models import PartnerMembership


def partner_membership_grant(*, user, invitation) -> None:
    """The invited user joins the invitation's partner organization (once)."""
    PartnerMembership.objects.get_or_create(partner=invitation.partner, user=user)


def partner_role_register() -> None:
    role_source_register(
        RoleSource(role=Role.PARTNER, model=PartnerMembership, grant=partner_membership_grant)
    )
