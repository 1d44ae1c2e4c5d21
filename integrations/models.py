"""Integrations with the systems departments run: LTI 1.3 platform registrations, xAPI learning
record stores, and the Open Badges 3.0 credential of each certificate. (Agency single sign-on
lives in accounts: sign-in and MFA read it.)"""

from __future__ import annotations

import uuid

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Department, User
from curriculum.models import Certificate, Curriculum, Enrollment

# Bitstring Status List: the minimum length (16 KB) gives every credential herd privacy.
STATUS_LIST_SIZE = 131_072


class BadgeCredential(models.Model):
    """The signed Open Badges 3.0 credential of a certificate, frozen when first issued
    (its proof covers these exact bytes); revocation is the certificate's, published through
    the status list at `status_index`."""

    certificate = models.OneToOneField(
        Certificate, on_delete=models.PROTECT, related_name="badge_credential"
    )
    credential_id = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    status_index = models.PositiveIntegerField(unique=True)
    key_id = models.CharField(max_length=64)
    document = models.JSONField()
    issued_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(status_index__lt=STATUS_LIST_SIZE), name="badge_status_index_in_list"
            )
        ]

    def __str__(self) -> str:
        return f"urn:uuid:{self.credential_id}"


class LrsEndpoint(models.Model):
    """A department's Learning Record Store: its officers' xAPI statements go there."""

    department = models.OneToOneField(
        Department, on_delete=models.PROTECT, related_name="lrs_endpoint"
    )
    endpoint = models.URLField(
        _("xAPI endpoint"),
        max_length=500,
        help_text=_("The LRS's xAPI base URL, e.g. https://lrs.example.gov/xAPI/"),
    )
    username = models.CharField(_("key (username)"), max_length=255)
    password = models.CharField(_("secret (password)"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("xAPI learning record store")

    def __str__(self) -> str:
        return f"{self.department}: {self.endpoint}"


class LtiPlatform(models.Model):
    """A department's LMS (Moodle, Canvas, …) registered to launch REPAIR as an LTI 1.3 tool."""

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="lti_platforms"
    )
    name = models.CharField(_("name"), max_length=200)
    issuer = models.CharField(_("issuer (iss)"), max_length=500)
    client_id = models.CharField(_("client ID"), max_length=255)
    deployment_ids = models.CharField(
        _("deployment IDs"), max_length=1000, help_text=_("Comma-separated.")
    )
    auth_login_url = models.URLField(_("OIDC authentication request URL"), max_length=500)
    auth_token_url = models.URLField(_("access token URL"), max_length=500)
    key_set_url = models.URLField(_("platform JWKS URL"), max_length=500)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("LTI 1.3 platform")
        constraints = [
            models.UniqueConstraint(fields=["issuer", "client_id"], name="lti_platform_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"

    @property
    def deployments(self) -> list[str]:
        return [d.strip() for d in self.deployment_ids.split(",") if d.strip()]


class LtiToolKey(models.Model):
    """The tool's RSA keys: the newest active one signs; every key not retired is published
    in the JWKS so platforms can check messages signed before a rotation."""

    kid = models.CharField(max_length=64, unique=True)
    private_key_pem = models.TextField()
    public_jwk = models.JSONField()
    created_at = models.DateTimeField(default=timezone.now)
    retired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("LTI tool key")

    def __str__(self) -> str:
        return self.kid


class LtiResourceLink(models.Model):
    """A link in a platform's course that launches one curriculum (chosen by deep linking)."""

    platform = models.ForeignKey(LtiPlatform, on_delete=models.CASCADE, related_name="links")
    resource_link_id = models.CharField(max_length=255)
    context_id = models.CharField(max_length=255, blank=True)
    curriculum = models.ForeignKey(Curriculum, on_delete=models.PROTECT, related_name="+")
    lineitem_url = models.URLField(max_length=500, blank=True)
    lineitems_url = models.URLField(max_length=500, blank=True)
    ags_scopes = models.JSONField(default=list, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "resource_link_id"], name="lti_resource_link_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.platform}: {self.resource_link_id}"


class LtiOutcome(models.Model):
    """Where an enrollment's score and completion go back: the officer as the platform knows
    them (`sub`) in one resource link's line item."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.CASCADE, related_name="+")
    link = models.ForeignKey(LtiResourceLink, on_delete=models.CASCADE, related_name="outcomes")
    lti_user_id = models.CharField(max_length=255)
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "link"], name="lti_outcome_unique")
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} -> {self.link_id}"
