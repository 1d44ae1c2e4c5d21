"""The public certificate check at /verify/ and /verify/<code>/ (no sign-in needed)."""

from __future__ import annotations

from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET

from curriculum.selectors.learning import certificate_for_code
from curriculum.services.certificates import certificate_code_normalize

T = "curriculum/verify/"


@require_GET
def verify_form(request):
    code = certificate_code_normalize(request.GET.get("code", ""))
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
