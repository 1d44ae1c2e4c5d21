from __future__ import annotations

from django.urls import path

from curriculum.views import facilitate

urlpatterns = [
    path("", facilitate.home, name="home"),
    path("answered/", facilitate.history, name="history"),
    path("responses/<int:response_id>/", facilitate.response_detail, name="response"),
]
