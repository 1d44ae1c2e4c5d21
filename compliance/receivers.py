"""New roster members get their profile (state POST ID, supervisor) and what the department's
assignment rules give them, in the import's own transaction
(`accounts.roster.roster_members_added`)."""

from __future__ import annotations

from django.dispatch import receiver

from accounts.roster import roster_members_added
from compliance.services import officer_profiles_import, roster_assignments_apply, rules_apply


@receiver(roster_members_added, dispatch_uid="compliance.rules_for_new_members")
def _rules_for_new_members(
    sender, department, user_ids, profiles=None, acting_user=None, **kwargs
) -> None:
    if profiles:
        officer_profiles_import(department=department, profiles=profiles)
        roster_assignments_apply(department=department, profiles=profiles, acting_user=acting_user)
    if user_ids:
        rules_apply(department=department, officer_ids=user_ids)
