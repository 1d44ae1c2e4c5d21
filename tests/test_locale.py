"""One Spanish catalogue (locale/) holds every string: the pages', the error pages' and API
errors' (once repair/locale) and the worker's (once worker/locale)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[1]


def test_the_project_has_one_catalogue():
    catalogues = sorted(
        str(po.relative_to(ROOT))
        for po in ROOT.rglob("django.po")
        if not any(part.startswith(".") or part == "node_modules" for part in po.parts)
    )

    assert catalogues == ["locale/es/LC_MESSAGES/django.po"]
    assert [Path(p) for p in settings.LOCALE_PATHS] == [ROOT / "locale"]


def test_pages_render_in_spanish_from_the_one_catalogue(db, client, staff_user):
    # a page string (always in locale/)
    page = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="es").content.decode()
    assert 'lang="es"' in page and "Portal de formación" in page

    # an API error string (once in repair/locale)
    api = client.get("/api/v1/no-such-thing/", HTTP_ACCEPT_LANGUAGE="es")
    assert api.status_code == 404
    assert api.json() == {"detail": "No encontrado."}

    # a worker string (once in worker/locale)
    client.force_login(staff_user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    schedule = client.get(reverse("admin:worker_notification_schedule")).content.decode()
    assert "Programación periódica" in schedule
