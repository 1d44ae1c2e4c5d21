from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts.admin import https_url_fields
from accounts.audit import audit_record
from accounts.net import client_ip
from integrations.models import BadgeCredential, LrsEndpoint, LtiPlatform, LtiToolKey

URL_FIELDS = {models.URLField: {"assume_scheme": "https"}}


class LrsEndpointForm(forms.ModelForm):
    """The LRS secret is written, never shown back: blank keeps the stored one."""

    password = forms.CharField(
        label=_("secret (password)"),
        required=False,
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        help_text=_("Stored and never shown again. Leave blank to keep the current secret."),
    )

    class Meta:
        model = LrsEndpoint
        formfield_callback = https_url_fields
        fields = ["department", "endpoint", "username", "password", "is_active"]

    def clean_password(self) -> str:
        secret = self.cleaned_data.get("password", "")
        if not secret and not self.instance.pk:
            raise forms.ValidationError(_("Give the LRS secret."))
        return secret or self.instance.password


class _Audited(admin.ModelAdmin):
    formfield_overrides = URL_FIELDS

    def save_model(self, request, obj, form, change) -> None:
        super().save_model(request, obj, form, change)
        audit_record(
            action=f"integration.{obj._meta.model_name}.saved",
            actor=request.user,
            obj=obj,
            department=getattr(obj, "department", None),
            client_ip=client_ip(request),
            data={"changed": form.changed_data},
        )


@admin.register(LrsEndpoint)
class LrsEndpointAdmin(_Audited):
    form = LrsEndpointForm
    list_display = ["department", "endpoint", "is_active"]
    autocomplete_fields = ["department"]
    readonly_fields = ["secret_state"]
    fields = ["department", "endpoint", "username", "password", "secret_state", "is_active"]

    @admin.display(description=_("Secret"))
    def secret_state(self, obj) -> str:
        return _("set (hidden)") if obj is not None and obj.password else _("not set")


@admin.register(LtiPlatform)
class LtiPlatformAdmin(_Audited):
    list_display = ["name", "department", "issuer", "client_id", "is_active"]
    autocomplete_fields = ["department"]
    readonly_fields = ["tool_urls"]

    @admin.display(description=_("Give the platform"))
    def tool_urls(self, obj) -> str:
        from integrations.lti.tool import tool_urls_html

        return tool_urls_html()


@admin.register(LtiToolKey)
class LtiToolKeyAdmin(admin.ModelAdmin):
    """Keys are made by `manage.py lti_rotate_key`; the private half is never shown."""

    list_display = ["kid", "created_at", "retired_at"]
    fields = ["kid", "public_jwk", "created_at", "retired_at"]
    readonly_fields = ["kid", "public_jwk", "created_at"]

    def has_add_permission(self, request) -> bool:
        return False


@admin.register(BadgeCredential)
class BadgeCredentialAdmin(admin.ModelAdmin):
    """Read-only: a credential is signed once; revoke its certificate to revoke it."""

    list_display = ["credential_id", "certificate", "key_id", "issued_at"]
    search_fields = ["certificate__code", "credential_id"]
    readonly_fields = ["certificate", "credential_id", "status_index", "key_id", "issued_at"]
    exclude = ["document"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
