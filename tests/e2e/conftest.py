"""Browser tests: the real pages in headless Chromium (the system's, never a downloaded one)."""

from __future__ import annotations

import os
import shutil

import pytest

CHROMIUM = os.environ.get("REPAIR_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
# between browser steps are still plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(autouse=True)
def _calm_hour(request):
    """Browser tests take seconds between arranging dates and reading them on a page, so they
    run at 16:00 UTC of the current day (the clock then runs on): an hour at which every US zone
    is on the same date (06:00 in Honolulu, 11:00 in New York), so no local midnight falls in
    between. The date rules themselves are pinned at hard instants in tests/test_clock.py.
    Not for tests with a counterpart process (an IdP, an LMS), which keeps the real time."""
    import time_machine

    if request.node.get_closest_marker("counterpart"):
        yield
        return

    from django.core.cache import cache

    from repair import clock

    # Every browser test starts at the same 16:00, so the sign-in rate limits' windows (kept in
    # the cache, counted by the clock) would add up across tests into a 429: start each clean.
    cache.clear()
    calm = clock.now().replace(hour=16, minute=0, second=0, microsecond=0)
    with time_machine.travel(calm, tick=True):
        yield


def pytest_collection_modifyitems(items):
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not os.path.exists(CHROMIUM):
        pytest.fail(f"Chromium not found at {CHROMIUM}: run `make browser`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True, locale="en-US"
    )
    page = context.new_page()
    page.set_default_timeout(15000)
    yield page
    context.close()


def sign_in(page, base_url: str, email: str, password: str) -> None:
    page.goto(f"{base_url}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", password)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def serious_axe_violations(page) -> list[dict]:
    """axe-core's serious and critical violations on the current page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]
