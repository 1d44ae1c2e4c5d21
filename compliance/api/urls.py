from django.urls import re_path

from compliance.api import views

urlpatterns = [
    re_path(
        r"^departments/(?P<id>[^/]+)/compliance/$",
        views.DepartmentComplianceApi.as_view(),
        name="department-compliance",
    ),
]
