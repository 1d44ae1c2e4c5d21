"""The public certificate check at /verify/ and /verify/<code>/ (no sign-in needed)."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from curriculum.certificate_codes import certificate_code_normalize
from curriculum.selectors.api import CERTIFICATE_CODE
from curriculum.selectors.learning import certificate_for_code

T = "curriculum/verify/"


@require_GET
def verify_form(request):
    code = certificate_code_normalize(request.GET.get("code", ""))
    if code and not CERTIFICATE_CODE.fullmatch(code):
        # Not a code at all (`a/b` has no detail URL): the page of an unknown code, a 404.
        return render(request, T + "detail.html", {"certificate": None, "code": ""}, status=404)
    if code:
        return redirect("verify:detail", code)
    return render(request, T + "form.html", {"asked": "code" in request.GET})


@require_GET
def verify_detail(request, code: str):
    certificate = certificate_for_code(code=code)
    if certificate is not None and certificate.code != code:
        return redirect("verify:detail", certificate.code)
    return render(
        request,
        T + "detail.html",
        {"certificate": certificate, "code": code},
        status=200 if certificate is not None else 404,
    )
