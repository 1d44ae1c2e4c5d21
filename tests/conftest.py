from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from tests import factories


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _no_mfa_by_default(settings):
    settings.REPAIR_REQUIRE_MFA = False


@pytest.fixture(autouse=True)
def _figures_computed_by_default(settings):
    """Tests read the figures they just wrote inside one transaction, where no commit drops a
    cached figure; the cache itself is tested in tests/api/test_figures_cache.py."""
    settings.REPAIR_FIGURES_CACHE_SECONDS = 0


@pytest.fixture
def api_client() -> APIClient:
    return APIClient()


@pytest.fixture
def department():
    return factories.DepartmentFactory(name="Demo City Police Department", state="GA")


@pytest.fixture
def other_department():
    return factories.DepartmentFactory(name="Harbor County Sheriff's Office", state="FL")


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
