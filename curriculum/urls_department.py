"""The liaison's workspace, included at /department/ under the namespace "department"."""

from __future__ import annotations

from django.urls import path

from curriculum.views import cohorts
from curriculum.views import department as views

urlpatterns = [
    path("", views.dashboard, name="home"),
    path("officers/", views.roster, name="roster"),
    path("cohorts/", cohorts.cohort_list, name="cohorts"),
    path("officers/<int:membership_id>/", views.officer_detail, name="officer"),
    path(
        "officers/<int:membership_id>/record.pdf",
        views.officer_record_pdf,
        name="officer_record_pdf",
    ),
    path("enroll/", views.enroll, name="enroll"),
    path("enrollments/<int:pk>/due-date/", views.enrollment_due_date, name="enrollment_due_date"),
    path(
        "enrollments/<int:pk>/withdraw/",
        views.enrollment_withdraw_view,
        name="enrollment_withdraw",
    ),
    path("enrollments/<int:pk>/nudge/", views.enrollment_nudge_view, name="enrollment_nudge"),
    path("nudge-overdue/", views.nudge_overdue, name="nudge_overdue"),
    path("reviews/<int:pk>/", views.completion_review, name="completion_review"),
    path("export/roster.csv", views.export_roster_csv, name="export_roster_csv"),
    path("export/roster.xlsx", views.export_roster_xlsx, name="export_roster_xlsx"),
    path("export/transcript.csv", views.export_transcript, name="export_transcript"),
]
