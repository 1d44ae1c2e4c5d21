from __future__ import annotations

from django.urls import path

from curriculum.views import cohorts, discussion, facilitate, sessions

urlpatterns = [
    path("", facilitate.home, name="home"),
    path("answered/", facilitate.history, name="history"),
    path("cohorts/<int:cohort_id>/", sessions.cohort_detail, name="cohort"),
    path("cohorts/<int:cohort_id>/members/", cohorts.member_add, name="member_add"),
    path("cohorts/<int:cohort_id>/waitlist/", cohorts.waitlist_promote, name="waitlist_promote"),
    path("cohorts/<int:cohort_id>/announce/", discussion.announce, name="announce"),
    path("sessions/<int:session_id>/attendance/", sessions.attendance, name="attendance"),
    path("sessions/<int:session_id>/practicum/", sessions.practicum, name="practicum"),
    path("sessions/<int:session_id>/cancel/", sessions.session_cancel, name="session_cancel"),
    path("responses/<int:response_id>/", facilitate.response_detail, name="response"),
]
