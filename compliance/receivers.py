"""New roster members get their profile (state POST ID, supervisor) and what the department's
assignment rules give them, in the import's own transaction
(`accounts.roster.roster_members_added`)."""

from __future__ import annotations

from django.dispatch import receiver

from accounts.roster import roster_members_added
from accounts.services import invitation_accepted, invitation_created
from compliance.services import (
    invitation_assignments_enroll,
    invitation_assignments_set,
    officer_profiles_import,
    roster_assignments_apply,
    rules_apply,
)


@receiver(roster_members_added, dispatch_uid="compliance.rules_for_new_members")
def _rules_for_new_members(
    sender, department, user_ids, profiles=None, acting_user=None, **kwargs
) -> None:
    if profiles:
        officer_profiles_import(department=department, profiles=profiles)
        roster_assignments_apply(department=department, profiles=profiles, acting_user=acting_user)
    if user_ids:
        rules_apply(department=department, officer_ids=user_ids)


@receiver(invitation_created, dispatch_uid="compliance.invitation_assignments_keep")
def _invitation_assignments_keep(sender, invitation, assignments, **kwargs) -> None:
    invitation_assignments_set(invitation=invitation, assignments=assignments)


@receiver(invitation_accepted, dispatch_uid="compliance.invitation_assignments_enroll")
def _invitation_assignments_enroll(sender, invitation, user, **kwargs) -> None:
    if invitation.role == "officer" and invitation.department_id:
        invitation_assignments_enroll(invitation=invitation, user=user)
        rules_apply(department=invitation.department, officer_ids=[user.pk])
