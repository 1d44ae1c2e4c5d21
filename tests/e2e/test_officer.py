"""The officer's learning in headless Chromium, in English and in Spanish.

An officer signs in, takes the pre-test, completes a module (lesson, knowledge check,
reflection), finishes the curriculum with the post-test, downloads the certificate, and its
code verifies at /verify/. axe-core checks every page on the way; the Spanish run happens at
360 px wide and completes the lesson by keyboard alone.
"""

from __future__ import annotations

import re

import pytest
from django.utils import translation
from django.utils.translation import gettext

from curriculum.models import Assessment, Certificate, Enrollment, Feedback
from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in
from tests.partners.audit import pdf_text

pytestmark = pytest.mark.e2e

REFLECTION = {
    "en": (
        "On my next shift I will introduce myself, explain the reason for every stop and "
        "give the person time to speak before I decide what happens next."
    ),
    "es": (
        "En mi próximo turno me presentaré, explicaré el motivo de cada parada y daré a la "
        "persona tiempo para hablar antes de decidir qué ocurre después."
    ),
}


class Officer:
    """Drives one officer's browser session and checks each page with axe-core."""

    def __init__(self, page, base_url: str, language: str):
        self.page = page
        self.base_url = base_url
        self.language = language
        self.checked: list[str] = []

    def t(self, message: str) -> str:
        with translation.override(self.language):
            return gettext(message)

    def check_page(self) -> None:
        self.page.wait_for_load_state("networkidle")
        violations = serious_axe_violations(self.page)
        assert violations == [], f"{self.page.url}: {violations}"
        fits = self.page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
        assert fits, f"{self.page.url} scrolls sideways"
        self.checked.append(self.page.url)

    def click_button(self, message: str) -> None:
        self.page.get_by_role("button", name=self.t(message), exact=True).click()
        self.page.wait_for_load_state("networkidle")

    def click_link(self, message: str) -> None:
        self.page.get_by_role("link", name=self.t(message), exact=True).first.click()
        self.page.wait_for_load_state("networkidle")

    def answer(self, assessment: Assessment) -> None:
        self.check_page()
        for question in assessment.item_bank.questions.prefetch_related("choices"):
            fieldset = self.page.locator("fieldset", has_text=question.text)
            for choice in question.choices.all():
                if choice.is_correct:
                    fieldset.get_by_label(choice.text, exact=True).check()
        self.click_button("Submit answers")
        self.check_page()

    def take(self, assessment: Assessment) -> None:
        self.click_button("Begin")
        self.answer(assessment)


def _complete_curriculum(officer: Officer, enrollment: Enrollment, *, keyboard: bool) -> None:
    page, t = officer.page, officer.t
    curriculum = enrollment.curriculum
    module = curriculum.current_version.modules.get()

    page.goto(f"{officer.base_url}/learn/")
    assert page.get_by_role("heading", level=1).inner_text() == t("My training")
    officer.check_page()
    page.get_by_role("link", name=_named(t("Start"), curriculum.title)).click()
    page.wait_for_load_state("networkidle")

    # The pre-test opens the first module.
    officer.check_page()
    officer.take(curriculum.current_version.assessments.get(kind=Assessment.Kind.PRE_TEST))
    officer.click_link("Continue")

    # The lesson.
    assert page.get_by_role("heading", level=1).inner_text() == module.lessons.get().title
    officer.check_page()
    if keyboard:
        _press_tab_until(page, t("Mark as done and continue"))
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.wait_for_load_state("networkidle")
    else:
        officer.click_button("Mark as done and continue")

    # The knowledge check.
    officer.check_page()
    officer.take(module.assessments.get())
    assert page.get_by_text(t("Passed"), exact=True).first.is_visible()
    officer.click_link("Continue")

    # The reflection.
    officer.check_page()
    page.get_by_label(t("Your reflection")).fill(REFLECTION[officer.language])
    officer.click_button("Submit reflection")

    # The module is complete: its rating is asked (skippable), then the post-test.
    assert page.get_by_role("heading", level=1).inner_text() == t("Module finished")
    officer.check_page()
    page.get_by_label("4", exact=True).check()
    page.get_by_label(t("Comment (optional)")).fill("Useful scenarios.")
    officer.click_button("Send and continue")
    assert page.get_by_text(t("Thank you for your feedback.")).is_visible()
    officer.check_page()
    officer.take(curriculum.current_version.assessments.get(kind=Assessment.Kind.POST_TEST))
    officer.click_link("Continue")
    officer.check_page()


def _named(action: str, title: str) -> re.Pattern:
    """An action whose accessible name also names its object ("Start : Course title")."""
    return re.compile(rf"^{re.escape(action)}\W+{re.escape(title)}$")


def _press_tab_until(page, name: str, limit: int = 60) -> None:
    for _index in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement && document.activeElement.innerText")
        if focused and focused.strip() == name:
            return
    raise AssertionError(f"{name!r} is not reachable with the Tab key")


def _download_and_verify(officer: Officer, enrollment: Enrollment) -> None:
    page, t = officer.page, officer.t
    certificate = Certificate.objects.get(enrollment=enrollment)
    assert page.get_by_text(certificate.code).first.is_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name=t("Download certificate (PDF)"), exact=True).click()
    with open(download.value.path(), "rb") as downloaded:
        pdf = downloaded.read()
    assert pdf.startswith(b"%PDF-")
    text = "".join(pdf_text(pdf).split())  # the verify address may wrap on the page
    assert certificate.code in text
    assert f"/verify/{certificate.code}/" in text

    page.goto(f"{officer.base_url}/verify/")
    officer.check_page()
    page.get_by_label(t("Certificate code")).fill(certificate.code.lower().replace("-", " "))
    officer.click_button("Verify")
    assert page.url == f"{officer.base_url}/verify/{certificate.code}/"
    assert page.get_by_text(t("This certificate is valid.")).is_visible()
    assert page.get_by_text(certificate.holder_name).is_visible()
    officer.check_page()


@pytest.fixture
def officer_world(transactional_db, settings):
    settings.REPAIR_MIN_LESSON_TIME_SHARE = 0
    # These runs take minutes, not hours: reviewing fast completions is tested on its own.
    settings.REPAIR_FAST_COMPLETION_POLICY = "flag"
    department = factories.DepartmentFactory(name="Demo City Police Department", state="GA")
    return department


def test_officer_completes_a_curriculum_and_verifies_the_certificate(
    live_server, page, officer_world
):
    user = factories.officer(
        officer_world, email="officer@repair.test", first_name="Ana", last_name="Reyes"
    )
    curriculum = factories.small_curriculum(
        modules=1, title="Human Rights in Everyday Policing", translation_group="officer"
    )
    enrollment = factories.EnrollmentFactory(
        officer=user, curriculum=curriculum, department=officer_world
    )
    officer = Officer(page, live_server.url, "en")
    sign_in(page, live_server.url, user.email, factories.PASSWORD)

    _complete_curriculum(officer, enrollment, keyboard=False)
    _download_and_verify(officer, enrollment)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert enrollment.progress == 100
    assert Feedback.objects.get(enrollment=enrollment).rating == 4
    page.goto(f"{live_server.url}/learn/")
    assert (
        page.get_by_role("table")
        .get_by_role("link", name=curriculum.title, exact=True)
        .is_visible()
    )
    officer.check_page()


def test_spanish_officer_takes_the_spanish_version_on_a_phone_by_keyboard(
    live_server, phone_page, officer_world
):
    with translation.override("es"):
        assert gettext("My training") != "My training", "run `manage.py compilemessages`"
    user = factories.officer(
        officer_world, email="agente@repair.test", first_name="Luis", last_name="García"
    )
    user.language = "es"
    user.save(update_fields=["language"])
    english = factories.small_curriculum(modules=1, translation_group="officer")
    spanish = factories.small_curriculum(
        modules=1,
        language="es",
        title="Derechos humanos en la labor policial diaria",
        translation_group="officer",
    )
    enrollment = factories.EnrollmentFactory(
        officer=user, curriculum=english, department=officer_world
    )
    officer = Officer(phone_page, live_server.url, "es")
    sign_in(phone_page, live_server.url, user.email, factories.PASSWORD)

    # Confirm the preference (it also sets the interface language for the session).
    phone_page.goto(f"{live_server.url}/learn/preferences/")
    officer.check_page()
    officer.click_button("Save")
    assert phone_page.get_by_text(officer.t("Your preferences have been saved.")).is_visible()

    # The English assignment is offered in Spanish before it starts.
    phone_page.goto(f"{live_server.url}/learn/")
    officer.check_page()
    phone_page.get_by_role(
        "button", name=_named(officer.t("Take it in my language"), spanish.title)
    ).click()
    phone_page.wait_for_load_state("networkidle")
    enrollment.refresh_from_db()
    assert enrollment.curriculum == spanish

    _complete_curriculum(officer, enrollment, keyboard=True)
    _download_and_verify(officer, enrollment)

    enrollment.refresh_from_db()
    assert enrollment.status == Enrollment.Status.COMPLETED
    assert Certificate.objects.get(enrollment=enrollment).curriculum_title == spanish.title
    phone_page.goto(f"{live_server.url}/learn/")
    transcript = phone_page.get_by_role("table")
    assert transcript.get_by_role("link", name=spanish.title, exact=True).is_visible()
    officer.check_page()
