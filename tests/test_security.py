"""Security headers, cookies, the request id and what the logs may (not) hold."""

from __future__ import annotations

import base64
import hashlib
import io
import json
import logging
import os
import re
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from celery import Celery
from django.urls import reverse

from accounts.models import ApiToken
from accounts.tokens import token_key_generate, token_key_hash, token_key_prefix
from curriculum.models import ReflectionResponse
from curriculum.services.progress import lesson_complete
from repair.celery import app as celery_app
from repair.logging import (
    ConsoleHandler,
    JsonFormatter,
    RequestContextFilter,
    TextFormatter,
    logging_config,
    request_id_var,
)
from tests import factories
from tests.curriculum.test_learn_progress import enroll, spend_time_on, take

ROOT = Path(__file__).resolve().parent.parent
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=()"


@pytest.fixture
def production(settings):
    settings.DEBUG = False
    for name, value in settings.REPAIR_PRODUCTION_SECURITY.items():
        setattr(settings, name, value)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.ALLOWED_HOSTS = ["testserver"]
    return settings


@pytest.fixture
def all_logs():
    """Every record of every logger, at DEBUG, as the production handler would write it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(RequestContextFilter())
    names = ["", "django", "celery", "repair", "accounts", "curriculum", "partners", "worker"]
    saved = []
    for name in names:
        logger = logging.getLogger(name)
        saved.append((logger, logger.level))
        logger.setLevel(logging.DEBUG)
        logger.addHandler(handler)
    yield stream
    for logger, level in saved:
        logger.removeHandler(handler)
        logger.setLevel(level)


def _json_lines(stream: io.StringIO) -> list[dict]:
    return [json.loads(line) for line in stream.getvalue().splitlines() if line]


# --- headers and cookies -------------------------------------------------------------------


@pytest.mark.django_db
def test_csp_is_the_decided_policy(production, client):
    response = client.get("/api/health/", secure=True)

    directives = sorted(part.strip() for part in response["Content-Security-Policy"].split(";"))
    assert directives == [
        "base-uri 'self'",
        "connect-src 'self'",
        "default-src 'self'",
        "font-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "img-src 'self' data:",
        "media-src 'self'",
        "object-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
    ]


@pytest.mark.django_db
def test_api_docs_allow_exactly_their_inline_style_block_and_no_inline_script(
    production, client, officer
):
    client.force_login(officer)

    response = client.get("/api/docs/", secure=True)

    html = response.content.decode()
    assert response.status_code == 200
    styles = re.findall(r"<style>(.*?)</style>", html, flags=re.DOTALL)
    assert len(styles) == 1
    digest = base64.b64encode(hashlib.sha256(styles[0].encode()).digest()).decode()
    directives = {part.strip() for part in response["Content-Security-Policy"].split(";")}
    assert f"style-src 'self' 'sha256-{digest}'" in directives
    assert "script-src 'self'" in directives
    assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", html) == []


@pytest.mark.django_db
def test_plain_http_redirect_to_https_carries_the_headers_too(production, client):
    production.SECURE_SSL_REDIRECT = True

    response = client.get("/accounts/login/?next=/learn/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/accounts/login/?next=/learn/"
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Request-ID"]


@pytest.mark.django_db
def test_health_check_over_plain_http_is_not_redirected(production, client):
    production.SECURE_SSL_REDIRECT = True

    response = client.get("/api/health/")

    assert response.status_code == 200
    assert response["Permissions-Policy"] == PERMISSIONS_POLICY


@pytest.mark.django_db
def test_session_csrf_and_language_cookies_are_secure_httponly_samesite(
    production, client, officer
):
    page = client.get(reverse("account_login"), secure=True)
    signed_in = client.post(
        reverse("account_login"),
        {"login": officer.email, "password": factories.PASSWORD},
        secure=True,
    )
    language = client.post(reverse("set_language"), {"language": "es", "next": "/"}, secure=True)

    cookies = {**page.cookies, **signed_in.cookies, **language.cookies}
    assert {"csrftoken", "sessionid", "django_language"} <= set(cookies)
    for name in ("csrftoken", "sessionid", "django_language"):
        cookie = cookies[name]
        assert (cookie["secure"], cookie["httponly"], cookie["samesite"]) == (True, True, "Lax"), (
            name
        )


def test_secret_key_fallbacks_come_from_the_environment():
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_URL"))
    }
    env["DJANGO_SECRET_KEY_FALLBACKS"] = "old-key-one,old-key-two"
    code = (
        "import os; os.environ.setdefault('DJANGO_SETTINGS_MODULE','repair.settings'); "
        "from django.conf import settings; print(settings.SECRET_KEY_FALLBACKS)"
    )

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['old-key-one', 'old-key-two']"


# --- the request id ------------------------------------------------------------------------


@pytest.mark.django_db
def test_every_response_gets_its_own_request_id(client):
    first = client.get("/api/health/")["X-Request-ID"]
    second = client.get("/api/health/")["X-Request-ID"]

    assert len(first) == 32
    assert first != second


@pytest.mark.django_db
def test_incoming_request_id_is_ignored_without_a_trusted_proxy(client, settings):
    settings.REPAIR_TRUSTED_PROXIES = 0

    response = client.get("/api/health/", HTTP_X_REQUEST_ID="from-the-internet-123")

    assert response["X-Request-ID"] != "from-the-internet-123"


@pytest.mark.django_db
def test_incoming_request_id_from_a_trusted_proxy_is_kept_when_well_formed(client, settings):
    settings.REPAIR_TRUSTED_PROXIES = 1

    kept = client.get("/api/health/", HTTP_X_REQUEST_ID="proxy-id-0123456789")
    forged = client.get("/api/health/", HTTP_X_REQUEST_ID="bad id\nINFO forged line")

    assert kept["X-Request-ID"] == "proxy-id-0123456789"
    assert forged["X-Request-ID"] != "bad id\nINFO forged line"
    assert len(forged["X-Request-ID"]) == 32


# --- the request line and what logs never hold -----------------------------------------------


@pytest.mark.django_db
def test_request_line_has_id_method_path_status_duration_and_user_id_only(client, officer, caplog):
    client.force_login(officer)
    caplog.set_level(logging.INFO, logger="repair.request")

    response = client.get("/learn/?token=rp_secretsecretsecret&key=abc", HTTP_ACCEPT="text/html")

    [record] = [r for r in caplog.records if r.name == "repair.request"]
    line = json.loads(JsonFormatter().format(record))
    assert line["request_id"] == response["X-Request-ID"]
    assert (line["method"], line["path"], line["status"], line["user_id"]) == (
        "GET",
        "/learn/",
        response.status_code,
        officer.pk,
    )
    assert line["route"] == "learn:home"
    assert isinstance(line["duration_ms"], float)
    assert line["message"].startswith(f"GET /learn/ {response.status_code} ")
    text = json.dumps(line)
    assert "secret" not in text
    assert "key=" not in text
    assert officer.email not in text


@pytest.mark.django_db
def test_sign_in_never_logs_the_password(production, client, officer, all_logs):
    client.post(
        reverse("account_login"),
        {"login": officer.email, "password": factories.PASSWORD},
        secure=True,
    )
    client.post(
        reverse("account_login"),
        {"login": officer.email, "password": "wrong-" + factories.PASSWORD},
        secure=True,
    )

    output = all_logs.getvalue()
    assert "POST /accounts/login/" in output
    assert factories.PASSWORD not in output


@pytest.mark.django_db
def test_api_token_never_logged(client, officer, all_logs):
    key = token_key_generate()
    ApiToken.objects.create(
        user=officer, name="ci", prefix=token_key_prefix(key), key_hash=token_key_hash(key)
    )

    response = client.get("/api/v1/me/", HTTP_AUTHORIZATION=f"Token {key}")
    client.get("/api/v1/me/", HTTP_AUTHORIZATION="Token rp_not-a-valid-key-but-secret-anyway")

    assert response.status_code == 200
    output = all_logs.getvalue()
    assert "GET /api/v1/me/ 200" in output
    assert key not in output
    assert key[3:] not in output
    assert "not-a-valid-key-but-secret-anyway" not in output


@pytest.mark.django_db
def test_reflection_text_never_logged(client, officer, all_logs):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.get()
    lesson = module.lessons.get()
    spend_time_on(enrollment, lesson, officer, minutes=lesson.estimated_minutes)
    lesson_complete(enrollment=enrollment, lesson=lesson, user=officer)
    take(enrollment, module.assessments.get(), officer)
    client.force_login(officer)
    text = (
        "PRIVATE-REFLECTION: what I saw at the traffic stop on Fifth Street changed how I "
        "will start every stop from now on, and I will listen first."
    )
    url = reverse("learn:reflection", args=[enrollment.pk, module.reflections.get().pk])

    client.post(url, {"text": text})

    assert ReflectionResponse.objects.filter(enrollment=enrollment, text=text).exists()
    output = all_logs.getvalue()
    assert f"POST {url}" in output
    assert "PRIVATE-REFLECTION" not in output
    assert "Fifth Street" not in output


def test_formatters_scrub_secrets_from_messages_arguments_and_extras():
    logger = logging.getLogger("tests.scrub")
    record = logger.makeRecord(
        "tests.scrub",
        logging.WARNING,
        __file__,
        1,
        "login failed password=%s header=%s url=%s",
        ("hunter2", "Token rp_abcdefghijklmnopqrstuvwxyz", "/x?token=t0k3n&page=2"),
        None,
        extra={"reflection": "my private words", "user_id": 7, "email": "a@b.test"},
    )
    RequestContextFilter().filter(record)

    line = json.loads(JsonFormatter().format(record))
    text = TextFormatter().format(record)

    assert line["message"] == (
        "login failed password=[redacted] header=Token [redacted] url=/x?token=[redacted]&page=2"
    )
    assert line["user_id"] == 7
    assert "reflection" not in line
    assert "email" not in line
    for output in (json.dumps(line), text):
        for secret in ("hunter2", "rp_abc", "t0k3n", "my private words", "a@b.test"):
            assert secret not in output


def test_console_handler_writes_to_the_current_stderr(monkeypatch):
    handler = ConsoleHandler()
    handler.setFormatter(JsonFormatter())
    replaced = io.StringIO()
    monkeypatch.setattr(sys, "stderr", replaced)

    handler.emit(logging.makeLogRecord({"name": "tests", "msg": "hello", "levelname": "INFO"}))

    assert json.loads(replaced.getvalue())["message"] == "hello"


def test_production_logs_are_json_and_development_logs_are_text():
    production = logging_config(json_lines=True, level="INFO")
    development = logging_config(json_lines=False, level="INFO")

    assert production["handlers"]["console"]["formatter"] == "json"
    assert development["handlers"]["console"]["formatter"] == "text"
    assert production["handlers"]["console"]["filters"] == ["request_context"]


# --- the request id in Celery tasks --------------------------------------------------------


@celery_app.task(name="tests.request_id_probe")
def request_id_probe():
    logging.getLogger("tests.probe").info("probe ran")
    return request_id_var.get()


def test_eager_task_runs_in_the_requests_context(settings):
    settings.CELERY_TASK_ALWAYS_EAGER = True
    token = request_id_var.set("req-eager-0001")
    try:
        result = request_id_probe.apply()
    finally:
        request_id_var.reset(token)

    assert result.get() == "req-eager-0001"


def _redis_url() -> str | None:
    import redis

    url = os.environ.get("REPAIR_TEST_REDIS_URL", "redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=0.5).ping()
    except (redis.RedisError, OSError):
        return None
    return url


WORKER_SCRIPT = """
import logging, os, sys
import django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repair.settings")
django.setup()
from repair.celery import app

@app.task(name="tests.request_id_probe")
def request_id_probe():
    logging.getLogger("tests.probe").info("probe ran")

app.worker_main(["worker", "--pool=solo", "--loglevel=INFO", "--queues", sys.argv[1],
                 "--without-heartbeat", "--without-gossip", "--without-mingle"])
"""


def test_worker_logs_the_request_id_of_the_request_that_published_the_task(tmp_path, monkeypatch):
    url = _redis_url()
    if url is None:
        pytest.skip("needs Redis at 127.0.0.1:6379 (or REPAIR_TEST_REDIS_URL) for a real worker")
    queue = f"tests-request-id-{uuid.uuid4().hex[:8]}"
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_URL", "REDIS_URL", "CELERY_", "EMAIL_URL"))
    }
    env |= {
        "CELERY_BROKER_URL": url,
        "DJANGO_LOG_FORMAT": "json",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'worker.sqlite3'}",
    }
    stderr_path = tmp_path / "worker.log"
    with stderr_path.open("w") as stderr:
        worker = subprocess.Popen(
            [sys.executable, "-c", WORKER_SCRIPT, queue], cwd=ROOT, env=env, stderr=stderr
        )
    try:
        # Celery lets CELERY_BROKER_URL override an app's own broker argument.
        monkeypatch.delenv("CELERY_BROKER_URL", raising=False)
        publisher = Celery("tests-publisher", broker=url)
        assert publisher.conf.broker_url == url
        token = request_id_var.set("req-from-a-request-42")
        try:
            publisher.send_task("tests.request_id_probe", queue=queue)
        finally:
            request_id_var.reset(token)
        probe = _wait_for_probe_line(stderr_path, worker)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
        _forget_queue(url, queue)

    assert probe["request_id"] == "req-from-a-request-42"
    assert probe["logger"] == "tests.probe"


def _forget_queue(url: str, queue: str) -> None:
    import redis

    client = redis.Redis.from_url(url)
    keys = [queue, *client.scan_iter(f"_kombu.binding*{queue}")]
    client.delete(*keys)


def _wait_for_probe_line(path: Path, worker: subprocess.Popen) -> dict:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        for line in path.read_text().splitlines():
            if line.startswith("{") and '"probe ran"' in line:
                return json.loads(line)
        if worker.poll() is not None:
            break
        time.sleep(0.2)
    pytest.fail("the worker logged no probe line:\n" + path.read_text()[-3000:])
