"""Writes about people: invitations, separation, sessions, API tokens, denied access.

Every function is keyword-only, owns its transaction, records the acting user and writes the
audit trail. Roster CSV import lives in `accounts.roster`.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.dispatch import Signal
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.audit import audit_record
from accounts.models import ApiToken, Department, Invitation, Membership, User
from accounts.net import client_ip
from accounts.roles import role_source_for
from accounts.selectors import liaison_department_ids, user_roles, user_with_facts_get
from accounts.sessions import sessions_end_for_user
from accounts.tokens import token_key_generate, token_key_hash, token_key_prefix
from repair import clock
from worker.outbox import notification_queue

INVITATION_DAYS = 7
# An invitation repeated sooner than this is the same form sent twice: no second email.
INVITATION_RESEND_AFTER_SECONDS = 60
DEPARTMENT_ROLES = {Invitation.Role.OFFICER, Invitation.Role.LIAISON}


def audit_denied(request, reason: str, *, user=None) -> None:
    """Record a refused request (out of scope, missing MFA, ...); any view may call it.

    `user` is who was refused when it is not yet `request.user` (DRF's authentication).
    """
    user = user if user is not None else getattr(request, "user", None)
    audit_record(
        action="access.denied",
        actor=user,
        client_ip=client_ip(request),
        data={"path": request.path[:300], "method": request.method, "reason": reason},
    )


# Invitations ---------------------------------------------------------------------------


def _invitation_check_allowed(
    *, acting_user: User, role: str, department: Department | None
) -> None:
    if acting_user.is_staff:
        return
    if role != Invitation.Role.OFFICER or department is None:
        raise PermissionDenied("Liaisons invite officers only.")
    if department.pk not in liaison_department_ids(user=acting_user):
        raise PermissionDenied("Not a liaison of this department.")


def _invitation_check_email(
    *, email: str, role: str, department: Department | None, accepting: bool = False
) -> None:
    """An officer is on one roster at a time. The inviting liaison is told only about their own
    roster: an officer of another department is invited like anyone, and learns on accepting
    that the other department must separate them first."""
    if role != Invitation.Role.OFFICER:
        return
    active = Membership.objects.filter(
        user__email__iexact=email, role=Membership.Role.OFFICER, status=Membership.Status.ACTIVE
    ).first()
    if active is None:
        return
    same = active.department_id == (department.pk if department else None)
    if same and not accepting:
        raise ValidationError({"email": _("This officer is already on the roster.")})
    if not same and accepting:
        raise ValidationError(
            _(
                "You are on another department's roster. Ask its liaison to separate you, "
                "then open this invitation again."
            )
        )


def invitation_link(*, key: str) -> str:
    return f"{settings.SITE_URL}{reverse('invitation_accept', args=[key])}"


def _invitation_notify(*, invitation: Invitation, key: str, resend: bool = False) -> None:
    organization = invitation.department or invitation.partner
    dedupe_key = f"invitation:{invitation.pk}"
    if resend:  # one email per key: a re-send is a new message
        dedupe_key += f":{invitation.key_hash[:16]}"
    notification_queue(
        kind="invitation",
        to_email=invitation.email,
        dedupe_key=dedupe_key,
        context={
            "link": invitation_link(key=key),
            "role": str(invitation.get_role_display()),
            "organization": str(organization) if organization else "",
            "invited_by": invitation.invited_by.display_name,
            "first_name": invitation.first_name,
            "expires_on": clock.local_date(
                invitation.expires_at, invitation.department
            ).isoformat(),
        },
    )


# Sent inside the write's transaction; accounts imports no listener (compliance keeps the
# training named on an invitation and enrolls the officer on acceptance).
invitation_created = Signal()  # invitation, assignments
invitation_accepted = Signal()  # invitation, user


def invitation_create(
    *,
    email: str,
    role: str,
    acting_user: User,
    department: Department | None = None,
    partner=None,
    first_name: str = "",
    last_name: str = "",
    badge_number: str = "",
    rank: str = "",
    days: int = INVITATION_DAYS,
    ip: str | None = None,
    assignments: dict | None = None,
) -> tuple[Invitation, str]:
    """Invite someone; returns the invitation and its key (the key is never stored).

    An open invitation for the same address and place is re-sent (new key, new expiry), never
    doubled. When another request invited the same address at the same instant or within
    INVITATION_RESEND_AFTER_SECONDS, its invitation is returned with an empty key: that
    request's email carries the link.

    `assignments` ({"curricula": [...], "due_on": date | None}) names training for an officer
    to be enrolled in on acceptance; `invitation_created` hands it to whoever keeps it.
    """
    email = email.strip().lower()
    _invitation_check_allowed(acting_user=acting_user, role=role, department=department)
    _invitation_check_email(email=email, role=role, department=department)
    department = department if role in DEPARTMENT_ROLES else None
    partner = partner if role == Invitation.Role.PARTNER else None
    fields = {
        "first_name": first_name,
        "last_name": last_name,
        "badge_number": badge_number,
        "rank": rank,
        "invited_by": acting_user,
    }
    key = token_key_generate()
    now = timezone.now()
    place = {"email": email, "role": role, "department": department, "partner": partner}
    with transaction.atomic():
        invitation = _invitation_open(place).select_for_update().first()
        if invitation is not None and _just_sent(invitation, now):
            return invitation, ""  # the same form sent twice (two tabs, a double click)
        if invitation is not None:
            return _invitation_resend(invitation, key, now, days, fields, ip), key
        try:
            with transaction.atomic():
                invitation = Invitation.objects.create(
                    **place,
                    **fields,
                    key_hash=token_key_hash(key),
                    created_at=now,
                    sent_at=now,
                    expires_at=now + dt.timedelta(days=days),
                )
        except IntegrityError:
            # Another request invited the same address this instant; its email goes out.
            return _invitation_open(place).get(), ""
        _invitation_notify(invitation=invitation, key=key)
        if assignments and assignments.get("curricula"):
            invitation_created.send(
                sender=Invitation, invitation=invitation, assignments=assignments
            )
        audit_record(
            action="invitation.sent",
            actor=acting_user,
            obj=invitation,
            department=invitation.department,
            client_ip=ip,
            data={"email": email, "role": role},
        )
    return invitation, key


def _invitation_open(place: dict):
    return Invitation.objects.filter(**place, accepted_at__isnull=True, revoked_at__isnull=True)


def _just_sent(invitation: Invitation, now) -> bool:
    sent_at = invitation.sent_at or invitation.created_at
    return now - sent_at < dt.timedelta(seconds=INVITATION_RESEND_AFTER_SECONDS)


def _invitation_resend(
    invitation: Invitation, key: str, now, days: int, fields: dict, ip: str | None
) -> Invitation:
    """The open invitation gets a new key and expiry and is emailed again (the old link dies)."""
    for name, value in fields.items():
        setattr(invitation, name, value)
    invitation.key_hash = token_key_hash(key)
    invitation.expires_at = now + dt.timedelta(days=days)
    invitation.sent_at = now
    invitation.save(update_fields=[*fields, "key_hash", "expires_at", "sent_at"])
    _invitation_notify(invitation=invitation, key=key, resend=True)
    audit_record(
        action="invitation.resent",
        actor=fields["invited_by"],
        obj=invitation,
        department=invitation.department,
        client_ip=ip,
        data={"email": invitation.email, "role": invitation.role},
    )
    return invitation


def _membership_activate(*, user: User, invitation: Invitation) -> None:
    membership, created = Membership.objects.get_or_create(
        user=user,
        department=invitation.department,
        role=invitation.role,
        defaults={
            "badge_number": invitation.badge_number,
            "rank": invitation.rank,
            "started_on": clock.today(invitation.department),
        },
    )
    if not created and membership.status == Membership.Status.SEPARATED:
        membership.status = Membership.Status.ACTIVE
        membership.separated_on = None
        membership.started_on = clock.today(invitation.department)
        membership.badge_number = invitation.badge_number or membership.badge_number
        membership.rank = invitation.rank or membership.rank
        fields = ["status", "separated_on", "started_on", "badge_number", "rank"]
        membership.save(update_fields=fields)


def _role_grant(*, user: User, invitation: Invitation) -> None:
    if invitation.role in DEPARTMENT_ROLES:
        _membership_activate(user=user, invitation=invitation)
    elif invitation.role == Invitation.Role.FACILITATOR and not user.is_facilitator:
        user.is_facilitator = True
        user.save(update_fields=["is_facilitator"])
    else:
        # A role another app keeps (partners: the partner reviewer) is granted by that app.
        source = role_source_for(invitation.role)
        if source is None or source.grant is None:
            raise ImproperlyConfigured(f"No app grants the {invitation.role!r} role.")
        source.grant(user=user, invitation=invitation)


def invitation_needs_sign_in(*, invitation: Invitation, acting_user: User | None) -> bool:
    """An account in use (a password, or a past sign-in such as agency SSO) is attached only
    when it is the one signed in; only an account the portal made for this person (an import)
    and never used takes a password through the link."""
    existing = User.objects.filter(email__iexact=invitation.email).first()
    if existing is None or (not existing.has_usable_password() and existing.last_login is None):
        return False
    return acting_user is None or acting_user.pk != existing.pk


def _user_for_invitation(
    *, invitation: Invitation, first_name: str, last_name: str, password: str | None
) -> User:
    from allauth.account.models import EmailAddress

    user = User.objects.filter(email__iexact=invitation.email).first()
    if user is None:
        user = User.objects.create_user(
            email=invitation.email, password=password, first_name=first_name, last_name=last_name
        )
    elif not user.has_usable_password():
        user.set_password(password)
        user.first_name = first_name or user.first_name
        user.last_name = last_name or user.last_name
        user.save(update_fields=["password", "first_name", "last_name"])
    # The invitation link reached this address: it is verified.
    EmailAddress.objects.update_or_create(
        user=user, email=user.email, defaults={"primary": True, "verified": True}
    )
    return user


def invitation_accept(
    *,
    invitation: Invitation,
    acting_user: User | None,
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    ip: str | None = None,
) -> User:
    """Use an invitation once: create (or attach to) the user and grant the role.

    A new person (or one put on a roster by an import) sets a name and password; an account
    that already has a password must be the one signed in.
    """
    with transaction.atomic():
        # Locked first: a second tab waits here, then finds the invitation used.
        locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
        if acting_user is not None and locked.accepted_by_id == acting_user.pk:
            return acting_user  # accepted a moment ago from another tab: the same answer
        if not locked.is_usable:
            raise ValidationError(_("This invitation has already been used or has expired."))
        if invitation_needs_sign_in(invitation=locked, acting_user=acting_user):
            raise PermissionDenied("Sign in as the invited account first.")
        _invitation_check_email(
            email=locked.email, role=locked.role, department=locked.department, accepting=True
        )
        user = _user_for_invitation(
            invitation=locked,
            first_name=first_name,
            last_name=last_name,
            password=password,
        )
        _role_grant(user=user, invitation=locked)
        invitation_accepted.send(sender=Invitation, invitation=locked, user=user)
        locked.accepted_at = timezone.now()
        locked.accepted_by = user
        locked.save(update_fields=["accepted_at", "accepted_by"])
        audit_record(
            action="invitation.accepted",
            actor=user,
            obj=locked,
            department=locked.department,
            client_ip=ip,
            data={"role": locked.role},
        )
    return user


# Sessions, separation, deactivation ----------------------------------------------------


def user_sessions_end(*, user: User, keep_session_key: str | None = None) -> int:
    """End every session (but `keep_session_key`) and revoke every API token of the user;
    returns the number of sessions ended. Sessions are found by user, not by a key recorded at
    sign-in (accounts.sessions): a key rotated since (password change) ends too, and so do
    their copies in the session cache."""
    with transaction.atomic():
        ended = sessions_end_for_user(user_id=user.pk, keep_session_key=keep_session_key)
        ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(
            revoked_at=timezone.now()
        )
    return ended


def user_password_changed(*, user: User, keep_session_key: str | None = None) -> int:
    """After a password change or reset: the user's other sessions and every API token end (a
    stolen password or key must not outlive the new password; docs/api.md)."""
    return user_sessions_end(user=user, keep_session_key=keep_session_key)


def membership_separate(
    *, membership: Membership, acting_user: User, ip: str | None = None
) -> Membership:
    """Take an officer off the roster; every training record stays untouched."""
    if membership.department_id not in liaison_department_ids(user=acting_user) and not (
        acting_user.is_staff
    ):
        raise PermissionDenied("Not a liaison of this department.")
    with transaction.atomic():
        locked = Membership.objects.select_for_update().get(pk=membership.pk)
        if locked.status == Membership.Status.SEPARATED:
            return locked
        locked.status = Membership.Status.SEPARATED
        locked.separated_on = clock.today(locked.department)
        locked.save(update_fields=["status", "separated_on"])
        # An old invitation link must not put the officer back on the roster.
        Invitation.objects.filter(
            email=locked.user.email,
            department=locked.department,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
        ).update(revoked_at=timezone.now())
        # Only what this membership granted ends: a person who keeps another role (staff,
        # facilitator, partner, another department) keeps their sessions and API tokens, whose
        # scope already follows the remaining roles.
        remaining = user_with_facts_get(user_id=locked.user_id)
        if remaining is None or not user_roles(user=remaining):
            user_sessions_end(user=locked.user)
        audit_record(
            action="roster.separated",
            actor=acting_user,
            obj=locked,
            department=locked.department,
            client_ip=ip,
            data={"email": locked.user.email},
        )
    return locked


def user_deactivate(*, user: User, acting_user: User, ip: str | None = None) -> User:
    """Stop a user signing in: every session and API token ends now."""
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(is_active=False)
        user.is_active = False
        user_sessions_end(user=user)
        audit_record(action="user.deactivated", actor=acting_user, obj=user, client_ip=ip, data={})
    return user


# API tokens ------------------------------------------------------------------------------


def invitation_revoke(
    *, invitation: Invitation, acting_user: User, ip: str | None = None
) -> Invitation:
    with transaction.atomic():
        updated = Invitation.objects.filter(
            pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
        ).update(revoked_at=timezone.now())
        if updated:
            audit_record(
                action="invitation.revoked",
                actor=acting_user,
                obj=invitation,
                department=invitation.department,
                client_ip=ip,
            )
    return invitation


def api_token_create(
    *, user: User, name: str, days: int | None, acting_user: User, ip: str | None = None
) -> tuple[ApiToken, str]:
    """Create a token; returns it with its key, which is shown once and never stored."""
    key = token_key_generate()
    now = timezone.now()
    expires_at = now + dt.timedelta(days=days) if days else None
    with transaction.atomic():
        token = ApiToken.objects.create(
            user=user,
            created_at=now,
            name=name,
            prefix=token_key_prefix(key),
            key_hash=token_key_hash(key),
            expires_at=expires_at,
        )
        audit_record(
            action="api_token.created",
            actor=acting_user,
            obj=token,
            client_ip=ip,
            data={"name": name, "user": user.email},
        )
    return token, key


def api_token_revoke(*, token: ApiToken, acting_user: User, ip: str | None = None) -> ApiToken:
    if token.user_id != acting_user.pk and not acting_user.is_staff:
        raise PermissionDenied("Not your token.")
    with transaction.atomic():
        if token.revoked_at is None:
            token.revoked_at = timezone.now()
            token.save(update_fields=["revoked_at"])
            audit_record(action="api_token.revoked", actor=acting_user, obj=token, client_ip=ip)
    return token
