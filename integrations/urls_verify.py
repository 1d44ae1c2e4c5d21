"""Open Badges documents under /verify/ (before the certificate pages' own routes)."""

from __future__ import annotations

from django.urls import path

from integrations.openbadges import views

urlpatterns = [
    path("issuer.json", views.issuer_json, name="verify_issuer"),
    path("status/<str:list_id>.json", views.status_list_json, name="verify_status_list"),
    path("<str:code>/credential.json", views.credential_json, name="verify_credential"),
]
