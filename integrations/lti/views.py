"""LTI 1.3 endpoints at /lti/: OIDC login initiation, launch (resource link and deep linking),
the deep-linking choice, and the tool's JWKS. The platform posts here from another site, so
login and launch are exempt from CSRF; pylti1p3 checks state, nonce, signature and claims."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.contrib.auth import login
from django.http import HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoMessageLaunch, DjangoOIDCLogin
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException, OIDCException
from pylti1p3.lineitem import LineItem

from accounts.audit import audit_record
from accounts.net import client_ip
from curriculum.models import Curriculum
from integrations.lti.services import CURRICULUM_PARAM, LaunchRefused, lti_launch_sign_in
from integrations.lti.tool import DatabaseToolConf, tool_jwks, tool_urls

T = "integrations/lti/"
DL_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"
_REFUSALS = {
    "not_on_roster": gettext_lazy(
        "You are not on this department's roster in REPAIR. Ask your training liaison for an "
        "invitation."
    ),
    "no_email": gettext_lazy(
        "Your LMS did not send your email address; ask its administrator to share it."
    ),
    "unknown_curriculum": gettext_lazy("This link does not point to a REPAIR course any more."),
    "not_enrollable": gettext_lazy("You cannot be enrolled in this course."),
    "invalid": gettext_lazy("This launch could not be verified. Start it again from your LMS."),
}


def _storage() -> DjangoCacheDataStorage:
    return DjangoCacheDataStorage(cache_name="default")


def _refuse(request, reason: str, *, status: int = 403, detail: str = ""):
    audit_record(
        action="lti.refused",
        client_ip=client_ip(request),
        data={"reason": reason, "detail": detail[:300]},
    )
    return render(request, T + "refused.html", {"message": _REFUSALS[reason]}, status=status)


@csrf_exempt
@require_http_methods(["GET", "POST"])
def oidc_login(request):
    target = request.POST.get("target_link_uri") or request.GET.get("target_link_uri", "")
    if not target.startswith(tool_urls()["launch"]):
        return HttpResponseBadRequest(_("Unknown target link URI."))
    try:
        oidc = DjangoOIDCLogin(request, DatabaseToolConf(), launch_data_storage=_storage())
        return oidc.redirect(target)
    except (LtiException, OIDCException) as exc:
        return _refuse(request, "invalid", status=400, detail=str(exc))


@csrf_exempt
@require_POST
def launch(request):
    tool_conf = DatabaseToolConf()
    message_launch = DjangoMessageLaunch(request, tool_conf, launch_data_storage=_storage())
    try:
        claims = message_launch.get_launch_data()
    except LtiException as exc:
        return _refuse(request, "invalid", status=400, detail=str(exc))
    audience = claims.get("aud")
    client_id = audience if isinstance(audience, str) else claims.get("azp")
    platform = tool_conf.platform(claims["iss"], client_id)
    if message_launch.is_deep_link_launch():
        return _deep_link_choice(request, message_launch, platform)
    try:
        user, enrollment = lti_launch_sign_in(
            platform=platform, claims=claims, ip=client_ip(request)
        )
    except LaunchRefused as refused:
        return _refuse(request, refused.reason)
    login(request, user, backend="accounts.backends.AuthenticationBackend")
    return redirect("learn:enrollment", enrollment.pk)


def _deep_link_choice(request, message_launch, platform):
    curricula = Curriculum.objects.filter(status=Curriculum.Status.PUBLISHED).order_by("title")
    return render(
        request,
        T + "deep_link.html",
        {
            "launch_id": message_launch.get_launch_id(),
            "curricula": curricula,
            "platform": platform,
        },
    )


@csrf_exempt
@require_POST
def deep_link_respond(request):
    """The content item chosen in the LMS: a signed LtiDeepLinkingResponse back to it."""
    try:
        message_launch = DjangoMessageLaunch.from_cache(
            request.POST.get("launch_id", ""),
            request,
            DatabaseToolConf(),
            launch_data_storage=_storage(),
        )
    except LtiException as exc:
        return _refuse(request, "invalid", status=400, detail=str(exc))
    curriculum = Curriculum.objects.filter(
        pk=request.POST.get("curriculum"), status=Curriculum.Status.PUBLISHED
    ).first()
    if curriculum is None or not message_launch.is_deep_link_launch():
        return HttpResponseBadRequest(_("Choose one of the courses."))
    resource = (
        DeepLinkResource()
        .set_url(tool_urls()["launch"])
        .set_title(curriculum.title)
        .set_custom_params({CURRICULUM_PARAM: curriculum.slug})
        .set_lineitem(
            LineItem()
            .set_score_maximum(100)
            .set_label(curriculum.title)
            .set_resource_id(curriculum.slug)
        )
    )
    jwt = message_launch.get_deep_link().get_response_jwt([resource])
    claims = message_launch.get_launch_data()
    return_url = claims[DL_SETTINGS]["deep_link_return_url"]
    response = render(request, T + "deep_link_return.html", {"return_url": return_url, "jwt": jwt})
    origin = urlsplit(return_url)
    response._csp_update = {"form-action": [f"{origin.scheme}://{origin.netloc}"]}
    return response


@require_GET
def jwks(request):
    response = JsonResponse(tool_jwks())
    response["Cache-Control"] = "public, max-age=300"
    return response
