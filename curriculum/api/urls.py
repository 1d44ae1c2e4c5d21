from django.urls import path, re_path

from curriculum.api import views

# Path ids accept any segment so that a malformed id answers the API's JSON 404, not a page.
urlpatterns = [
    path("curricula/", views.CurriculumListApi.as_view(), name="curricula"),
    path("me/enrollments/", views.MyEnrollmentListApi.as_view(), name="me-enrollments"),
    path("me/record/", views.MyRecordApi.as_view(), name="me-record"),
    path("departments/", views.DepartmentListApi.as_view(), name="departments"),
    re_path(
        r"^departments/(?P<id>[^/]+)/summary/$",
        views.DepartmentSummaryApi.as_view(),
        name="department-summary",
    ),
    re_path(
        r"^departments/(?P<id>[^/]+)/officers/$",
        views.DepartmentOfficerListApi.as_view(),
        name="department-officers",
    ),
    path("enrollments/", views.EnrollmentListCreateApi.as_view(), name="enrollments"),
    path("stats/completions/", views.CompletionStatsApi.as_view(), name="stats-completions"),
    re_path(r"^certificates/(?P<code>[^/]+)/$", views.CertificateApi.as_view(), name="certificate"),
]
