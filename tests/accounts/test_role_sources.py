"""Roles kept by other apps (accounts.roles, issue 20): registered from the app's ready(), read
with the user in the session's one statement, granted when an invitation to them is accepted."""

from __future__ import annotations

import pytest
from django.core.exceptions import ImproperlyConfigured

from accounts import roles
from accounts.models import Invitation
from accounts.roles import Role, RoleSource, role_source_for
from accounts.selectors import user_roles, user_with_facts_get
from accounts.services import invitation_accept, invitation_create
from curriculum.models import Enrollment
from partners.models import PartnerMembership
from partners.roles import partner_membership_grant
from tests import factories

pytestmark = pytest.mark.django_db


def test_partners_registers_the_partner_reviewer_role():
    source = role_source_for(Role.PARTNER)

    assert (source.model, source.grant) == (PartnerMembership, partner_membership_grant)


def test_a_partner_reviewer_is_read_with_their_roles_in_one_statement(django_assert_num_queries):
    reviewer = factories.PartnerMembershipFactory().user

    with django_assert_num_queries(1):
        read = user_with_facts_get(user_id=reviewer.pk)
        found = user_roles(user=read)

    assert found == {Role.PARTNER}


def test_a_role_another_app_registers_joins_the_same_statement(
    monkeypatch, officer, department, django_assert_num_queries
):
    """Any table with a user column can hold a role (here: enrollments, by their officer)."""
    sources = {
        **roles._SOURCES,
        "learner": RoleSource(role="learner", model=Enrollment, user_field="officer"),
    }
    monkeypatch.setattr(roles, "_SOURCES", sources)
    factories.EnrollmentFactory(officer=officer, department=department)
    other = factories.UserFactory()

    with django_assert_num_queries(2):
        found = user_roles(user=user_with_facts_get(user_id=officer.pk))
        other_found = user_roles(user=user_with_facts_get(user_id=other.pk))

    assert (found, other_found) == ({Role.OFFICER, "learner"}, frozenset())


def test_accepting_an_invitation_to_a_role_nobody_grants_fails_and_grants_nothing(
    monkeypatch, staff_user
):
    partner = factories.PartnerOrganizationFactory()
    invitation, _key = invitation_create(
        email="par@example.test", role="partner", partner=partner, acting_user=staff_user
    )
    monkeypatch.setattr(roles, "_SOURCES", {})

    with pytest.raises(ImproperlyConfigured):
        invitation_accept(
            invitation=invitation,
            acting_user=None,
            first_name="P",
            last_name="R",
            password="a-long-password-1",
        )

    assert not PartnerMembership.objects.exists()
    assert Invitation.objects.get(pk=invitation.pk).accepted_at is None
