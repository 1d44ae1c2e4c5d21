"""An LTI 1.3 platform for the LTI tests, in its own process: lti1p3platform (a platform-side
implementation of LTI 1.3 Advantage) behind a few Django views, as an LMS course would use it.

Run as `python -m tests.integrations.counterparts.lti_platform CONFIG_JSON` with the port, the
tool's URLs (login, launch, JWKS), the client and deployment ids, and the people who may launch
(login hint -> sub, email, name). Every message is signed and checked for real: launches and
deep-linking requests signed with the platform's RSA key (JWKS at /jwks), the tool's
deep-linking response and its client assertion (for AGS tokens) checked against the tool's JWKS,
scores accepted only with a token this platform issued. /state shows what it received.

Pages: /course/<link>/ launches a resource link as a person (`?as=<login hint>`);
/course/<link>/add/ starts deep linking to choose the content of that link.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

import django
from django.conf import settings

CONFIG = json.loads(sys.argv[1]) if __name__ == "__main__" else {}
STATE: dict = {"links": {}, "scores": []}
SCORE_SCOPE = "https://purl.imsglobal.org/spec/lti-ags/scope/score"


def _keys() -> tuple[str, str]:
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


PRIVATE, PUBLIC = _keys() if __name__ == "__main__" else ("", "")


def base() -> str:
    return f"http://localhost:{CONFIG['port']}"


def platform_conf():
    from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
    from lti1p3platform.registration import Registration

    tool = CONFIG["tool"]

    class Conf(LTI1P3PlatformConfAbstract):
        def init_platform_config(self, **kwargs):
            self._registration = (
                Registration()
                .set_iss(base())
                .set_client_id(CONFIG["client_id"])
                .set_deployment_id(CONFIG["deployment_id"])
                .set_launch_url(tool["launch"])
                .set_deeplink_launch_url(tool["launch"])
                .set_oidc_login_url(tool["login"])
                .set_tool_key_set_url(tool["jwks"])
                .set_platform_public_key(PUBLIC)
                .set_platform_private_key(PRIVATE)
            )

        def get_registration_by_params(self, **kwargs):
            return self._registration

    return Conf()


def _html(body: str):
    from django.http import HttpResponse

    return HttpResponse(f"<!doctype html><html lang='en'><body><main>{body}</main></body></html>")


def course_link(request, link):
    """The course page: a launch of `link` as the person `?as=` names (OIDC initiation)."""
    from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin

    class Login(DjangoAPIOIDCLogin):
        def set_lti_message_hint(self, **kwargs):
            self._lti_message_hint = json.dumps(kwargs)

    login = Login(request, platform_conf())
    login.set_lti_message_hint(link=link, deep=request.path.endswith("/add/"))
    if request.path.endswith("/add/"):
        login.set_deeplinking_launch_url()
    return login.initiate_login(request.GET["as"])


def authorize(request):
    """The tool's authentication request: answer with a signed launch (form post)."""
    from lti1p3platform.framework.django.request import DjangoRequest
    from lti1p3platform.message_launch import LTIAdvantageMessageLaunchAbstract

    class Launch(LTIAdvantageMessageLaunchAbstract):
        def render_launch_form(self, launch_data, **kwargs):
            return _html(
                f"<form method='post' action='{launch_data['launch_url']}' id='f'>"
                f"<input type='hidden' name='id_token' value='{launch_data['id_token']}'>"
                f"<input type='hidden' name='state' value='{launch_data['state']}'>"
                "<button type='submit'>Continue</button></form>"
                "<script>document.getElementById('f').submit()</script>"
            )

    hint = json.loads(request.GET["lti_message_hint"])
    person = CONFIG["people"][request.GET["login_hint"]]
    launch = Launch(DjangoRequest(request), platform_conf())
    launch.set_user_data(
        person["sub"],
        ["http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"],
        full_name=person["name"],
        email_address=person["email"],
    )
    launch.set_resource_link_claim(hint["link"], title=f"Course item {hint['link']}")
    launch.set_launch_context_claim("course-101", context_title="In-service training 2026")
    if hint["deep"]:
        launch.set_dl(f"{base()}/deep-link-return/", extra_data=hint["link"])
    else:
        item = STATE["links"].get(hint["link"], {})
        launch.set_custom_parameters_claim(item.get("custom", {}))
        lineitem = f"{base()}/lineitems/{hint['link']}"
        launch.set_ags(f"{base()}/lineitems", lineitem_url=lineitem)
    return launch.lti_launch()


def deep_link_return(request):
    conf = platform_conf()
    conf.get_registration()
    items = conf.validate_deeplinking_resp(request.POST.dict())
    claims = conf.tool_validate_and_decode(request.POST["JWT"])
    link = claims["https://purl.imsglobal.org/spec/lti-dl/claim/data"]
    STATE["links"][link] = items[0]
    return _html(f"<h1>Content added</h1><p id='added'>{items[0]['title']}</p>")


def token(request):
    from django.http import JsonResponse

    conf = platform_conf()
    conf.get_registration()
    return JsonResponse(conf.get_access_token(request.POST.dict()))


def scores(request, link):
    from django.http import HttpResponse

    conf = platform_conf()
    conf.get_registration()
    bearer = request.headers.get("Authorization", "").removeprefix("Bearer ")
    try:
        allowed = conf.validate_token(bearer, allowed_scopes=[SCORE_SCOPE])
    except Exception:
        allowed = False
    if not allowed:
        return HttpResponse(status=401)
    STATE["scores"].append({"link": link, **json.loads(request.body)})
    return HttpResponse(status=204)


def jwks(request):
    from django.http import JsonResponse

    conf = platform_conf()
    conf.get_registration()
    return JsonResponse(conf.get_jwks())


def state(request):
    from django.http import JsonResponse

    return JsonResponse(STATE)


def main() -> None:
    from django.urls import path
    from django.views.decorators.csrf import csrf_exempt

    settings.configure(
        DEBUG=False,
        SECRET_KEY="lti-test-platform-" + "x" * 40,
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        INSTALLED_APPS=["django.contrib.contenttypes"],
        MIDDLEWARE=[],
        DATABASES={
            "default": {
                "ENGINE": "django.db.backends.sqlite3",
                "NAME": Path(tempfile.mkdtemp()) / "platform.sqlite3",
            }
        },
        USE_TZ=True,
    )
    django.setup()
    global urlpatterns
    urlpatterns = [
        path("course/<str:link>/", course_link),
        path("course/<str:link>/add/", course_link),
        path("authorize/", authorize),
        path("deep-link-return/", csrf_exempt(deep_link_return)),
        path("token/", csrf_exempt(token)),
        path("lineitems/<str:link>/scores", csrf_exempt(scores)),
        path("jwks/", jwks),
        path("state/", state),
    ]
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application

    print("lti platform ready", flush=True)  # noqa: T201 (the parent waits for this line)
    run("127.0.0.1", CONFIG["port"], get_wsgi_application(), threading=True, server_cls=WSGIServer)


urlpatterns: list = []

if __name__ == "__main__":
    main()
