"""The roles a user holds, computed once per request (see `user_roles`)."""

from __future__ import annotations

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class Role(TextChoices):
    OFFICER = "officer", _("Officer")
    LIAISON = "liaison", _("Liaison")
    FACILITATOR = "facilitator", _("Facilitator")
    PARTNER = "partner", _("Partner reviewer")
    STAFF = "staff", _("Program staff")


# Roles that must use multi-factor authentication when REPAIR_REQUIRE_MFA is on.
PRIVILEGED_ROLES = frozenset({Role.LIAISON, Role.FACILITATOR, Role.PARTNER, Role.STAFF})
