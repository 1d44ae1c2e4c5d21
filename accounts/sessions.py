"""The session engine (SESSION_ENGINE): Django's database sessions, each row holding the id of
its signed-in user, so every session of a user can be ended at once (separation,
deactivation, password change) whatever its key became after sign-in (Django rotates the key
on sign-in and on password change)."""

from __future__ import annotations

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DbSessionStore


class SessionStore(DbSessionStore):
    @classmethod
    def get_model_class(cls):
        from accounts.models import UserBoundSession

        return UserBoundSession

    def create_model_instance(self, data):
        instance = super().create_model_instance(data)
        user_id = data.get(SESSION_KEY)
        instance.user_id = int(user_id) if user_id is not None and str(user_id).isdigit() else None
        return instance
