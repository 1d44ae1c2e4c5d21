"""Staff author a curriculum in the admin, in headless Chromium, from nothing to published.

The path of the issue's crash is part of it: a lesson and a knowledge check added on the
module's page in one save. axe-core checks every page (0 serious or critical violations).
"""

from __future__ import annotations

import pytest

from accounts.models import AuditEvent
from curriculum.models import Assessment, Curriculum, CurriculumVersion, Lesson, Question
from tests import factories
from tests.e2e.conftest import serious_axe_violations, sign_in

pytestmark = pytest.mark.e2e


class Author:
    def __init__(self, page, base_url: str):
        self.page = page
        self.base_url = base_url
        self.checked: list[str] = []

    def go(self, path: str) -> None:
        self.page.goto(self.base_url + path)
        self.check()

    def check(self) -> None:
        self.page.wait_for_load_state("load")
        assert "Server Error" not in self.page.content(), self.page.url
        violations = serious_axe_violations(self.page)
        assert violations == [], f"{self.page.url}: {violations}"
        self.checked.append(self.page.url)

    def fill(self, field_id: str, value: str) -> None:
        self.page.fill(f"#{field_id}", value)

    def add_row(self, name: str) -> None:
        self.page.get_by_role("button", name=name, exact=True).click()

    def submit(self, locator) -> None:
        with self.page.expect_navigation():
            locator.click()
        self.check()

    def save_and_continue(self) -> None:
        self.submit(self.page.locator("input[name=_continue]"))
        errors = self.page.locator(".errornote, .errorlist")
        assert errors.count() == 0, errors.all_inner_texts()

    def add_question(self, assessment: Assessment, text: str) -> Question:
        self.go(f"/admin/curriculum/assessment/{assessment.pk}/change/")
        self.add_row("Add another Question")
        self.fill("id_questions-0-order", "1")
        self.fill("id_questions-0-text", text)
        self.page.select_option("#id_questions-0-kind", "single")
        self.fill("id_questions-0-explanation", "Dignity is owed to everyone.")
        self.save_and_continue()
        question = Question.objects.get(assessment=assessment)
        self.go(f"/admin/curriculum/question/{question.pk}/change/")
        for index, (choice, correct) in enumerate((("Everyone", True), ("Only the polite", False))):
            self.add_row("Add another Choice")
            self.fill(f"id_choices-{index}-order", str(index + 1))
            self.fill(f"id_choices-{index}-text", choice)
            if correct:
                self.page.check(f"#id_choices-{index}-is_correct")
        self.save_and_continue()
        return question


@pytest.fixture
def staff(transactional_db):
    return factories.UserFactory(
        email="admin@repair.test", is_staff=True, is_superuser=True, first_name="Program"
    )


def test_staff_author_and_publish_a_curriculum_in_the_admin(live_server, page, staff):
    page.set_default_timeout(30000)  # the admin's pages are heavy for a shared CI machine
    author = Author(page, live_server.url)
    sign_in(page, live_server.url, staff.email, factories.PASSWORD)

    # A new curriculum starts as draft version 1.
    author.go("/admin/curriculum/curriculum/add/")
    author.fill("id_slug", "dignity-on-patrol")
    author.fill("id_title", "Dignity on Patrol")
    author.fill("id_thematic_area", "Human rights in daily policing")
    page.select_option("#id_language", "en")
    author.submit(page.locator("input[name=_save]"))
    assert page.locator(".errorlist").count() == 0, page.locator(".errorlist").all_inner_texts()
    assert list(Curriculum.objects.values_list("slug", flat=True)) == ["dignity-on-patrol"]
    version = CurriculumVersion.objects.get(curriculum__slug="dignity-on-patrol")
    assert page.url.endswith(f"/admin/curriculum/curriculumversion/{version.pk}/change/")

    # A module, then the post-test, on the version's page.
    author.add_row("Add another Module")
    author.fill("id_modules-0-order", "1")
    author.fill("id_modules-0-title", "Dignity in every contact")
    author.save_and_continue()
    author.add_row("Add another Pre-test or post-test")
    page.select_option("#id_assessments-0-kind", "post_test")
    author.fill("id_assessments-0-title", "Post-test")
    author.fill("id_assessments-0-pass_mark", "50")
    author.save_and_continue()

    # The crash: a lesson and a knowledge check typed on the module's page, one save.
    module = version.modules.get()
    author.go(f"/admin/curriculum/module/{module.pk}/change/")
    author.add_row("Add another Lesson")
    author.fill("id_lessons-0-order", "1")
    author.fill("id_lessons-0-title", "Why dignity matters")
    author.fill("id_lessons-0-estimated_minutes", "25")
    author.fill("id_lessons-0-body", "## Dignity\n\nEvery person is owed respect.")
    author.add_row("Add another Knowledge check")
    author.fill("id_assessments-0-title", "Dignity check")
    author.fill("id_assessments-0-pass_mark", "50")
    author.add_row("Add another Reflection")
    author.fill("id_reflections-0-prompt", "Which habit will you change on your next shift?")
    author.save_and_continue()
    lesson = Lesson.objects.get(module=module)
    check = Assessment.objects.get(module=module)
    assert (lesson.title, check.kind, check.version) == (
        "Why dignity matters",
        Assessment.Kind.KNOWLEDGE_CHECK,
        version,
    )

    # Questions with their choices, for the check and the post-test.
    author.add_question(check, "Who is owed dignity?")
    author.add_question(version.assessments.get(kind="post_test"), "Who is owed dignity, always?")

    # Publishing: the page shows the hours the content supports, then seals the version.
    author.go(f"/admin/curriculum/curriculumversion/{version.pk}/publish/")
    assert page.get_by_text("The content supports 0.4 credit hours").is_visible()
    page.get_by_label("Change note").fill("First version, written in the admin.")
    author.submit(page.get_by_role("button", name="Publish"))
    assert page.get_by_text("Version 1 of dignity-on-patrol is published.").is_visible()

    version.refresh_from_db()
    curriculum = Curriculum.objects.get(slug="dignity-on-patrol")
    assert version.published_at is not None and len(version.content_hash) == 64
    assert (curriculum.status, curriculum.current_version, str(curriculum.credit_hours)) == (
        Curriculum.Status.PUBLISHED,
        version,
        "0.4",
    )
    edits = AuditEvent.objects.filter(action="curriculum.content_edited", actor=staff)
    assert edits.count() >= 8
    assert AuditEvent.objects.filter(action="curriculum.version_published", actor=staff).exists()

    # The published module is read-only now, with the way to the next draft.
    author.go(f"/admin/curriculum/module/{module.pk}/change/")
    author.submit(page.get_by_role("button", name="Edit in the next draft version"))
    draft = CurriculumVersion.objects.get(curriculum=curriculum, number=2)
    assert page.url.endswith(f"/admin/curriculum/module/{draft.modules.get().pk}/change/")
    assert len(author.checked) >= 12
