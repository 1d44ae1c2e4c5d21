"""Infrastructure hooks on sign-in, sign-out and MFA changes: session bookkeeping and audit.

Connected in AccountsConfig.ready(); no domain logic lives here.
"""

from __future__ import annotations

from allauth.account import signals as account_signals
from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.dispatch import receiver

from accounts.audit import audit_record
from accounts.middleware import session_stamp_login
from accounts.net import client_ip
from accounts.services import user_password_changed


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="accounts.login")
def on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_stamp_login(request)
    audit_record(action="auth.login", actor=user, obj=user, client_ip=_ip(request))


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    login = credentials.get("email") or credentials.get("username") or ""
    audit_record(
        action="auth.login_failed", client_ip=_ip(request), data={"login": str(login)[:254]}
    )


def on_password_changed(sender, request=None, user=None, **kwargs) -> None:
    """A changed or set password keeps this browser signed in; a reset keeps none."""
    session = getattr(request, "session", None)
    keep = getattr(session, "session_key", None) if "_auth_user_id" in (session or {}) else None
    user_password_changed(user=user, keep_session_key=keep)


def on_password_reset(sender, request=None, user=None, **kwargs) -> None:
    user_password_changed(user=user)


account_signals.password_changed.connect(on_password_changed, dispatch_uid="accounts.pw_changed")
account_signals.password_set.connect(on_password_changed, dispatch_uid="accounts.pw_set")
account_signals.password_reset.connect(on_password_reset, dispatch_uid="accounts.pw_reset")


def _mfa_change(action: str):
    def handler(sender, request=None, user=None, authenticator=None, **kwargs) -> None:
        audit_record(
            action=action,
            actor=user,
            obj=authenticator,
            client_ip=_ip(request),
            data={"type": getattr(authenticator, "type", "")},
        )

    return handler


on_mfa_added = _mfa_change("mfa.added")
on_mfa_removed = _mfa_change("mfa.removed")
on_mfa_reset = _mfa_change("mfa.reset")
on_mfa_failed = _mfa_change("mfa.failed")
mfa_signals.authenticator_added.connect(on_mfa_added, dispatch_uid="accounts.mfa_added")
mfa_signals.authenticator_removed.connect(on_mfa_removed, dispatch_uid="accounts.mfa_removed")
mfa_signals.authenticator_reset.connect(on_mfa_reset, dispatch_uid="accounts.mfa_reset")
mfa_signals.authentication_failed.connect(on_mfa_failed, dispatch_uid="accounts.mfa_failed")
