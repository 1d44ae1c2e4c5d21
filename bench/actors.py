"""The people the bench acts as: department liaisons, a partner reviewer and staff.

Every one of them holds a TOTP authenticator row, so the bench runs with MFA required like
production and the access-policy middleware does its real work on each request.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

PARTNER_SLUG = "bench"


@dataclass(frozen=True)
class Actors:
    liaison_id: int
    department_id: int
    partner_reviewer_ids: list[int]
    staff_id: int
    liaison_ids: list[int]  # every department's liaison, for the load


def _with_authenticator(users) -> None:
    from allauth.mfa.models import Authenticator

    Authenticator.objects.bulk_create(
        [
            Authenticator(user=user, type=Authenticator.Type.TOTP, data={"secret": "bench"})
            for user in users
        ],
        ignore_conflicts=True,
    )


@transaction.atomic
def actors_create(*, partner_reviewers: int = 4) -> Actors:
    """The staff user, partner reviewers and MFA rows; liaisons come from the generator."""
    from accounts.models import Membership, User
    from partners.models import PartnerMembership, PartnerOrganization

    staff, _ = User.objects.get_or_create(
        email="staff@bench.test",
        defaults={"is_staff": True, "is_superuser": True, "date_joined": timezone.now()},
    )
    partner = PartnerOrganization.objects.get(slug=PARTNER_SLUG)
    reviewers = []
    for n in range(partner_reviewers):
        reviewer, _ = User.objects.get_or_create(email=f"reviewer{n}@bench.test")
        PartnerMembership.objects.get_or_create(partner=partner, user=reviewer)
        reviewers.append(reviewer)
    liaisons = list(
        User.objects.filter(memberships__role=Membership.Role.LIAISON)
        .order_by("memberships__department_id")
        .distinct()
    )
    _with_authenticator([staff, *reviewers, *liaisons])
    first = (
        Membership.objects.filter(role=Membership.Role.LIAISON).order_by("department_id").first()
    )
    return Actors(
        liaison_id=first.user_id,
        department_id=first.department_id,
        partner_reviewer_ids=[r.pk for r in reviewers],
        staff_id=staff.pk,
        liaison_ids=[u.pk for u in liaisons],
    )


def api_keys_create(*, user_ids: list[int]) -> dict[int, str]:
    """One API token per user, through the accounts service (hashed, audited)."""
    from accounts.models import User
    from accounts.services import api_token_create

    staff = User.objects.get(email="staff@bench.test")
    keys = {}
    for user in User.objects.filter(pk__in=user_ids):
        _token, key = api_token_create(user=user, name="bench", days=1, acting_user=staff)
        keys[user.pk] = key
    return keys
