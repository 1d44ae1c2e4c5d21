"""Infrastructure hooks on sign-in, sign-out and MFA changes: session bookkeeping and audit.

Connected in AccountsConfig.ready(); no domain logic lives here.
"""

from __future__ import annotations

from allauth.mfa import signals as mfa_signals
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from accounts.audit import audit_record
from accounts.middleware import session_stamp_login
from accounts.models import UserSession
from accounts.net import client_ip
from accounts.services import user_session_track


def _ip(request) -> str | None:
    return client_ip(request) if request is not None else None


@receiver(user_logged_in, dispatch_uid="accounts.login")
def on_login(sender, request, user, **kwargs) -> None:
    if request is not None and hasattr(request, "session"):
        session_stamp_login(request)
        if request.session.session_key is None:
            request.session.save()
        user_session_track(user=user, session_key=request.session.session_key)
    audit_record(action="auth.login", actor=user, obj=user, client_ip=_ip(request))


@receiver(user_logged_out, dispatch_uid="accounts.logout")
def on_logout(sender, request, user, **kwargs) -> None:
    key = getattr(getattr(request, "session", None), "session_key", None)
    if key:
        UserSession.objects.filter(session_key=key).delete()


@receiver(user_login_failed, dispatch_uid="accounts.login_failed")
def on_login_failed(sender, credentials, request=None, **kwargs) -> None:
    login = credentials.get("email") or credentials.get("username") or ""
    audit_record(
        action="auth.login_failed", client_ip=_ip(request), data={"login": str(login)[:254]}
    )


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
