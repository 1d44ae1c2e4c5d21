"""Settings for the REPAIR portal, read from the environment (django-environ).

With nothing set, a fresh clone runs on SQLite, a local-memory cache, console email and
in-process Celery tasks. DATABASE_URL, REDIS_URL, CELERY_BROKER_URL and EMAIL_URL switch to
the real services (compose.yaml sets them). With DJANGO_DEBUG off, an insecure configuration
stops the start with a clear message.
"""

from __future__ import annotations

import hashlib
import tempfile
import zoneinfo
from pathlib import Path

import environ
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from repair.logging import logging_config

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()
if (BASE_DIR / ".env").is_file():
    env.read_env(BASE_DIR / ".env")

DEBUG = env.bool("DJANGO_DEBUG", default=True)

_DEV_SECRET_KEY = "django-insecure-repair-development-only-key-do-not-use"
SECRET_KEY = env("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY)
if not DEBUG and (SECRET_KEY == _DEV_SECRET_KEY or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 50 characters "
        "when DJANGO_DEBUG is off."
    )
# Rotation: the new key goes in DJANGO_SECRET_KEY, the old one here until the sessions and
# signed links it made have expired (docs/operations.md).
SECRET_KEY_FALLBACKS = env.list("DJANGO_SECRET_KEY_FALLBACKS", default=[])

ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["localhost", "127.0.0.1", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
SITE_URL = env("REPAIR_SITE_URL", default="http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    "repair.admin_site.RepairAdminConfig",  # django.contrib.admin, branded and grouped
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "accounts",
    "curriculum",
    "compliance",
    "partners",
    "worker",
    "integrations",
]

MIDDLEWARE = [
    # First: the request id reaches every log line; headers land on every response.
    "repair.middleware.RequestIdMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    # Before CSRF and the views: a control character in any parameter is a 400 (repair.text).
    "repair.middleware.ControlCharacterMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The acting user of model-level audit events (accounts.audit_watch).
    "accounts.audit_watch.AuditActorMiddleware",
    # Inside authentication: sees the signed-in user, and the final response of every view.
    "repair.middleware.PrivateCacheMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "accounts.middleware.AccessPolicyMiddleware",
    "repair.middleware.TimezoneMiddleware",
]

ROOT_URLCONF = "repair.urls"
WSGI_APPLICATION = "repair.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "accounts.context_processors.roles",
            ],
            # The shared partials' helpers (templates/partials/), usable by every app.
            "libraries": {"tables": "repair.templatetags.tables"},
        },
    },
]

DATABASES = {
    "default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DJANGO_CONN_MAX_AGE", default=0)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
# Behind PgBouncer in transaction pooling (docs/scaling.md): no server-side cursors, which live
# across transactions that PgBouncer may give to different server connections.
if env.bool("REPAIR_DB_POOLED", default=False):
    DATABASES["default"]["DISABLE_SERVER_SIDE_CURSORS"] = True
# A streaming read replica: the partner aggregates and dashboard read from it (repair.db_router).
if env("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = {
        **env.db("DATABASE_REPLICA_URL"),
        "CONN_MAX_AGE": DATABASES["default"]["CONN_MAX_AGE"],
        "CONN_HEALTH_CHECKS": True,
        "DISABLE_SERVER_SIDE_CURSORS": DATABASES["default"].get(
            "DISABLE_SERVER_SIDE_CURSORS", False
        ),
        "TEST": {"MIRROR": "default"},
    }
DATABASE_ROUTERS = ["repair.db_router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            # A cache outage must not hold a request: fail fast and fall through.
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

AUTH_USER_MODEL = "accounts.User"
# Django's and allauth's backends, reading the session's user with their roles (accounts.backends).
AUTHENTICATION_BACKENDS = [
    "accounts.backends.ModelBackend",
    "accounts.backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"

# allauth: email login, no open sign-up (invitations only), MFA with TOTP and recovery codes.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "optional"
ACCOUNT_CHANGE_EMAIL = True
ACCOUNT_ADAPTER = "accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_RATE_LIMITS = {
    # Per address, and per account and address (accounts.adapters): failures from one place
    # never lock the owner out elsewhere. Per account from anywhere: 30 an hour.
    "login_failed": "10/m/ip,5/5m/key",
    "login_failed_account": "30/h/key",
    "reset_password": "5/m/ip,5/m/key",
    "reset_password_from_key": "20/m/ip",
    "change_password": "5/m/user",
    "manage_email": "10/m/user",
}
# The audit chain's MAC key (accounts.audit): from the environment, never the database, so
# whoever holds the database cannot re-chain rewritten rows. Without REPAIR_AUDIT_KEY it is
# derived from the first secret key: set it before ever rotating DJANGO_SECRET_KEY
# (docs/operations.md). Checkpoints of the chain's head go to this append-only file daily.
REPAIR_AUDIT_KEY = (
    env("REPAIR_AUDIT_KEY", default="")
    or hashlib.sha256(b"repair-audit-chain:" + SECRET_KEY.encode()).hexdigest()
)
if not DEBUG and len(REPAIR_AUDIT_KEY) < 32:
    raise ImproperlyConfigured("REPAIR_AUDIT_KEY must be at least 32 characters.")
REPAIR_AUDIT_CHECKPOINT_FILE = Path(
    env("REPAIR_AUDIT_CHECKPOINT_FILE", default=str(BASE_DIR / "audit" / "checkpoints.jsonl"))
)

# Agency single sign-on: each department's identity provider (accounts.SSOProvider) is an
# allauth app built from its row; roster members only, no sign-up through SSO (accounts.sso).
SOCIALACCOUNT_ADAPTER = "accounts.sso.SocialAccountAdapter"
SOCIALACCOUNT_PROVIDERS = {"saml": {"provider_class": "accounts.sso.AgencySAMLProvider"}}
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_REQUESTS_TIMEOUT = 10
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "REPAIR"
REPAIR_REQUIRE_MFA = env.bool("REPAIR_REQUIRE_MFA", default=not DEBUG)
# Number of reverse proxies in front of the app whose X-Forwarded-For entries are trusted.
REPAIR_TRUSTED_PROXIES = env.int("REPAIR_TRUSTED_PROXIES", default=0)
if REPAIR_TRUSTED_PROXIES:
    ALLAUTH_TRUSTED_PROXY_COUNT = REPAIR_TRUSTED_PROXIES

# Privileged roles' sessions end after idle time and after an absolute lifetime.
# Department figures (summary, completions, roster pages) cached until they change, at most
# this long; only with Redis, the cache every web process shares (curriculum/figures.py).
REPAIR_FIGURES_CACHE_SECONDS = env.int(
    "REPAIR_FIGURES_CACHE_SECONDS", default=300 if REDIS_URL else 0
)
REPAIR_SESSION_IDLE_SECONDS = env.int("REPAIR_SESSION_IDLE_SECONDS", default=30 * 60)
REPAIR_SESSION_MAX_SECONDS = env.int("REPAIR_SESSION_MAX_SECONDS", default=12 * 60 * 60)
# Database sessions that record their user, so all of a user's sessions can end (accounts.sessions).
SESSION_ENGINE = "accounts.sessions"
# With Redis, sessions are read from it and written through to the database (accounts.sessions);
# a Redis outage then answers signed-in requests 503. Off without Redis: local memory is per process.
REPAIR_SESSION_CACHE = env.bool("REPAIR_SESSION_CACHE", default=bool(REDIS_URL))
SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_COOKIE_AGE", default=14 * 24 * 60 * 60)

# Open Badges 3.0: `key-id:seed` pairs (32-byte Ed25519 seeds, base64url); the first signs new
# credentials, the others stay published so older credentials verify (docs/integrations.md).
REPAIR_OB_SIGNING_KEYS = env.list("REPAIR_OB_SIGNING_KEYS", default=[])
REPAIR_OB_ISSUER_NAME = env(
    "REPAIR_OB_ISSUER_NAME",
    default="REPAIR: Redefining Policing to Affirm and Instill Human Rights",
)

# partner aggregates suppress counts below this threshold (never below 11).
REPAIR_MIN_CELL = max(11, env.int("REPAIR_MIN_CELL", default=11))
# Departments with fewer officers than the largest limit are grouped by state and size band in
# partner tables (1-10 and 11-29 officers by default; a limit below REPAIR_MIN_CELL counts as
# REPAIR_MIN_CELL). docs/partners.md gives the measurements behind the default.
REPAIR_PARTNER_SIZE_BANDS = tuple(env.list("REPAIR_PARTNER_SIZE_BANDS", cast=int, default=[11, 30]))

# Engagement: a lesson counts only after this share of its estimated time on the lesson clock
# (curriculum/services/clock.py; a gap over the idle cut-off between two beats earns nothing);
# a module or curriculum finished in under the fast share of its estimate is held for review
# by the liaison ("hold") or only flagged ("flag").
REPAIR_MIN_LESSON_TIME_SHARE = env.float("REPAIR_MIN_LESSON_TIME_SHARE", default=0.5)
REPAIR_LESSON_IDLE_SECONDS = env.int("REPAIR_LESSON_IDLE_SECONDS", default=90)
REPAIR_FAST_COMPLETION_SHARE = env.float("REPAIR_FAST_COMPLETION_SHARE", default=0.25)
# Officers overdue by more than this many days appear in their supervisor's weekly digest.
REPAIR_ESCALATE_AFTER_DAYS = env.int("REPAIR_ESCALATE_AFTER_DAYS", default=14)
# A reflection without a reply after this many days is reported to staff (daily).
REPAIR_REFLECTION_RESPONSE_DAYS = env.int("REPAIR_REFLECTION_RESPONSE_DAYS", default=5)
# Training of Trainers: the curricula whose completion (with a confirmed practicum) certifies a
# department trainer, and how long a certification lasts.
REPAIR_TOT_CURRICULUM_SLUGS = env.list(
    "REPAIR_TOT_CURRICULUM_SLUGS", default=["training-of-trainers"]
)
REPAIR_TRAINER_VALID_DAYS = env.int("REPAIR_TRAINER_VALID_DAYS", default=730)
REPAIR_FAST_COMPLETION_POLICY = env.str("REPAIR_FAST_COMPLETION_POLICY", default="hold")
if REPAIR_FAST_COMPLETION_POLICY not in {"hold", "flag"}:
    raise ImproperlyConfigured("REPAIR_FAST_COMPLETION_POLICY must be 'hold' or 'flag'.")

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
# One Spanish catalogue for the whole project (the error pages and the worker's strings included).
LOCALE_PATHS = [BASE_DIR / "locale"]
# Instants are stored (and given by the API) in UTC; dates are each department's calendar
# dates (repair/clock.py). Pages show times in the zone of the user's department
# (repair.middleware.TimezoneMiddleware); users and tasks without one use the site's zone.
REPAIR_SITE_TIMEZONE = env("REPAIR_SITE_TIMEZONE", default="America/New_York")
try:
    zoneinfo.ZoneInfo(REPAIR_SITE_TIMEZONE)
except (zoneinfo.ZoneInfoNotFoundError, ValueError) as error:
    raise ImproperlyConfigured(
        f"REPAIR_SITE_TIMEZONE={REPAIR_SITE_TIMEZONE!r} is not an IANA time zone name."
    ) from error
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True
# One date format per language (repair/formats/<language>/formats.py).
FORMAT_MODULE_PATH = ["repair.formats"]

STATIC_URL = "static/"
STATIC_ROOT = Path(env("DJANGO_STATIC_ROOT", default=str(BASE_DIR / "staticfiles")))
STATICFILES_DIRS = [BASE_DIR / "static"]
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env("REPAIR_MEDIA_ROOT", default=str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

vars().update(env.email_url("EMAIL_URL", default="consolemail://"))
# The console backend prints every message, password-reset and invitation links included, to
# the logs. With debug off it must be asked for by name, and then prints those links redacted.
REPAIR_ALLOW_CONSOLE_EMAIL = env.bool("REPAIR_ALLOW_CONSOLE_EMAIL", default=False)
if EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend":  # noqa: F821 (env.email_url)
    if not DEBUG and not REPAIR_ALLOW_CONSOLE_EMAIL:
        raise ImproperlyConfigured(
            "EMAIL_URL is the console backend, which writes password-reset and invitation "
            "links to the logs. Set EMAIL_URL to your SMTP server (smtp://host:port), or "
            "REPAIR_ALLOW_CONSOLE_EMAIL=True to print messages with their links redacted."
        )
    EMAIL_BACKEND = "repair.mail.RedactingConsoleEmailBackend"
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="REPAIR Training <noreply@repair.test>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
EMAIL_TIMEOUT = 10
# Where the sender records each message the SMTP server accepted before the batch is marked sent
# (worker.journal): a directory on the worker's own disk, kept across worker restarts.
REPAIR_SENDER_JOURNAL_DIR = Path(
    env(
        "REPAIR_SENDER_JOURNAL_DIR",
        default=str(Path(tempfile.gettempdir()) / "repair-sender-journal"),
    )
)

# Celery: without a broker, tasks run in-process (the fresh-clone default).
CELERY_BROKER_URL = env("CELERY_BROKER_URL", default="")
CELERY_TASK_ALWAYS_EAGER = env.bool("CELERY_TASK_ALWAYS_EAGER", default=not CELERY_BROKER_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_RESULT_BACKEND = None
CELERY_TASK_IGNORE_RESULT = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
# A claimed outbox row older than the hard limit belongs to a killed task (worker.sending).
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=5 * 60)
CELERY_TASK_SOFT_TIME_LIMIT = env.int(
    "CELERY_TASK_SOFT_TIME_LIMIT", default=CELERY_TASK_TIME_LIMIT * 4 // 5
)
# The visibility timeout (1 h) exceeds the longest task retry backoff (5 min, worker.tasks)
# plus the task time limit (5 min), so a message is redelivered only when its worker is lost.
# Publishing gives up within about a second when Redis is down: one connection attempt with
# 1 s socket timeouts, an immediate single retry (kombu's default waits 2 s before it) and
# CELERY_BROKER_CONNECTION_TIMEOUT bounding the attempts in total; the outbox row then waits
# for the next drain.
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "visibility_timeout": 60 * 60,
    "socket_connect_timeout": 1,
    "socket_timeout": 1,
    "max_retries": 1,
    "interval_start": 0,
    "interval_step": 0.2,
    "interval_max": 0.5,
}
CELERY_BROKER_CONNECTION_TIMEOUT = 1
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_TASK_PUBLISH_RETRY = False
CELERY_TIMEZONE = "UTC"
# One beat process (compose.yaml). Every sweep looks at windows, not exact ticks, so a missed
# tick heals at the next one; dedupe keys make a repeated tick harmless. Queued ticks expire
# before the next one so a stopped worker does not come back to a pile of identical sweeps.
CELERY_BEAT_SCHEDULE = {
    # Facilitation: each reader's digest, escalations to staff, tomorrow's session reminders
    # (dedupe keys by date: an hourly tick heals a missed one and sends nothing twice).
    "facilitation-sweep": {
        "task": "worker.facilitation_sweep",
        "schedule": crontab(minute=5),
        "options": {"expires": 55 * 60},
    },
    "reminder-sweep": {
        "task": "worker.reminder_sweep",
        "schedule": crontab(minute="*/15"),
        "options": {"expires": 14 * 60},
    },
    "notification-drain": {
        "task": "worker.notification_drain",
        "schedule": crontab(),
        "options": {"expires": 55},
    },
    # Roster imports whose task was never published (Redis down) or died with its worker.
    "roster-import-sweep": {
        "task": "roster.import_sweep",
        "schedule": crontab(minute="*/2"),
        "options": {"expires": 100},
    },
    "liaison-digest": {
        "task": "worker.liaison_digest",
        "schedule": crontab(minute=0, hour=7, day_of_week="mon"),
        "options": {"expires": 60 * 60},
    },
    # Assignment rules (compliance): new roster members and certificates coming up for renewal.
    "assignment-rules": {
        "task": "compliance.rules_apply",
        "schedule": crontab(minute=5),
        "options": {"expires": 55 * 60},
    },
    # Right after a month has closed in every department's zone (00:30 in Honolulu, UTC-10);
    # daily, so a month whose build was missed is built the next day, in order.
    # The audit chain's head, outside the database (accounts.audit): daily, just after midnight
    # UTC; a truncation or rows cut off the end show against it (audit_verify --checkpoints).
    "audit-checkpoint": {
        "task": "worker.audit_checkpoint",
        "schedule": crontab(minute=5, hour=0),
        "options": {"expires": 60 * 60},
    },
    "partner-reports": {
        "task": "worker.partner_reports_build",
        "schedule": crontab(minute=30, hour=10),
        "options": {"expires": 60 * 60},
    },
}

REST_FRAMEWORK = {
    # Token first: its `WWW-Authenticate: Token` makes anonymous and bad-token calls a 401.
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "accounts.api.authentication.ApiTokenAuthentication",
        "accounts.api.authentication.SessionMfaAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "accounts.api.pagination.StrictPageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "EXCEPTION_HANDLER": "repair.api_errors.api_exception_handler",
    # The anon, user and token rates below, in one throttle (two cache round trips a request).
    "DEFAULT_THROTTLE_CLASSES": ["accounts.api.throttling.ApiRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {
        "anon": env("REPAIR_API_RATE_ANON", default="60/minute"),
        "user": env("REPAIR_API_RATE_USER", default="600/minute"),
        "token": env("REPAIR_API_RATE_TOKEN", default="300/minute"),
    },
    "NUM_PROXIES": REPAIR_TRUSTED_PROXIES,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "REPAIR training portal API",
    "DESCRIPTION": "Training progress of police departments in the REPAIR program. "
    "Guide: docs/api.md.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The schema, like the docs page, is for signed-in users (session or token) unless DEBUG.
    "SERVE_PERMISSIONS": ["accounts.api.permissions.SignedInUnlessDebug"],
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "EnrollmentStatusEnum": "curriculum.models.Enrollment.Status",
        "MembershipStatusEnum": "accounts.models.Membership.Status",
    },
    # Served by the portal itself: department networks block CDNs.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # No deep links: they put a link inside each operation's toggle button, which axe-core
    # reports as nested interactive controls.
    "SWAGGER_UI_SETTINGS": {"deepLinking": False},
}

# JSON lines in production, readable text in development; request ids and scrubbing in both.
LOGGING = logging_config(
    json_lines=env("DJANGO_LOG_FORMAT", default="text" if DEBUG else "json") == "json",
    level=env("DJANGO_LOG_LEVEL", default="INFO"),
)
# Workers log through LOGGING too (JSON lines with the request id that caused the task); the
# console handler writes to the real stderr, which Celery must not swap for a logging proxy.
CELERY_WORKER_HIJACK_ROOT_LOGGER = False
CELERY_WORKER_REDIRECT_STDOUTS = False

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# Set by repair.middleware.RequestIdMiddleware on every response.
REPAIR_PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"
# No inline script or style anywhere: every asset is a file the portal serves itself. The one
# exception is /api/docs/ (repair.views.ApiDocsView): a nonce for its inline script, that view only.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "media-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# What production (DEBUG off) adds; tests apply the same dict to run "under production settings".
REPAIR_PRODUCTION_SECURITY = {
    "SECURE_PROXY_SSL_HEADER": ("HTTP_X_FORWARDED_PROTO", "https"),
    "SECURE_SSL_REDIRECT": env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True),
    "SECURE_REDIRECT_EXEMPT": [r"^api/health/$"],
    "SESSION_COOKIE_SECURE": True,
    "CSRF_COOKIE_SECURE": True,
    "LANGUAGE_COOKIE_SECURE": True,
    "SECURE_HSTS_SECONDS": env.int("DJANGO_SECURE_HSTS_SECONDS", default=31536000),
    "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
    "SECURE_HSTS_PRELOAD": True,
}
if not DEBUG:
    vars().update(REPAIR_PRODUCTION_SECURITY)
