from __future__ import annotations

from django.urls import path

from curriculum.views import verify

urlpatterns = [
    path("", verify.verify_form, name="form"),
    path("<str:code>/", verify.verify_detail, name="detail"),
]
