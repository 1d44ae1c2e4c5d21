"""Error pages under production settings: the portal's look, the user's language, nothing leaked,
and a 500 logged as one JSON line carrying the request id."""

from __future__ import annotations

import io
import json
import logging

import pytest
import redis
from django.db import OperationalError
from django.test import Client
from django.urls import path

from repair import views
from repair.logging import JsonFormatter, RequestContextFilter
from repair.urls import urlpatterns as portal_urlpatterns
from tests import factories

pytestmark = pytest.mark.django_db

SECRET_IN_EXCEPTION = "boom: password=hunter2 at /srv/repair/secret.py"


def _explode(request):
    raise RuntimeError(SECRET_IN_EXCEPTION)


def _explode_api(request):
    raise RuntimeError(SECRET_IN_EXCEPTION)


def _database_gone(request):
    raise OperationalError("terminating connection due to administrator command")


def _redis_gone(request):
    raise redis.exceptions.ConnectionError("Error 111 connecting to 127.0.0.1:6379.")


# The root URLconf plus views that raise, used only by these tests.
urlpatterns = [
    path("test-only/explode/", _explode),
    path("api/test-only/explode/", _explode_api),
    path("test-only/database-gone/", _database_gone),
    path("api/test-only/redis-gone/", _redis_gone),
    *portal_urlpatterns,
]
handler400 = "repair.views.bad_request"
handler403 = "repair.views.permission_denied"
handler404 = "repair.views.page_not_found"
handler500 = "repair.views.server_error"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    for name, value in settings.REPAIR_PRODUCTION_SECURITY.items():
        setattr(settings, name, value)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.ALLOWED_HOSTS = ["testserver"]
    settings.ROOT_URLCONF = __name__
    return settings


@pytest.fixture
def browser():
    return Client(raise_request_exception=False)


@pytest.fixture
def json_log():
    """What the production console handler writes, for the loggers a 500 goes through."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    loggers = [logging.getLogger(name) for name in ("django.request", "repair.request")]
    for logger in loggers:
        logger.addHandler(handler)
    yield stream
    for logger in loggers:
        logger.removeHandler(handler)


def _lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line]


def _assert_secure_headers(response):
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Permissions-Policy"] == "camera=(), microphone=(), geolocation=(), payment=()"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_500_shows_the_portal_page_and_logs_json_with_the_request_id(production, browser, json_log):
    response = browser.get("/test-only/explode/", secure=True)

    assert response.status_code == 500
    html = response.content.decode()
    request_id = response["X-Request-ID"]
    assert "<h1>Something went wrong</h1>" in html
    assert '<link rel="stylesheet" href="/static/css/repair.css">' in html
    assert f"<strong>{request_id}</strong>" in html
    for leak in ("hunter2", "RuntimeError", "Traceback", "secret.py", "SECRET_KEY"):
        assert leak not in html
    _assert_secure_headers(response)
    lines = _lines(json_log)
    error = next(line for line in lines if line["logger"] == "django.request")
    assert error["level"] == "ERROR"
    assert error["request_id"] == request_id
    assert error["message"] == "Internal Server Error: /test-only/explode/"
    assert "RuntimeError: boom: password=[redacted]" in error["exception"]
    assert "hunter2" not in json_log.getvalue()
    access = next(line for line in lines if line["logger"] == "repair.request")
    assert (access["request_id"], access["status"], access["path"]) == (
        request_id,
        500,
        "/test-only/explode/",
    )


def test_500_speaks_the_users_language(production, browser):
    response = browser.get("/test-only/explode/", secure=True, HTTP_ACCEPT_LANGUAGE="es")

    html = response.content.decode()
    assert response.status_code == 500
    assert '<html lang="es">' in html
    assert "<h1>Algo salió mal</h1>" in html


def test_500_under_api_answers_json_with_the_request_id(production, browser):
    response = browser.get("/api/test-only/explode/", secure=True)

    assert response.status_code == 500
    assert response.json() == {
        "detail": "A server error occurred.",
        "request_id": response["X-Request-ID"],
    }
    _assert_secure_headers(response)


def test_500_falls_back_to_plain_html_when_its_template_fails(production, browser, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("Missing staticfiles manifest entry for 'css/repair.css'")

    monkeypatch.setattr(views.loader, "render_to_string", broken)

    response = browser.get("/test-only/explode/", secure=True)

    assert response.status_code == 500
    html = response.content.decode()
    assert html.startswith('<!doctype html><html lang="en">')
    assert "<h1>Something went wrong</h1>" in html
    assert "manifest" not in html
    _assert_secure_headers(response)


def test_404_is_the_portal_page_in_the_users_language(production, browser):
    response = browser.get("/no-such-page/", secure=True, HTTP_ACCEPT_LANGUAGE="es")

    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>Página no encontrada</h1>" in html
    assert 'class="site-header"' in html  # base.html: the portal's header and navigation
    assert "/no-such-page/" not in html.split("<main", 1)[1].split("</main>", 1)[0]
    _assert_secure_headers(response)


def test_404_under_api_answers_json(production, browser):
    response = browser.get("/api/no-such-endpoint/", secure=True)

    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."}
    _assert_secure_headers(response)


def test_403_is_the_portal_page(production, browser, officer):
    browser.force_login(officer)

    response = browser.get("/partner/", secure=True)

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Access denied</h1>" in html
    assert 'class="site-header"' in html
    _assert_secure_headers(response)


def test_400_for_a_foreign_host_is_the_portal_page(production, browser):
    response = browser.get("/", secure=True, HTTP_HOST="evil.example")

    assert response.status_code == 400
    html = response.content.decode()
    assert "<h1>Bad request</h1>" in html
    assert "evil.example" not in html
    assert "ALLOWED_HOSTS" not in html
    _assert_secure_headers(response)


def test_csrf_failure_is_the_portal_page(production):
    browser = Client(enforce_csrf_checks=True, raise_request_exception=False)

    response = browser.post("/accounts/login/", {"login": "a@b.test"}, secure=True)

    assert response.status_code == 403
    html = response.content.decode()
    assert "<h1>Form expired</h1>" in html
    assert "CSRF" not in html
    _assert_secure_headers(response)


def test_database_outage_answers_503_with_retry_after(production, browser):
    response = browser.get("/test-only/database-gone/", secure=True)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    html = response.content.decode()
    assert "<h1>Briefly unavailable</h1>" in html
    assert f"<strong>{response['X-Request-ID']}</strong>" in html
    assert "administrator command" not in html
    _assert_secure_headers(response)


def test_redis_outage_under_api_answers_503_json(production, browser):
    response = browser.get("/api/test-only/redis-gone/", secure=True)

    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert response.json() == {
        "detail": "A service the portal needs is unavailable. Try again shortly.",
        "request_id": response["X-Request-ID"],
    }


UNREACHABLE_REDIS = {
    "default": {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",
        "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
    }
}


def test_sign_in_with_redis_down_answers_503_not_500(production, browser, settings):
    user = factories.UserFactory(email="someone@example.test")
    settings.CACHES = UNREACHABLE_REDIS  # allauth keeps its rate-limit counters in the cache

    response = browser.post(
        "/accounts/login/",
        {"login": user.email, "password": factories.PASSWORD},
        secure=True,
    )

    assert response.status_code == 503
    assert response["Retry-After"] == "10"


def test_health_says_the_cache_is_down(client, settings):
    settings.CACHES = UNREACHABLE_REDIS

    response = client.get("/api/health/")

    assert response.status_code == 200
    assert (response.json()["status"], response.json()["cache"]) == ("degraded", "down")
