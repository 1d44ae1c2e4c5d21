from __future__ import annotations

from django.urls import path

from integrations.lti import views

urlpatterns = [
    path("login/", views.oidc_login, name="login"),
    path("launch/", views.launch, name="launch"),
    path("deep-link/", views.deep_link_respond, name="deep_link"),
    path("jwks/", views.jwks, name="jwks"),
]
