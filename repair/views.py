"""Error handlers (repair.urls handler400/403/404/500), the one per-view CSP exception, and the
admin's sign-in door.

Error pages: the portal's pages, JSON under /api/.

404 and 403 render with the request (templates extending base.html). 400 and 500 render
without it (templates/error_standalone.html), since the request, the user, the database or the
URL configuration may be what failed; if even that cannot render, the 500 handler answers with
plain HTML rather than failing a second time. An outage of the database, Redis or the broker
(repair.outage) answers 503 with `Retry-After` instead of 500, the same way. None of them shows the exception: with DEBUG off,
nothing about the code or the settings leaves the server.
"""

from __future__ import annotations

import logging
import sys

from csp.decorators import csp_update
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.template import loader
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views import defaults

from accounts.api.views import api_docs_view
from repair.logging import request_id_var
from repair.outage import RETRY_AFTER_SECONDS, is_outage

logger = logging.getLogger("repair.errors")

_FALLBACK_500 = (
    '<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
    "<title>{title} · REPAIR</title></head><body><main><h1>{title}</h1><p>{text}</p>"
    '<p><a href="/">{home}</a></p></main></body></html>'
)


# The interactive API docs: drf-spectacular's Swagger page (split view: its script is a file)
# has one fixed inline <style> block in its template. Exactly that block is allowed, by its
# SHA-256, on this view only; tests/test_security.py recomputes the hash from the page.
SWAGGER_STYLE_HASH = "'sha256-MMpT0iDxyjALd9PdfepImGX3DBfJPXZ4IlDWdPAgtn0='"
api_docs = csp_update({"style-src": [SWAGGER_STYLE_HASH]})(api_docs_view)


def admin_login(request):
    """The admin signs in through allauth (its rate limits and MFA). A signed-in user the admin
    does not admit (not staff) gets a 403 page: sending them to sign in, which sends a signed-in
    user back to /admin/, would loop."""
    if request.user.is_authenticated:
        if request.user.is_active and request.user.is_staff:
            return redirect("admin:index")
        raise PermissionDenied
    query = request.META.get("QUERY_STRING", "")
    return redirect(f"{reverse('account_login')}?{query}" if query else reverse("account_login"))


def _is_api(request) -> bool:
    return request.path.startswith("/api/")


def _standalone(template_name: str, status: int, context: dict | None = None) -> HttpResponse:
    try:
        body = loader.render_to_string(template_name, context)
    except Exception:  # the error page itself must never raise, whatever failed
        logger.exception("Rendering %s failed; answering with the plain fallback", template_name)
        body = _FALLBACK_500.format(
            lang=escape(get_language() or "en"),
            title=escape(_("Something went wrong")),
            text=escape(_("The portal could not finish your request. Please try again later.")),
            home=escape(_("Go to the home page")),
        )
    return HttpResponse(body, status=status)


def bad_request(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Bad request.")}, status=400)
    return _standalone("400.html", 400)


def permission_denied(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("You do not have permission to do this.")}, status=403)
    return defaults.permission_denied(request, exception)


def page_not_found(request, exception=None):
    if _is_api(request):
        return JsonResponse({"detail": _("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)


def server_error(request):
    request_id = request_id_var.get()
    # Django calls the handler while handling the exception, wherever it was raised (a view or
    # a middleware such as allauth's rate limit on the cache).
    if is_outage(sys.exc_info()[1]):
        return _unavailable(request, request_id)
    if _is_api(request):
        return JsonResponse(
            {"detail": _("A server error occurred."), "request_id": request_id}, status=500
        )
    return _standalone("500.html", 500, {"request_id": request_id})


def _unavailable(request, request_id: str | None) -> HttpResponse:
    if _is_api(request):
        detail = _("A service the portal needs is unavailable. Try again shortly.")
        response = JsonResponse({"detail": detail, "request_id": request_id}, status=503)
    else:
        response = _standalone("503.html", 503, {"request_id": request_id})
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
