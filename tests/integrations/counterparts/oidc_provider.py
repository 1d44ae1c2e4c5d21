"""A real OpenID Connect provider for the SSO tests: django-oauth-toolkit, in its own process.

Run as `python -m tests.integrations.counterparts.oidc_provider CONFIG_JSON`; the config gives the
port, the client (id, secret, redirect URI) and the people who can sign in (email, password and
the `amr` values their sign-in asserts). It keeps its own SQLite file in a temporary folder and
its own cookie names, so it shares nothing with the portal but the browser.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import django
from django.conf import settings

CONFIG = json.loads(sys.argv[1]) if __name__ == "__main__" else {}


def _rsa_pem() -> str:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    ).decode()


def configure(workdir: Path) -> None:
    settings.configure(
        DEBUG=False,
        SECRET_KEY="oidc-test-provider-" + "x" * 40,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=[
            "django.contrib.auth",
            "django.contrib.contenttypes",
            "django.contrib.sessions",
            "oauth2_provider",
        ],
        MIDDLEWARE=[
            "django.contrib.sessions.middleware.SessionMiddleware",
            "django.middleware.csrf.CsrfViewMiddleware",
            "django.contrib.auth.middleware.AuthenticationMiddleware",
        ],
        DATABASES={
            "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": workdir / "op.sqlite3"}
        },
        TEMPLATES=[{"BACKEND": "django.template.backends.django.DjangoTemplates"}],
        SESSION_COOKIE_NAME="op_sessionid",
        CSRF_COOKIE_NAME="op_csrftoken",
        LOGIN_URL="/login/",
        USE_TZ=True,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        DEFAULT_AUTO_FIELD="django.db.models.AutoField",
        OAUTH2_PROVIDER={
            "OIDC_ENABLED": True,
            "OIDC_RSA_PRIVATE_KEY": _rsa_pem(),
            "OAUTH2_VALIDATOR_CLASS": f"{__name__}.Validator",
            "SCOPES": {"openid": "OpenID", "profile": "Profile", "email": "Email"},
            "PKCE_REQUIRED": True,
        },
    )
    django.setup()


def _people() -> dict[str, dict]:
    return {p["email"]: p for p in CONFIG.get("people", [])}


def _validator_class():
    from oauth2_provider.oauth2_validators import OAuth2Validator

    class Validator(OAuth2Validator):
        oidc_claim_scope = None  # every claim below goes out with the openid scope

        def get_additional_claims(self, request):
            person = _people().get(request.user.email, {})
            return {
                "email": request.user.email,
                "email_verified": person.get("email_verified", True),
                "given_name": request.user.first_name,
                "family_name": request.user.last_name,
                "amr": person.get("amr", ["pwd"]),
            }

    return Validator


LOGIN_PAGE = """<!doctype html><html lang="en"><head><title>Agency sign-in</title></head><body>
<main><h1>Agency identity provider</h1><form method="post">
<input type="hidden" name="csrfmiddlewaretoken" value="{csrf}">
<label>Username <input name="username" autocomplete="username"></label>
<label>Password <input name="password" type="password" autocomplete="current-password"></label>
<p>{error}</p><button type="submit">Sign in to the agency</button></form></main></body></html>"""


def login_view(request):
    from django.contrib.auth import authenticate, login
    from django.http import HttpResponse, HttpResponseRedirect
    from django.middleware.csrf import get_token

    error = ""
    if request.method == "POST":
        user = authenticate(
            request, username=request.POST["username"], password=request.POST["password"]
        )
        if user is not None:
            login(request, user)
            return HttpResponseRedirect(request.GET.get("next", "/"))
        error = "Wrong username or password."
    return HttpResponse(LOGIN_PAGE.format(csrf=get_token(request), error=error))


def setup_data() -> None:
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0, interactive=False)
    for person in CONFIG.get("people", []):
        User.objects.create_user(
            username=person["username"],
            email=person["email"],
            password=person["password"],
            first_name=person.get("first_name", ""),
            last_name=person.get("last_name", ""),
        )
    client = CONFIG["client"]
    Application.objects.create(
        name="REPAIR portal",
        client_id=client["id"],
        client_secret=client["secret"],
        client_type=Application.CLIENT_CONFIDENTIAL,
        authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
        redirect_uris=" ".join(client["redirect_uris"]),
        algorithm=Application.RS256_ALGORITHM,
        skip_authorization=True,
        hash_client_secret=True,
    )


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="oidc-op-"))
    configure(workdir)
    global Validator, urlpatterns
    Validator = _validator_class()
    from django.urls import include, path

    urlpatterns = [
        path("login/", login_view),
        path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    ]
    setup_data()
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    print("oidc provider ready", flush=True)  # noqa: T201 (the parent waits for this line)
    run("127.0.0.1", CONFIG["port"], get_wsgi_application(), threading=True, server_cls=WSGIServer)


urlpatterns: list = []
Validator = None

if __name__ == "__main__":
    main()
