"""In headless Chromium: a liaison invites an officer; the officer accepts, sets a password,
is signed in, and can sign in again with that password."""

from __future__ import annotations

import pytest

from accounts.models import Membership, User
from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in
from worker.models import Notification

pytestmark = pytest.mark.e2e
NEW_PASSWORD = "Civil-rights-2026-ok"


@pytest.fixture
def invite_world(transactional_db, settings, live_server, tmp_path):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    liaison = factories.liaison(department, email="liaison@repair.test")
    return {"department": department, "liaison": liaison}


def _liaison_sends_invitation(page, base_url: str) -> str:
    sign_in(page, base_url, "liaison@repair.test", factories.PASSWORD)
    page.goto(f"{base_url}/department/roster/invite/")
    assert serious_axe_violations(page) == []
    page.get_by_label("Email address").fill("rookie@repair.test")
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Parks")
    page.get_by_label("Badge number").fill("B-1955")
    page.get_by_role("button", name="Send invitation").click()
    page.wait_for_load_state("networkidle")
    assert "Invitation sent to rookie@repair.test" in page.content()
    return Notification.objects.get(kind="invitation", to_email="rookie@repair.test").context[
        "link"
    ]


def test_liaison_invites_officer_who_accepts_and_signs_in(browser, invite_world, live_server):
    liaison_context = browser.new_context(locale="en-US")
    link = _liaison_sends_invitation(liaison_context.new_page(), live_server.url)
    liaison_context.close()
    assert link.startswith(f"{live_server.url}/invite/rp_")

    context = browser.new_context(locale="en-US")
    page = context.new_page()
    page.goto(link)
    assert page.get_by_role("heading", name="Accept your invitation").is_visible()
    assert serious_axe_violations(page) == []
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Parks")
    page.locator("#id_password1").fill(NEW_PASSWORD)
    page.locator("#id_password2").fill(NEW_PASSWORD)
    page.get_by_role("button", name="Set password and sign in").click()
    page.wait_for_load_state("networkidle")

    assert page.get_by_role("button", name="Sign out").is_visible()
    officer = User.objects.get(email="rookie@repair.test")
    membership = Membership.objects.get(user=officer)
    assert (membership.department, membership.role, membership.badge_number) == (
        invite_world["department"],
        "officer",
        "B-1955",
    )

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_load_state("networkidle")
    page.goto(link)
    assert page.get_by_role("heading", name="This invitation link cannot be used").is_visible()
    sign_in(page, live_server.url, "rookie@repair.test", NEW_PASSWORD)
    assert page.get_by_role("button", name="Sign out").is_visible()
    context.close()


def test_liaison_imports_a_roster_through_the_preview(page, invite_world, live_server, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "email;first_name;last_name;badge_number;rank\nnot-an-email;A;B;1;Officer\n",
        encoding="utf-8-sig",
    )
    good = tmp_path / "good.csv"
    good.write_text(
        "email,first_name,last_name,badge_number,rank\nana@repair.test,Ana,Alvarez,7,Officer\n"
    )
    sign_in(page, live_server.url, "liaison@repair.test", factories.PASSWORD)

    page.goto(f"{live_server.url}/department/roster/import/")
    page.get_by_label("Roster file (CSV)").set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("cell", name="Bad email address").is_visible()
    assert serious_axe_violations(page) == []

    page.goto(f"{live_server.url}/department/roster/import/")
    page.get_by_label("Roster file (CSV)").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()
    page.get_by_role("button", name="Confirm the import").click()
    page.wait_for_load_state("networkidle")

    assert page.get_by_role("heading", name="Import complete").is_visible()
    assert (
        Membership.objects.get(user__email="ana@repair.test").department
        == (invite_world["department"])
    )
