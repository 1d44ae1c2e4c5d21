"""Every `/api/v1/` route; each app contributes its own `api/urls.py`."""

urlpatterns: list = []
