from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import trans_real
from rest_framework.test import APIClient

from tests import factories

CATALOGUE = Path(__file__).resolve().parents[1] / "locale" / "es" / "LC_MESSAGES" / "django.po"


def pytest_addoption(parser):
    parser.addoption(
        "--repair-now",
        default=os.environ.get("REPAIR_TEST_NOW", ""),
        help="Start the whole suite at this instant (ISO 8601, e.g. 2027-03-01T00:30:00Z); "
        "the clock then runs on from there. Default: $REPAIR_TEST_NOW, else the real time.",
    )


def pytest_report_header(config):
    now = config.getoption("--repair-now")
    return f"REPAIR clock: suite starts at {now}" if now else None


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix) -> None:
    """On PostgreSQL the audit table refuses TRUNCATE; the test database's owner empties it
    between transactional tests, and says so for its sessions (accounts migration 0009)."""
    from django.conf import settings

    database = settings.DATABASES["default"]
    if database["ENGINE"].endswith("postgresql"):
        options = database.setdefault("OPTIONS", {})
        extra = "-c repair.audit_truncate=test-database"
        options["options"] = f"{options.get('options', '')} {extra}".strip()


@pytest.fixture(autouse=True, scope="session")
def _suite_clock(request):
    """With --repair-now (or REPAIR_TEST_NOW), every test runs from that instant on: the
    hours at which date bugs show (the 1st of a month at 00:30 UTC, a daylight-saving change)
    are tried on purpose, not by the hour CI happens to run. Tests that depend on the date
    freeze it themselves (time_machine), inside this."""
    value = request.config.getoption("--repair-now")
    if not value:
        yield
        return
    with time_machine.travel(suite_start(value), tick=True):
        yield


def suite_start(value: str) -> dt.datetime:
    """The instant of --repair-now: ISO 8601 with a zone (Z or an offset)."""
    start = dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
    if start.tzinfo is None:
        raise pytest.UsageError("--repair-now needs a time zone, e.g. 2027-03-01T00:30:00Z")
    return start


@pytest.fixture(scope="session", autouse=True)
def _compiled_messages():
    """Compiled catalogues are build output (.mo is git-ignored): compile locale/ when stale, as
    `make test` does, so pages and emails render in Spanish in any checkout."""
    mo = CATALOGUE.with_suffix(".mo")
    if CATALOGUE.exists() and (not mo.exists() or mo.stat().st_mtime < CATALOGUE.stat().st_mtime):
        call_command("compilemessages", locale=["es"], verbosity=0, ignore_patterns=[".venv"])
        trans_real._translations.clear()
        trans_real._default = None


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _open_badges_key(settings):
    """Tests run with DEBUG off: give them the signing key production must have."""
    settings.REPAIR_OB_SIGNING_KEYS = ["test-key:" + "A" * 43]


@pytest.fixture(autouse=True)
def _no_mfa_by_default(settings):
    settings.REPAIR_REQUIRE_MFA = False


@pytest.fixture(autouse=True)
def _empty_cache():
    """Each test starts with an empty cache: throttles and allauth's rate limits count requests
    in cache windows, and tests share user ids and frozen instants, so windows left by earlier
    tests added up into 429s that depended on the order the tests ran in."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language: LocaleMiddleware activates a request's language
    for the thread and leaves it active, so a Spanish request made the next test's certificate
    PDF Spanish (test_locale.py before test_certificates.py)."""
    translation.deactivate()
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _figures_computed_by_default(settings):
    """Tests read the figures they just wrote inside one transaction, where no commit drops a
    cached figure; the cache itself is tested in tests/api/test_figures_cache.py."""
    settings.REPAIR_FIGURES_CACHE_SECONDS = 0


@pytest.fixture(autouse=True)
def _sessions_in_the_database_by_default(settings):
    """Query counts are pinned with sessions read from the database, whatever REDIS_URL says;
    the session cache is tested in tests/accounts/test_session_cache.py."""
    settings.REPAIR_SESSION_CACHE = False


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def department():
    return factories.DepartmentFactory(
        name="Demo City Police Department", state="GA", timezone=factories.DEMO_ZONE
    )


@pytest.fixture
def other_department():
    return factories.DepartmentFactory(
        name="Harbor County Sheriff's Office", state="FL", timezone=factories.OTHER_ZONE
    )


@pytest.fixture
def officer(department):
    return factories.officer(department, email="officer@example.test")


@pytest.fixture
def liaison(department):
    return factories.liaison(department, email="liaison@example.test")


@pytest.fixture
def other_liaison(other_department):
    return factories.liaison(other_department, email="liaison2@example.test")


@pytest.fixture
def staff_user():
    return factories.UserFactory(email="staff@example.test", is_staff=True, is_superuser=True)


@pytest.fixture
def celery_eager():
    """Run Celery tasks in-process for this test, even when a real broker is configured."""
    from repair.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = previous
