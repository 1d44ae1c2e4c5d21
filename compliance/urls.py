"""The liaison's compliance pages, included at /department/compliance/ as "compliance"."""

from __future__ import annotations

from django.urls import path

from compliance import views

urlpatterns = [
    path("", views.home, name="home"),
    path("rules/new/", views.rule_new, name="rule_new"),
    path("rules/<int:pk>/", views.rule_edit, name="rule_edit"),
    path("rules/<int:pk>/officers/", views.rule_officers, name="rule_officers"),
    path("export.xlsx", views.export_xlsx, name="export_xlsx"),
    path("post-report/", views.post_report, name="post_report"),
    path("officers/<int:membership_id>/", views.officer_profile, name="officer_profile"),
]
