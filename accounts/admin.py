from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts.audit import audit_record
from accounts.models import (
    ApiToken,
    AuditEvent,
    Department,
    Invitation,
    Membership,
    SSOProvider,
    User,
)
from accounts.net import client_ip
from accounts.services import (
    api_token_revoke,
    invitation_revoke,
    membership_separate,
    user_deactivate,
    user_password_changed,
    user_sessions_end,
)
from accounts.templatetags.sso import sso_login_url


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["department"]


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_facilitator", "is_staff", "is_active"]
    list_filter = ["is_staff", "is_facilitator", "is_active", "language"]
    search_fields = ["email", "first_name", "last_name"]
    inlines = [MembershipInline]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Personal info"), {"fields": ("first_name", "last_name", "language")}),
        (
            _("Roles"),
            {"fields": ("is_active", "is_facilitator", "is_staff", "is_superuser", "groups")},
        ),
        (_("Important dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    actions = ["deactivate"]

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            user_sessions_end(user=obj)

    @admin.action(description=_("Deactivate and sign out everywhere"))
    def deactivate(self, request, queryset) -> None:
        for user in queryset:
            user_deactivate(user=user, acting_user=request.user, ip=client_ip(request))

    def user_change_password(self, request, id, form_url=""):
        response = super().user_change_password(request, id, form_url)
        if request.method == "POST" and response.status_code == 302:  # the password was set
            user = User.objects.get(pk=id)
            own = user.pk == request.user.pk
            user_password_changed(
                user=user, keep_session_key=request.session.session_key if own else None
            )
        return response


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ["name", "state", "ori_code", "timezone"]
    list_filter = ["state"]
    search_fields = ["name", "ori_code"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "department", "role", "badge_number", "rank", "status"]
    list_filter = ["role", "status", "department"]
    search_fields = ["user__email", "user__last_name", "badge_number"]
    autocomplete_fields = ["user", "department"]
    list_select_related = ["user", "department"]
    actions = ["separate"]

    @admin.action(description=_("Separate from the roster (keeps training records)"))
    def separate(self, request, queryset) -> None:
        for membership in queryset.filter(role=Membership.Role.OFFICER):
            membership_separate(
                membership=membership, acting_user=request.user, ip=client_ip(request)
            )


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "role", "department", "created_at", "expires_at", "accepted_at"]
    list_filter = ["role"]
    search_fields = ["email"]
    readonly_fields = ["key_hash", "accepted_at", "accepted_by", "invited_by", "created_at"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        # Invitations carry a key that must be emailed: send them from the invitation page.
        return False

    @admin.action(description=_("Revoke selected invitations"))
    def revoke(self, request, queryset) -> None:
        for invitation in queryset:
            invitation_revoke(
                invitation=invitation, acting_user=request.user, ip=client_ip(request)
            )


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "prefix", "created_at", "expires_at", "revoked_at"]
    search_fields = ["user__email", "name", "prefix"]
    readonly_fields = ["prefix", "key_hash", "created_at", "last_used_at"]
    actions = ["revoke"]

    def has_add_permission(self, request) -> bool:
        # A key is shown once to its owner: create tokens on /accounts/tokens/ or the command.
        return False

    @admin.action(description=_("Revoke selected tokens"))
    def revoke(self, request, queryset) -> None:
        for token in queryset:
            api_token_revoke(token=token, acting_user=request.user, ip=client_ip(request))


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    """Read-only: the audit trail is never edited or deleted."""

    list_display = ["occurred_at", "action", "actor_email", "object_type", "object_id", "client_ip"]
    list_filter = ["action"]
    search_fields = ["actor_email", "object_id"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


def https_url_fields(field, **kwargs):
    """Admin forms read a URL typed without a scheme as https (Django 6's default)."""
    if isinstance(field, models.URLField):
        kwargs.setdefault("assume_scheme", "https")
    return field.formfield(**kwargs)


class SSOProviderForm(forms.ModelForm):
    """The client secret is written, never shown back: blank keeps the stored one."""

    client_secret = forms.CharField(
        label=_("OIDC client secret"),
        required=False,
        strip=True,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Stored and never shown again. Leave blank to keep the current secret."),
    )

    class Meta:
        model = SSOProvider
        formfield_callback = https_url_fields
        fields = [
            "department",
            "protocol",
            "name",
            "slug",
            "is_active",
            "issuer_url",
            "client_id",
            "client_secret",
            "idp_entity_id",
            "idp_metadata_url",
            "idp_sso_url",
            "idp_x509_cert",
            "email_domains",
            "password_login_allowed",
            "idp_mfa_satisfies_requirement",
        ]

    def clean_client_secret(self) -> str:
        secret = self.cleaned_data.get("client_secret", "")
        return secret or (self.instance.client_secret if self.instance.pk else "")

    def clean(self):
        cleaned = super().clean()
        protocol = cleaned.get("protocol")
        if protocol == SSOProvider.Protocol.OIDC:
            for field in ("issuer_url", "client_id", "client_secret"):
                if not cleaned.get(field):
                    self.add_error(field, _("Required for OpenID Connect."))
        elif protocol == SSOProvider.Protocol.SAML:
            if not cleaned.get("idp_entity_id"):
                self.add_error("idp_entity_id", _("Required for SAML."))
            has_manual = cleaned.get("idp_sso_url") and cleaned.get("idp_x509_cert")
            if not cleaned.get("idp_metadata_url") and not has_manual:
                self.add_error(
                    "idp_metadata_url",
                    _("Give the metadata URL, or the single sign-on URL and the certificate."),
                )
        return cleaned


@admin.register(SSOProvider)
class SSOProviderAdmin(admin.ModelAdmin):
    form = SSOProviderForm
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    list_display = ["name", "department", "protocol", "slug", "password_login_allowed", "is_active"]
    list_filter = ["protocol", "is_active"]
    search_fields = ["name", "slug", "department__name"]
    autocomplete_fields = ["department"]
    list_select_related = ["department"]
    readonly_fields = ["secret_state", "service_provider_urls"]
    fieldsets = (
        (None, {"fields": ("department", "protocol", "name", "slug", "is_active")}),
        (
            _("OpenID Connect"),
            {"fields": ("issuer_url", "client_id", "client_secret", "secret_state")},
        ),
        (
            _("SAML 2.0"),
            {"fields": ("idp_entity_id", "idp_metadata_url", "idp_sso_url", "idp_x509_cert")},
        ),
        (
            _("Who may sign in"),
            {
                "fields": (
                    "email_domains",
                    "password_login_allowed",
                    "idp_mfa_satisfies_requirement",
                    "service_provider_urls",
                )
            },
        ),
    )

    @admin.display(description=_("Client secret"))
    def secret_state(self, obj) -> str:
        if obj is None or not obj.client_secret:
            return _("not set")
        return _("set (hidden)")

    @admin.display(description=_("Give the identity provider"))
    def service_provider_urls(self, obj) -> str:
        if obj is None or not obj.pk:
            return _("Save first: the addresses depend on the identifier.")
        base = settings.SITE_URL
        if obj.protocol == SSOProvider.Protocol.OIDC:
            callback = reverse("openid_connect_callback", kwargs={"provider_id": obj.slug})
            return format_html(_("Redirect URI: {}"), base + callback)
        metadata = reverse("saml_metadata", kwargs={"organization_slug": obj.slug})
        acs = reverse("saml_acs", kwargs={"organization_slug": obj.slug})
        return format_html(
            _("SP metadata: {}<br>Assertion consumer service: {}<br>Sign-in: {}"),
            base + metadata,
            base + acs,
            base + sso_login_url(obj),
        )

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            action="sso.configured",
            actor=request.user,
            obj=obj,
            department=obj.department,
            client_ip=client_ip(request),
            data={"slug": obj.slug, "protocol": obj.protocol, "changed": form.changed_data},
        )
