"""Roster management for liaisons, mounted at /department/roster/ (namespace "roster")."""

from django.urls import path

from accounts import views

urlpatterns = [
    path("invite/", views.roster_invite, name="invite"),
    path("invite/<int:pk>/resend/", views.roster_invitation_resend, name="invitation_resend"),
    path("invite/<int:pk>/revoke/", views.roster_invitation_revoke, name="invitation_revoke"),
    path("import/", views.roster_import, name="import"),
    path("import/<str:import_id>/", views.roster_import_status, name="import_status"),
    path("import/<str:import_id>/confirm/", views.roster_import_confirm, name="import_confirm"),
    path("separate/<int:pk>/", views.roster_separate, name="separate"),
]
