"""Every `/api/v1/` route; each app contributes its own `api/urls.py`."""

from django.urls import include, path, re_path

from repair.api_errors import api_not_found

urlpatterns: list = [
    path("", include("accounts.api.urls")),
    path("", include("curriculum.api.urls")),
    path("", include("compliance.api.urls")),
    path("partner/", include("partners.api.urls")),
]

# Last: any other /api/v1/ path answers a JSON 404 like the API, not an HTML page.
urlpatterns += [re_path(r"^", api_not_found)]
