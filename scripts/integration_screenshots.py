"""Screenshots of the integration pages for docs/integrations.md, taken by Playwright in the
system Chromium from the real pages of a throwaway demo portal.

    .venv/bin/python scripts/integration_screenshots.py [OUTPUT_DIR]   (default docs/img)

It seeds a temporary SQLite database (seed_demo), adds one integration of each kind to Demo
City, serves the portal on a free loopback port and saves small palette PNGs.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-quic",
    "--disable-sync",
]
SETUP = """
from accounts.models import Department, SSOProvider
from integrations.models import LrsEndpoint, LtiPlatform
demo = Department.objects.get(name="Demo City Police Department")
SSOProvider.objects.update_or_create(slug="demo-city-entra", defaults=dict(
    department=demo, protocol="openid_connect", name="Demo City PD (Entra ID)",
    issuer_url="https://login.microsoftonline.com/00000000-demo/v2.0", client_id="repair-portal",
    client_secret="stored-secret", email_domains="democitypd.gov",
    password_login_allowed=True, idp_mfa_satisfies_requirement=True))
LtiPlatform.objects.update_or_create(issuer="https://moodle.democitypd.gov", client_id="Rk2x9",
    defaults=dict(department=demo, name="Demo City Moodle", deployment_ids="1",
    auth_login_url="https://moodle.democitypd.gov/mod/lti/auth.php",
    auth_token_url="https://moodle.democitypd.gov/mod/lti/token.php",
    key_set_url="https://moodle.democitypd.gov/mod/lti/certs.php"))
LrsEndpoint.objects.update_or_create(department=demo, defaults=dict(
    endpoint="https://lrs.democitypd.gov/xAPI/", username="repair", password="stored-secret"))
from curriculum.models import Certificate
print(Certificate.objects.filter(revoked_at__isnull=True).order_by("pk").first().code)
"""


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _manage(env: dict, *args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, **kwargs
    )


def _save(page, path: Path, *, full_page: bool = False) -> None:
    from PIL import Image

    page.screenshot(path=str(path), full_page=full_page)
    image = Image.open(path).convert("RGB")
    image.quantize(colors=64, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def _sign_in(page, base: str, email: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.fill("input[name=login]", email)
    page.fill("input[name=password]", "repair-demo-2026")
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


def shoot(base: str, out: Path, code: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("REPAIR_CHROMIUM", "/usr/bin/chromium"),
            args=CHROMIUM_ARGS,
        )
        page = browser.new_page(viewport={"width": 900, "height": 640}, locale="en-US")
        page.goto(f"{base}/accounts/login/")
        _save(page, out / "integrations-sign-in.png", full_page=True)
        _sign_in(page, base, "admin@repair.test")
        for name, url in [
            ("integrations-sso-admin", "/admin/accounts/ssoprovider/"),
            ("integrations-lti-admin", "/admin/integrations/ltiplatform/"),
            ("integrations-lrs-admin", "/admin/integrations/lrsendpoint/"),
        ]:
            page.goto(base + url)
            page.locator("#result_list tbody th a").first.click()
            page.wait_for_load_state("networkidle")
            _save(page, out / f"{name}.png", full_page=True)
        public = browser.new_page(viewport={"width": 900, "height": 640}, locale="en-US")
        public.goto(f"{base}/verify/{code}/")
        _save(public, out / "integrations-verify.png", full_page=True)
        browser.close()


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "img").resolve()
    out.mkdir(parents=True, exist_ok=True)
    workdir = Path(tempfile.mkdtemp(prefix="repair-shots-"))
    env = {
        **os.environ,
        "DATABASE_URL": f"sqlite:///{workdir / 'db.sqlite3'}",
        "REDIS_URL": "",
        "CELERY_BROKER_URL": "",
        "DJANGO_DEBUG": "True",
        "REPAIR_REQUIRE_MFA": "False",
    }
    _manage(env, "migrate", "--noinput", "--verbosity", "0")
    _manage(env, "seed_demo", stdout=subprocess.DEVNULL)
    code = _manage(env, "shell", "-c", SETUP, capture_output=True, text=True).stdout.split()[-1]
    port = _free_port()
    env["REPAIR_SITE_URL"] = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(4)
        shoot(f"http://127.0.0.1:{port}", out, code)
    finally:
        server.terminate()
        server.wait(timeout=10)


if __name__ == "__main__":
    main()
