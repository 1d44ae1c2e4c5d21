"""People and access: users, departments, memberships, invitations, API tokens, audit events."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.db.models import CharField, F, Func, Q, Value
from django.db.models.functions import Coalesce, Concat, NullIf, Trim
from django.utils.timezone import now
from django.utils.translation import gettext_lazy as _

from repair import clock

US_STATES = [
    ("AL", "Alabama"), ("AK", "Alaska"), ("AZ", "Arizona"), ("AR", "Arkansas"),
    ("CA", "California"), ("CO", "Colorado"), ("CT", "Connecticut"), ("DE", "Delaware"),
    ("DC", "District of Columbia"), ("FL", "Florida"), ("GA", "Georgia"), ("HI", "Hawaii"),
    ("ID", "Idaho"), ("IL", "Illinois"), ("IN", "Indiana"), ("IA", "Iowa"), ("KS", "Kansas"),
    ("KY", "Kentucky"), ("LA", "Louisiana"), ("ME", "Maine"), ("MD", "Maryland"),
    ("MA", "Massachusetts"), ("MI", "Michigan"), ("MN", "Minnesota"), ("MS", "Mississippi"),
    ("MO", "Missouri"), ("MT", "Montana"), ("NE", "Nebraska"), ("NV", "Nevada"),
    ("NH", "New Hampshire"), ("NJ", "New Jersey"), ("NM", "New Mexico"), ("NY", "New York"),
    ("NC", "North Carolina"), ("ND", "North Dakota"), ("OH", "Ohio"), ("OK", "Oklahoma"),
    ("OR", "Oregon"), ("PA", "Pennsylvania"), ("PR", "Puerto Rico"), ("RI", "Rhode Island"),
    ("SC", "South Carolina"), ("SD", "South Dakota"), ("TN", "Tennessee"), ("TX", "Texas"),
    ("UT", "Utah"), ("VT", "Vermont"), ("VA", "Virginia"), ("WA", "Washington"),
    ("WV", "West Virginia"), ("WI", "Wisconsin"), ("WY", "Wyoming"),
]  # fmt: skip


class UserManager(BaseUserManager["User"]):
    use_in_migrations = True

    def _create_user(self, email: str, password: str | None, **extra) -> User:
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email: str, password: str | None = None, **extra) -> User:
        extra.setdefault("is_staff", False)
        extra.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra)

    def create_superuser(self, email: str, password: str | None = None, **extra) -> User:
        extra["is_staff"] = True
        extra["is_superuser"] = True
        return self._create_user(email, password, **extra)


class User(AbstractUser):
    """A person who signs in with an email address; roles come from memberships."""

    class Language(models.TextChoices):
        ENGLISH = "en", _("English")
        SPANISH = "es", _("Spanish")

    username = None
    email = models.EmailField(_("email address"), unique=True)
    language = models.CharField(
        _("preferred language"), max_length=8, choices=Language.choices, default=Language.ENGLISH
    )
    is_facilitator = models.BooleanField(_("facilitator"), default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = UserManager()

    class Meta:
        ordering = ["last_name", "first_name", "email"]

    def __str__(self) -> str:
        return self.email

    @property
    def display_name(self) -> str:
        full = f"{self.first_name} {self.last_name}".strip()
        return full or self.email


def display_name_expression(prefix: str = "") -> Func:
    """`User.display_name` computed by the database, for rows read without model instances."""
    full = Trim(Concat(f"{prefix}first_name", Value(" "), f"{prefix}last_name"))
    return Coalesce(NullIf(full, Value("")), F(f"{prefix}email"), output_field=CharField())


class Department(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    state = models.CharField(_("state"), max_length=2, choices=US_STATES)
    ori_code = models.CharField(_("ORI code"), max_length=9, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        choices=clock.TIME_ZONES,
        default="America/New_York",
        help_text=_("Due dates, module releases and completion dates follow this zone."),
    )
    created_at = models.DateTimeField(default=now)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ori_code"], condition=~Q(ori_code=""), name="department_ori_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Membership(models.Model):
    """A user's role in one department: an officer on its roster, or its liaison."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Officer")
        LIAISON = "liaison", _("Liaison")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Active")
        SEPARATED = "separated", _("Separated")

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="memberships")
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="memberships")
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.OFFICER)
    badge_number = models.CharField(_("badge number"), max_length=32, blank=True)
    rank = models.CharField(_("rank"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=Status.choices, default=Status.ACTIVE
    )
    # Services set the department's date; the default (the site's date) serves fixtures.
    started_on = models.DateField(_("started on"), default=clock.today)
    separated_on = models.DateField(_("separated on"), null=True, blank=True)

    class Meta:
        ordering = ["department", "user"]
        indexes = [
            # The roster in user order (its cursor) and the department's officer counts, the
            # latter from the index alone on PostgreSQL (bench).
            models.Index(
                fields=["department", "role", "user"],
                include=["status"],
                name="membership_dept_role_user",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "department", "role"], name="membership_unique_role"
            ),
            models.UniqueConstraint(
                fields=["user"],
                condition=Q(role="officer", status="active"),
                name="membership_one_active_officer_department",
            ),
            models.UniqueConstraint(
                fields=["department", "badge_number"],
                condition=Q(role="officer") & ~Q(badge_number=""),
                name="membership_badge_unique_in_department",
            ),
            models.CheckConstraint(
                condition=Q(status="active", separated_on__isnull=True)
                | Q(status="separated", separated_on__isnull=False),
                name="membership_separated_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}, {self.department})"


class Invitation(models.Model):
    """A single-use, expiring invitation; only the hash of its key is stored."""

    class Role(models.TextChoices):
        OFFICER = "officer", _("Officer")
        LIAISON = "liaison", _("Liaison")
        FACILITATOR = "facilitator", _("Facilitator")
        PARTNER = "partner", _("Partner reviewer")

    email = models.EmailField(_("email address"))
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, null=True, blank=True, related_name="invitations"
    )
    partner = models.ForeignKey(
        "partners.PartnerOrganization",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    first_name = models.CharField(max_length=150, blank=True)
    last_name = models.CharField(max_length=150, blank=True)
    badge_number = models.CharField(max_length=32, blank=True)
    rank = models.CharField(max_length=64, blank=True)
    key_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(User, on_delete=models.PROTECT, related_name="invitations_sent")
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    # When its email was last queued (creation or re-send): a repeat within seconds is a double
    # submission, answered without a second email.
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(role__in=["officer", "liaison"]) | Q(department__isnull=False),
                name="invitation_department_role_has_department",
            ),
            models.CheckConstraint(
                condition=~Q(role="partner") | Q(partner__isnull=False),
                name="invitation_partner_role_has_partner",
            ),
            # One open invitation per address and place: a repeated invite re-sends it, and
            # two tabs inviting at once make one (an expired one stays open until re-sent).
            models.UniqueConstraint(
                fields=["email", "role", "department"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True)
                & Q(department__isnull=False),
                name="invitation_one_open_per_department",
            ),
            models.UniqueConstraint(
                fields=["email", "role", "partner"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True)
                & Q(partner__isnull=False),
                name="invitation_one_open_per_partner",
            ),
            models.UniqueConstraint(
                fields=["email", "role"],
                condition=Q(accepted_at__isnull=True, revoked_at__isnull=True)
                & Q(department__isnull=True, partner__isnull=True),
                name="invitation_one_open_per_role",
            ),
        ]
        indexes = [models.Index(fields=["email", "accepted_at"])]

    def __str__(self) -> str:
        return f"{self.email} ({self.role})"

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and self.revoked_at is None and self.expires_at > now()


class ApiToken(models.Model):
    """A named API token; the key is shown once and only its SHA-256 is kept."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(default=now)
    expires_at = models.DateTimeField(null=True, blank=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self) -> bool:
        if self.revoked_at is not None:
            return False
        return self.expires_at is None or self.expires_at > now()


class AuditEvent(models.Model):
    """An append-only, hash-chained record of who did what.

    Each row's `hash` covers its own content and the previous row's hash, so a row altered or
    removed behind the application's back breaks the chain (`manage.py audit_verify`).
    """

    occurred_at = models.DateTimeField(default=now, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    actor_email = models.CharField(max_length=254, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    department = models.ForeignKey(
        Department,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        null=True,
        blank=True,
        related_name="+",
    )
    client_ip = models.GenericIPAddressField(null=True, blank=True)
    data = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        ordering = ["id"]
        indexes = [models.Index(fields=["department", "occurred_at"])]

    def __str__(self) -> str:
        return f"{self.occurred_at:%Y-%m-%d %H:%M:%S} {self.action}"


class UserBoundSession(AbstractBaseSession):
    """A session row with its signed-in user (accounts.sessions), so all of a user's sessions
    end together without decoding every row of the session table."""

    user = models.ForeignKey(
        User, null=True, blank=True, on_delete=models.CASCADE, related_name="+", db_index=True
    )

    @classmethod
    def get_session_store_class(cls):
        from accounts.sessions import SessionStore

        return SessionStore


class SSOProvider(models.Model):
    """A department's identity provider (OpenID Connect or SAML 2.0), used through allauth's
    socialaccount providers. Only people on that department's roster (or invited to it) whose
    email is in one of the vouched domains may sign in through it (accounts.sso)."""

    class Protocol(models.TextChoices):
        OIDC = "openid_connect", _("OpenID Connect")
        SAML = "saml", _("SAML 2.0")

    department = models.ForeignKey(
        Department, on_delete=models.PROTECT, related_name="sso_providers"
    )
    protocol = models.CharField(_("protocol"), max_length=16, choices=Protocol.choices)
    slug = models.SlugField(
        _("identifier"),
        max_length=64,
        unique=True,
        help_text=_("Short name used in the sign-in addresses, e.g. demo-city-entra."),
    )
    name = models.CharField(
        _("button label"),
        max_length=100,
        help_text=_('Shown as "Sign in with …", e.g. Demo City PD (Entra ID).'),
    )
    issuer_url = models.URLField(
        _("OIDC issuer URL"),
        blank=True,
        help_text=_("The issuer; its /.well-known/openid-configuration is read from there."),
    )
    client_id = models.CharField(_("OIDC client ID"), max_length=255, blank=True)
    client_secret = models.CharField(_("OIDC client secret"), max_length=500, blank=True)
    idp_entity_id = models.CharField(_("SAML IdP entity ID"), max_length=500, blank=True)
    idp_metadata_url = models.URLField(_("SAML IdP metadata URL"), max_length=500, blank=True)
    idp_sso_url = models.URLField(
        _("SAML single sign-on URL"),
        max_length=500,
        blank=True,
        help_text=_("Only when there is no metadata URL."),
    )
    idp_x509_cert = models.TextField(
        _("SAML IdP signing certificate"),
        blank=True,
        help_text=_("PEM; only when there is no metadata URL."),
    )
    email_domains = models.CharField(
        _("email domains it vouches for"),
        max_length=500,
        help_text=_("Comma-separated, e.g. democitypd.gov, dcpd.org."),
    )
    password_login_allowed = models.BooleanField(
        _("password sign-in allowed"),
        default=True,
        help_text=_("Off: the department's people sign in only through this provider."),
    )
    idp_mfa_satisfies_requirement = models.BooleanField(
        _("provider's MFA satisfies ours"),
        default=False,
        help_text=_(
            "On: a sign-in the provider says used multi-factor authentication (OIDC amr, SAML "
            "AuthnContext) counts as the portal's MFA for that session."
        ),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(default=now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["department", "name"]
        verbose_name = _("single sign-on provider")
        constraints = [
            models.CheckConstraint(
                condition=~Q(protocol="openid_connect") | (~Q(issuer_url="") & ~Q(client_id="")),
                name="sso_oidc_has_issuer_and_client",
            ),
            models.CheckConstraint(
                condition=~Q(protocol="saml")
                | (
                    ~Q(idp_entity_id="")
                    & (~Q(idp_metadata_url="") | (~Q(idp_sso_url="") & ~Q(idp_x509_cert="")))
                ),
                name="sso_saml_has_idp",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.department})"

    @property
    def domains(self) -> list[str]:
        return [d.strip().lower().lstrip("@") for d in self.email_domains.split(",") if d.strip()]
