from __future__ import annotations

from django.urls import path

from curriculum.views import discussion, learn, sessions

urlpatterns = [
    path("", learn.home, name="home"),
    path("preferences/", learn.preferences, name="preferences"),
    path("my-data/", learn.my_data, name="my_data"),
    path("record/", learn.record, name="record"),
    path("calendar/", sessions.calendar, name="calendar"),
    path("trainer/", sessions.trainer_certificate, name="trainer_certificate"),
    path("cohorts/<int:cohort_id>/discussion/", discussion.threads, name="discussion"),
    path(
        "cohorts/<int:cohort_id>/discussion/<int:module_id>/",
        discussion.thread,
        name="discussion_thread",
    ),
    path(
        "cohorts/<int:cohort_id>/posts/<int:post_id>/hide/",
        discussion.hide,
        name="discussion_hide",
    ),
    path("calendar/<str:key>.ics", sessions.calendar_feed, name="calendar_feed"),
    path("record.json", learn.record_json, name="record_json"),
    path("record.pdf", learn.record_pdf, name="record_pdf"),
    path("certificates/<str:code>.pdf", learn.certificate_download, name="certificate_pdf"),
    path("<int:enrollment_id>/", learn.enrollment_detail, name="enrollment"),
    path("<int:enrollment_id>/continue/", learn.resume, name="resume"),
    path("<int:enrollment_id>/language/", learn.language_switch, name="language_switch"),
    path("<int:enrollment_id>/modules/<int:module_id>/", learn.module_detail, name="module"),
    path(
        "<int:enrollment_id>/modules/<int:module_id>/rate/",
        learn.module_rate,
        name="module_rate",
    ),
    path(
        "<int:enrollment_id>/modules/<int:module_id>/feedback/",
        learn.module_feedback,
        name="module_feedback",
    ),
    path("<int:enrollment_id>/lessons/<int:lesson_id>/", learn.lesson_detail, name="lesson"),
    path(
        "<int:enrollment_id>/lessons/<int:lesson_id>/clock/",
        learn.lesson_clock,
        name="lesson_clock",
    ),
    path(
        "<int:enrollment_id>/lessons/<int:lesson_id>/captions.vtt",
        learn.lesson_captions,
        name="captions",
    ),
    path(
        "<int:enrollment_id>/assessments/<int:assessment_id>/",
        learn.assessment_detail,
        name="assessment",
    ),
    path("<int:enrollment_id>/attempts/<int:attempt_id>/", learn.attempt_detail, name="attempt"),
    path(
        "<int:enrollment_id>/reflections/<int:reflection_id>/",
        learn.reflection_detail,
        name="reflection",
    ),
]
