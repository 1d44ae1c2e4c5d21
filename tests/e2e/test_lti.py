"""In headless Chromium, REPAIR as an LTI 1.3 tool of a department's LMS: a local platform
(lti1p3platform, its own process; every message signed and checked) deep-links a curriculum,
an officer launches it and is signed into that course, and completing it sends the score and
completion back through Assignment and Grade Services. A person not on the roster is refused."""

from __future__ import annotations

import pytest
import requests

from accounts.models import AuditEvent, User
from curriculum.models import Enrollment
from integrations.models import LtiOutcome, LtiPlatform
from tests import factories
from tests.e2e.conftest import serious_axe_violations
from tests.integrations.counterparts.process import free_port, python_counterpart
from tests.integrations.learning import complete
from worker.models import Notification
from worker.sending import notification_drain

pytestmark = [pytest.mark.e2e, pytest.mark.counterpart]
CLIENT_ID, DEPLOYMENT_ID = "repair-tool-1", "deployment-1"
PEOPLE = {
    "teacher": {"sub": "lms-user-7", "email": "trainer@democitypd.gov", "name": "Tia Trainer"},
    "ana": {"sub": "lms-user-42", "email": "ana.diaz@democitypd.gov", "name": "Ana Diaz"},
    "eve": {"sub": "lms-user-99", "email": "eve@democitypd.gov", "name": "Eve Stranger"},
}


@pytest.fixture(scope="module")
def platform(live_server, tmp_path_factory):
    port = free_port()
    process = python_counterpart(
        "tests.integrations.counterparts.lti_platform",
        {
            "port": port,
            "client_id": CLIENT_ID,
            "deployment_id": DEPLOYMENT_ID,
            "tool": {
                "login": f"{live_server.url}/lti/login/",
                "launch": f"{live_server.url}/lti/launch/",
                "jwks": f"{live_server.url}/lti/jwks/",
            },
            "people": PEOPLE,
        },
        tmp_path_factory.mktemp("lti") / "platform.log",
        "lti platform ready",
    ).start()
    yield f"http://localhost:{port}"
    process.stop()


@pytest.fixture
def lti_world(transactional_db, live_server, settings, platform):
    settings.SITE_URL = live_server.url
    settings.REPAIR_MIN_LESSON_TIME_SHARE = 0
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    officer = factories.officer(department, email="ana.diaz@democitypd.gov", last_name="Diaz")
    factories.small_curriculum(modules=1, title="Use of Force and the Fourth Amendment")
    curriculum = factories.small_curriculum(modules=1, title="Human Dignity in Policing")
    LtiPlatform.objects.create(
        department=department,
        name="Demo City Moodle",
        issuer=platform,
        client_id=CLIENT_ID,
        deployment_ids=DEPLOYMENT_ID,
        auth_login_url=f"{platform}/authorize/",
        auth_token_url=f"{platform}/token/",
        key_set_url=f"{platform}/jwks/",
    )
    return {"officer": officer, "curriculum": curriculum, "platform": platform}


def _platform_state(platform: str) -> dict:
    return requests.get(f"{platform}/state/", timeout=10).json()


def test_deep_link_then_launch_signs_the_officer_into_the_course_and_sends_the_grade(
    browser, lti_world, live_server
):
    platform, curriculum = lti_world["platform"], lti_world["curriculum"]
    teacher = browser.new_context(locale="en-US").new_page()
    teacher.goto(f"{platform}/course/unit-1/add/?as=teacher")
    assert teacher.get_by_role("heading", name="Choose a REPAIR course").is_visible()
    assert serious_axe_violations(teacher) == []
    teacher.get_by_label("Human Dignity in Policing").check()
    teacher.get_by_role("button", name="Add this course").click()
    teacher.wait_for_load_state("networkidle")
    assert teacher.locator("#added").inner_text() == "Human Dignity in Policing"
    link = _platform_state(platform)["links"]["unit-1"]
    assert link["custom"] == {"repair_curriculum": curriculum.slug}

    page = browser.new_context(locale="en-US").new_page()
    page.goto(f"{platform}/course/unit-1/?as=ana")
    page.wait_for_load_state("networkidle")

    enrollment = Enrollment.objects.get(officer=lti_world["officer"])
    assert enrollment.curriculum == curriculum
    assert page.url == f"{live_server.url}/learn/{enrollment.pk}/"
    assert page.get_by_role("heading", name="Human Dignity in Policing").is_visible()
    assert page.get_by_role("button", name="Sign out").is_visible()
    outcome = LtiOutcome.objects.get(enrollment=enrollment)
    assert (outcome.lti_user_id, outcome.link.lineitem_url) == (
        "lms-user-42",
        f"{platform}/lineitems/unit-1",
    )

    complete(enrollment, lti_world["officer"])
    # The worker's part, in-process (without a broker the task already ran after commit).
    notification_drain(time_budget=30)

    scores = _platform_state(platform)["scores"]
    assert [(s["userId"], s["scoreGiven"], s["scoreMaximum"]) for s in scores] == [
        ("lms-user-42", 100, 100)
    ]
    assert (scores[0]["activityProgress"], scores[0]["gradingProgress"]) == (
        "Completed",
        "FullyGraded",
    )
    assert Notification.objects.get(kind="lti_score").status == "sent"


def test_a_launch_for_someone_not_on_the_roster_is_refused(browser, lti_world, live_server):
    users_before = User.objects.count()
    page = browser.new_context(locale="en-US").new_page()

    page.goto(f"{lti_world['platform']}/course/unit-9/?as=eve")
    page.wait_for_load_state("networkidle")

    assert page.get_by_role("heading", name="Launch refused").is_visible()
    assert "not on this department's roster" in page.content()
    assert serious_axe_violations(page) == []
    assert not page.get_by_role("button", name="Sign out").is_visible()
    assert User.objects.count() == users_before
    assert not Enrollment.objects.exists()
    assert AuditEvent.objects.get(action="lti.refused").data["reason"] == "not_on_roster"
