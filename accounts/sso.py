"""Agency single sign-on (OpenID Connect and SAML 2.0) through allauth's socialaccount.

Each active `SSOProvider` row is an allauth app, built in `SocialAccountAdapter.list_apps` from
the row (never copied into allauth's SocialApp table, so staff edit one place). A sign-in through
a department's provider is accepted only when:

- the asserted email is in one of the domains the provider vouches for, and
- that email belongs to someone on the department's roster (an active membership) or holding a
  usable invitation to it (the invitation is then accepted: the IdP has proved the address).

The identity is then linked to that account by its verified email; nobody signs up through SSO.
Multi-factor authentication asserted by the IdP (OIDC `amr`, SAML AuthnContext) counts as the
portal's own only when the provider's department says so: the session gets a mark that the
access policy (accounts.middleware) reads. Password sign-in is refused for the people of a
department whose provider turns it off (`password_login_refused`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from urllib.parse import urlsplit

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialApp
from allauth.socialaccount.providers.saml.provider import SAMLProvider
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_record
from accounts.middleware import IDP_MFA_SESSION_KEY
from accounts.models import Invitation, Membership, SSOProvider, User
from accounts.net import client_ip

logger = logging.getLogger(__name__)

# Where the SAML AuthnContext classes of a sign-in are kept in the account's extra data.
SAML_AUTHN_CONTEXTS = "_authn_contexts"

# RFC 8176 methods that are a second factor beside a password.
_OIDC_FACTORS = {"otp", "hwk", "swk", "sms", "tel", "fpt", "face", "iris", "retina", "vbm", "sc"}
_SAML_MFA_CLASSES = {
    "https://refeds.org/profile/mfa",
    "http://schemas.microsoft.com/claims/multipleauthn",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorContract",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:MobileTwoFactorUnregistered",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:Smartcard",
    "urn:oasis:names:tc:SAML:2.0:ac:classes:SmartcardPKI",
}


class AgencySAMLProvider(SAMLProvider):
    """allauth's SAML provider, keeping the assertion's AuthnContext classes (for MFA)."""

    package = "allauth.socialaccount.providers.saml"

    def extract_extra_data(self, data):
        return {**data.get_attributes(), SAML_AUTHN_CONTEXTS: data.get_last_authn_contexts()}


class SSORefused(Exception):
    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class SSOIdentity:
    email: str
    email_verified: bool
    mfa: bool


# Reads ------------------------------------------------------------------------------------


def sso_provider_list_active() -> list[SSOProvider]:
    return list(SSOProvider.objects.filter(is_active=True).select_related("department"))


def sso_social_app(provider: SSOProvider) -> SocialApp:
    """The allauth app of a provider row (unsaved: allauth reads its fields and settings)."""
    if provider.protocol == SSOProvider.Protocol.OIDC:
        return SocialApp(
            provider=provider.protocol,
            provider_id=provider.slug,
            name=provider.name,
            client_id=provider.client_id,
            secret=provider.client_secret,
            settings={"server_url": provider.issuer_url, "oauth_pkce_enabled": True},
        )
    idp = {"entity_id": provider.idp_entity_id}
    if provider.idp_metadata_url:
        idp["metadata_url"] = provider.idp_metadata_url
    else:
        idp.update(sso_url=provider.idp_sso_url, x509cert=provider.idp_x509_cert)
    return SocialApp(
        provider=provider.protocol,
        provider_id=provider.slug,
        name=provider.name,
        client_id=provider.slug,
        settings={
            "idp": idp,
            "attribute_mapping": {
                **AgencySAMLProvider.default_attribute_mapping,
                "email": [
                    "email",
                    "mail",
                    *AgencySAMLProvider.default_attribute_mapping["email"],
                ],
                "first_name": [
                    "givenName",
                    *AgencySAMLProvider.default_attribute_mapping["first_name"],
                ],
                "last_name": ["sn", *AgencySAMLProvider.default_attribute_mapping["last_name"]],
            },
            "use_nameid_for_email": False,
            "advanced": {
                # IdPs sign the assertion or the response; we require one of them signed.
                "want_assertion_signed": True,
                "want_message_signed": False,
                "reject_idp_initiated_sso": True,
            },
        },
    )


def sso_provider_for_app(app: SocialApp) -> SSOProvider | None:
    return (
        SSOProvider.objects.filter(slug=app.provider_id, protocol=app.provider, is_active=True)
        .select_related("department")
        .first()
    )


def sso_identity(sociallogin) -> SSOIdentity:
    """Email, whether the IdP vouches it verified, and whether the IdP used MFA."""
    data = sociallogin.account.extra_data or {}
    email = (sociallogin.user.email or "").strip().lower()
    if sociallogin.provider.id == SSOProvider.Protocol.SAML:
        # A SAML assertion signed by the department's IdP vouches for the address.
        contexts = set(data.get(SAML_AUTHN_CONTEXTS) or [])
        return SSOIdentity(email=email, email_verified=True, mfa=bool(contexts & _SAML_MFA_CLASSES))
    claims = {**(data.get("id_token") or {}), **(data.get("userinfo") or {})}
    verified = claims.get("email_verified") in (True, "true", "True", "1")
    amr = set((data.get("id_token") or {}).get("amr") or claims.get("amr") or [])
    mfa = "mfa" in amr or bool(amr & _OIDC_FACTORS)
    return SSOIdentity(email=email, email_verified=verified, mfa=mfa)


def sso_form_action_origins() -> list[str]:
    """Origins the sign-in page's provider buttons lead to: the buttons post to the portal,
    which redirects to the provider, and browsers hold that redirect to CSP form-action."""
    origins = set()
    for provider in SSOProvider.objects.filter(is_active=True):
        for url in (provider.issuer_url, provider.idp_sso_url, provider.idp_metadata_url):
            parts = urlsplit(url)
            if parts.scheme in ("http", "https") and parts.netloc:
                origins.add(f"{parts.scheme}://{parts.netloc}")
    return sorted(origins)


def password_login_refused(*, user) -> SSOProvider | None:
    """The provider through which this user must sign in, when password sign-in is off."""
    departments = Membership.objects.filter(user=user, status=Membership.Status.ACTIVE).values(
        "department_id"
    )
    return (
        SSOProvider.objects.filter(
            department_id__in=departments, is_active=True, password_login_allowed=False
        )
        .order_by("pk")
        .first()
    )


# Decisions --------------------------------------------------------------------------------


def _domain_vouched(provider: SSOProvider, email: str) -> bool:
    return "@" in email and email.rpartition("@")[2] in provider.domains


def _roster_user(department_id: int, email: str) -> User | None:
    return (
        User.objects.filter(
            email__iexact=email,
            is_active=True,
            memberships__department_id=department_id,
            memberships__status=Membership.Status.ACTIVE,
        )
        .distinct()
        .first()
    )


def _usable_invitation(department_id: int, email: str) -> Invitation | None:
    return (
        Invitation.objects.filter(
            Q(role=Invitation.Role.OFFICER) | Q(role=Invitation.Role.LIAISON),
            email__iexact=email,
            department_id=department_id,
            accepted_at__isnull=True,
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
        )
        .order_by("-created_at")
        .first()
    )


def roster_or_invited_user(*, department_id: int, email: str, ip: str | None) -> User | None:
    """The account `email` signs into at `department_id`: someone on its roster, or someone
    invited to it (the invitation is accepted now: the caller has proved the address).
    None for anyone else: there is no sign-up from another system (SSO, an LMS launch).

    An invitation to an account already in use is accepted only by its holder signed in to
    the portal itself, never by another system's assertion of the address.
    """
    from accounts.services import invitation_accept, invitation_needs_sign_in

    user = _roster_user(department_id, email)
    if user is not None:
        return user
    invitation = _usable_invitation(department_id, email)
    if invitation is None or invitation_needs_sign_in(invitation=invitation, acting_user=None):
        return None
    try:
        return invitation_accept(invitation=invitation, acting_user=None, ip=ip)
    except ValidationError:  # on another department's roster, told when signed in
        return None


def sso_login_resolve(*, provider: SSOProvider, identity: SSOIdentity, ip: str | None) -> User:
    """The account a sign-in through `provider` signs into, or SSORefused with the reason."""
    if not identity.email or not identity.email_verified:
        raise SSORefused("email_unverified")
    if not _domain_vouched(provider, identity.email):
        raise SSORefused("domain_not_vouched")
    user = roster_or_invited_user(department_id=provider.department_id, email=identity.email, ip=ip)
    if user is None:
        raise SSORefused("not_on_roster")
    return user


# allauth adapter --------------------------------------------------------------------------


_REFUSAL_MESSAGES = {
    "email_unverified": _("Your identity provider did not confirm your email address."),
    "domain_not_vouched": _(
        "This sign-in option is for email addresses of the department it belongs to."
    ),
    "not_on_roster": _(
        "You are not on this department's roster. Ask your training liaison for an invitation."
    ),
    "unknown_provider": _("This sign-in option is not available any more."),
}


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    """Department identity providers only, roster members only, no sign-up through SSO."""

    def list_apps(self, request, provider=None, client_id=None) -> list[SocialApp]:
        apps = [sso_social_app(row) for row in sso_provider_list_active()]
        if provider:
            apps = [a for a in apps if provider in (a.provider, a.provider_id)]
        if client_id:
            apps = [a for a in apps if a.client_id == client_id]
        return apps

    def is_open_for_signup(self, request, sociallogin) -> bool:
        return False

    def pre_social_login(self, request, sociallogin) -> None:
        provider = sso_provider_for_app(sociallogin.provider.app)
        identity = sso_identity(sociallogin)
        ip = client_ip(request)
        try:
            if provider is None or sociallogin.state.get("process") == "connect":
                raise SSORefused("unknown_provider")
            user = sso_login_resolve(provider=provider, identity=identity, ip=ip)
            if sociallogin.is_existing and sociallogin.user.pk != user.pk:
                raise SSORefused("not_on_roster")
        except SSORefused as refused:
            self._refuse(request, provider, identity, refused.reason)
        if not sociallogin.is_existing:
            sociallogin.connect(request, user)
            audit_record(
                action="sso.linked",
                actor=user,
                obj=user,
                department=provider.department,
                client_ip=ip,
                data={"provider": provider.slug},
            )
        request.session[IDP_MFA_SESSION_KEY] = bool(
            identity.mfa and provider.idp_mfa_satisfies_requirement
        )

    def _refuse(self, request, provider, identity: SSOIdentity, reason: str):
        audit_record(
            action="sso.refused",
            department=getattr(provider, "department", None),
            client_ip=client_ip(request),
            data={"provider": getattr(provider, "slug", ""), "reason": reason},
        )
        logger.info(
            "SSO sign-in refused (%s) for an address at %s",
            reason,
            identity.email.rpartition("@")[2],
        )
        response = render(
            request,
            "accounts/sso_refused.html",
            {"message": _REFUSAL_MESSAGES[reason], "provider": provider},
            status=403,
        )
        raise ImmediateHttpResponse(response)
