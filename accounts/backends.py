"""Authentication backends whose session look-up reads the user and their access facts at once.

Every signed-in page needs the user's roles and MFA status (scope, the access policy). Django's
backends read the user alone, and the roles cost a second statement on every request; these
read both in one (`accounts.selectors.user_with_facts_get`). Authentication itself is theirs,
unchanged.
"""

from __future__ import annotations

from allauth.account.auth_backends import AuthenticationBackend as AllauthBackend
from django.contrib.auth.backends import ModelBackend as DjangoModelBackend

from accounts.selectors import user_with_facts_get


class _UserWithFactsMixin:
    def get_user(self, user_id):
        user = user_with_facts_get(user_id=user_id)
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(_UserWithFactsMixin, DjangoModelBackend):
    """Django's username (here: email) and password backend (admin, `force_login`)."""


class AuthenticationBackend(_UserWithFactsMixin, AllauthBackend):
    """allauth's backend (sign-in by email, login codes, MFA)."""
