"""Versioned curricula: publishing seals a version, later edits make the next draft, officers
keep the version they took, staff move them on; credit hours come from the content."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.audit import audit_chain_first_broken
from accounts.models import AuditEvent
from curriculum.content import content_hash, version_content
from curriculum.models import (
    Choice,
    Curriculum,
    CurriculumVersion,
    Enrollment,
    LessonProgress,
    Question,
)
from curriculum.packages import DEMO_PACKAGES, package_parse, package_read
from curriculum.selectors.record import officer_record
from curriculum.services.enrollments import enrollment_bulk_create
from curriculum.services.versions import (
    content_problems,
    curriculum_create,
    enrollment_version_migrate,
    version_credit,
    version_draft_create,
    version_import,
    version_publish,
    version_verify,
)
from tests import factories
from tests.curriculum.test_learn_progress import spend_time_on, take

pytestmark = pytest.mark.django_db


def _content(**overrides) -> dict:
    """A small valid package content: one module of a 30-minute lesson with a 2-item
    knowledge check, a 2-item pre-test and a post-test asking its items."""

    def question(text):
        return {
            "text": text,
            "kind": "single",
            "explanation": "Because.",
            "choices": [{"text": "Right", "correct": True}, {"text": "Wrong", "correct": False}],
        }

    content = {
        "format": "repair-course-package/1",
        "slug": "dignity",
        "title": "Dignity on patrol",
        "language": "en",
        "translation_group": "",
        "thematic_area": "Human rights",
        "paced": False,
        "summary": "",
        "credit_hours": None,
        "pre_test": {
            "title": "Pre-test",
            "pass_mark": 0,
            "max_attempts": 1,
            "questions": [question("Pre 1?"), question("Pre 2?")],
        },
        "post_test": {
            "title": "Post-test",
            "pass_mark": 50,
            "max_attempts": 3,
            "questions": "pre_test",
        },
        "modules": [
            {
                "title": "Dignity",
                "summary": "",
                "lessons": [
                    {
                        "title": "Why dignity",
                        "kind": "text",
                        "minutes": 30,
                        "body": "## Dignity\n\nEvery contact.\n",
                        "captions": "",
                        "transcript": "",
                        "source": "",
                        "video": "",
                    }
                ],
                "knowledge_check": {
                    "title": "Check",
                    "pass_mark": 50,
                    "max_attempts": 2,
                    "questions": [question("Check 1?"), question("Check 2?")],
                },
                "reflections": ["What will you change?"],
            }
        ],
    }
    content.update(overrides)
    return content


@pytest.fixture
def published(staff_user) -> CurriculumVersion:
    version = version_import(content=_content(), acting_user=staff_user)
    return version_publish(version=version, acting_user=staff_user)


def test_publishing_seals_the_content_with_its_hash_and_audits_who(published, staff_user):
    curriculum = Curriculum.objects.get(slug="dignity")

    assert published.published_at is not None
    assert published.content_hash == content_hash(_content())
    assert version_verify(version=published) is True
    assert curriculum.current_version == published
    assert curriculum.status == Curriculum.Status.PUBLISHED
    event = AuditEvent.objects.get(action="curriculum.version_published")
    assert (event.actor_id, event.data["version"], event.data["content_hash"]) == (
        staff_user.pk,
        1,
        published.content_hash,
    )


def test_credit_hours_are_derived_from_lessons_and_assessment_items(published):
    credit = version_credit(version=published)

    # 30 lesson minutes; 2 knowledge-check items, 2 pre-test and 2 post-test items at 2 min.
    assert (credit.lesson_minutes, credit.assessment_minutes) == (30, 12)
    assert credit.supported_hours == Decimal("0.7")
    assert published.credit_hours == Decimal("0.7")
    assert published.modules.get().estimated_minutes == 34


def test_publishing_refuses_a_curriculum_without_a_post_test(staff_user):
    version = version_import(content=_content(post_test=None), acting_user=staff_user)

    with pytest.raises(ValidationError, match="needs a post-test"):
        version_publish(version=version, acting_user=staff_user)

    version.refresh_from_db()
    assert version.published_at is None
    assert not AuditEvent.objects.filter(action="curriculum.version_published").exists()


def test_publishing_refuses_credit_hours_the_content_cannot_support(staff_user):
    version = version_import(content=_content(credit_hours="1.0"), acting_user=staff_user)

    with pytest.raises(ValidationError, match=r"exceed the 0\.7 hours"):
        version_publish(version=version, acting_user=staff_user, change_note="more")

    version_publish(
        version=version,
        acting_user=staff_user,
        change_note="Includes a 20-minute roll-call debrief each officer attends in person.",
    )
    version.refresh_from_db()
    assert version.credit_hours == Decimal("1.0")
    event = AuditEvent.objects.get(action="curriculum.version_published")
    assert (event.data["credit_hours_supported"], event.data["credit_hours_override"]) == (
        "0.7",
        "1.0",
    )


def test_the_issues_one_short_lesson_without_tests_cannot_be_published(staff_user):
    content = _content(pre_test=None, post_test=None, credit_hours="1.0")
    content["modules"][0]["knowledge_check"] = None
    content["modules"][0]["lessons"][0]["minutes"] = 5

    problems = content_problems(content=content, change_note="", number=1)

    assert problems == [
        "A curriculum needs a post-test.",
        "The credit hours (1.0) exceed the 0.0 hours the content supports (lessons and "
        "assessments): justify the override in the change note, or lower it.",
    ]


def test_every_demo_curriculum_satisfies_the_publishing_rules_with_derived_hours():
    for folder in sorted(DEMO_PACKAGES.iterdir()):
        content = package_parse(package_read(folder))

        assert content_problems(content=content, change_note="", number=1) == [], folder.name
        assert content["credit_hours"] is None, folder.name  # derived, no override


def _question_admin_edit(client, question: Question, text: str):
    url = reverse("admin:curriculum_question_change", args=[question.pk])
    choices = list(question.choices.order_by("order"))
    data = {
        "order": question.order,
        "text": text,
        "kind": question.kind,
        "explanation": question.explanation,
        "choices-TOTAL_FORMS": len(choices),
        "choices-INITIAL_FORMS": len(choices),
        "choices-MIN_NUM_FORMS": 0,
        "choices-MAX_NUM_FORMS": 1000,
    }
    for i, choice in enumerate(choices):
        data.update(
            {
                f"choices-{i}-id": choice.pk,
                f"choices-{i}-question": question.pk,
                f"choices-{i}-order": choice.order,
                f"choices-{i}-text": choice.text,
                f"choices-{i}-is_correct": "on" if choice.is_correct else "",
            }
        )
    return client.post(url, data)


def test_editing_a_published_question_leaves_the_old_version_and_records_unchanged(
    client, staff_user, published, department
):
    officer = factories.officer(department)
    curriculum = Curriculum.objects.get(slug="dignity")
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department
    )
    take(enrollment, published.assessments.get(kind="pre_test"), officer)
    record_before = officer_record(user=officer)["enrollments"]
    question = published.assessments.get(kind="knowledge_check").questions.get(order=1)
    events_before = AuditEvent.objects.count()
    client.force_login(staff_user)

    # The published question cannot be saved in place...
    refused = _question_admin_edit(client, question, "Edited in place?")
    # ...its page offers the next draft, where the same question is edited.
    moved = client.post(
        reverse("admin:curriculum_question_edit_in_draft", args=[question.pk]), follow=False
    )
    draft = CurriculumVersion.objects.get(curriculum=curriculum, published_at__isnull=True)
    copy = Question.objects.get(
        assessment__version=draft, assessment__kind="knowledge_check", order=1
    )
    saved = _question_admin_edit(client, copy, "What does dignity require on a stop?")

    assert refused.status_code == 403
    assert moved.status_code == 302 and moved["Location"].endswith(f"/question/{copy.pk}/change/")
    assert saved.status_code == 302
    question.refresh_from_db()
    assert question.text == "Check 1?"
    assert version_verify(version=published) is True
    copy.refresh_from_db()
    assert copy.text == "What does dignity require on a stop?"
    actions = list(
        AuditEvent.objects.filter(
            pk__gt=AuditEvent.objects.order_by("id")[events_before - 1].pk
        ).values_list("action", "actor_id")
    )
    assert ("curriculum.version_draft_created", staff_user.pk) in actions
    assert ("curriculum.content_edited", staff_user.pk) in actions
    # Publishing the draft makes version 2 current; the officer stays on version 1.
    version_publish(version=draft, acting_user=staff_user, change_note="Clearer question 1.")
    enrollment.refresh_from_db()
    assert enrollment.version == published
    assert officer_record(user=officer)["enrollments"] == record_before
    new = enrollment_bulk_create(
        officer_ids=[factories.officer(department).pk],
        curriculum=Curriculum.objects.get(pk=curriculum.pk),
        department=department,
        due_on=None,
        acting_user=factories.liaison(department),
    )
    assert Enrollment.objects.get(pk=new.enrollment_ids[0]).version == draft
    assert audit_chain_first_broken() is None


def test_a_published_version_cannot_be_edited_through_the_admin_but_stays_readable(
    client, staff_user, published
):
    client.force_login(staff_user)
    module = published.modules.get()

    page = client.get(reverse("admin:curriculum_module_change", args=[module.pk]))
    old_page = client.get(reverse("admin:curriculum_curriculumversion_change", args=[published.pk]))

    assert page.status_code == 200
    assert b"Edit in the next draft version" in page.content
    assert b'name="_save"' not in page.content
    assert old_page.status_code == 200


def test_publishing_a_second_version_needs_a_change_note(staff_user, published):
    draft = version_draft_create(curriculum=published.curriculum, acting_user=staff_user)

    with pytest.raises(ValidationError, match="change note"):
        version_publish(version=draft, acting_user=staff_user)

    assert draft.number == 2
    assert content_hash(version_content(draft)) == published.content_hash


def test_a_draft_is_never_overwritten_by_an_import(staff_user, published):
    version_draft_create(curriculum=published.curriculum, acting_user=staff_user)

    with pytest.raises(ValidationError, match="is a draft"):
        version_import(content=_content(), acting_user=staff_user)

    assert published.curriculum.versions.count() == 2


def test_staff_move_an_officer_to_a_new_version_carrying_unchanged_work(
    staff_user, published, department
):
    officer = factories.officer(department)
    curriculum = Curriculum.objects.get(slug="dignity")
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department
    )
    take(enrollment, published.assessments.get(kind="pre_test"), officer)
    lesson = published.modules.get().lessons.get()
    spend_time_on(enrollment, lesson, officer, minutes=20)
    take(enrollment, published.assessments.get(kind="knowledge_check"), officer)
    draft = version_draft_create(curriculum=curriculum, acting_user=staff_user)
    check = draft.assessments.get(kind="knowledge_check")
    Question.objects.filter(assessment=check, order=1).update(text="Changed?")
    version_publish(version=draft, acting_user=staff_user, change_note="Question 1 reworded.")

    result = enrollment_version_migrate(
        enrollment=enrollment, version=draft, acting_user=staff_user
    )

    enrollment.refresh_from_db()
    assert enrollment.version == draft
    assert (result.lessons, result.attempts) == (1, 1)  # the lesson and the pre-test carry over
    assert LessonProgress.objects.get(enrollment=enrollment).lesson.module.version == draft
    old_check = published.assessments.get(kind="knowledge_check")
    assert enrollment.attempts.get(assessment=old_check).score == 100  # stays, on version 1
    pre = enrollment.attempts.get(assessment__kind="pre_test")
    assert pre.assessment.version == draft
    assert set(pre.answers) == {
        str(q.pk) for q in draft.assessments.get(kind="pre_test").questions.all()
    }
    assert set(
        Choice.objects.filter(
            pk__in=[c for chosen in pre.answers.values() for c in chosen]
        ).values_list("question__assessment__version", flat=True)
    ) == {draft.pk}
    event = AuditEvent.objects.get(action="enrollment.version_migrated")
    assert (event.actor_id, event.data["from_version"], event.data["to_version"]) == (
        staff_user.pk,
        1,
        2,
    )


def test_a_completed_enrollment_is_never_moved(staff_user, published, department):
    enrollment = factories.EnrollmentFactory(
        curriculum=published.curriculum,
        department=department,
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now() - dt.timedelta(days=1),
    )
    draft = version_draft_create(curriculum=published.curriculum, acting_user=staff_user)
    version_publish(version=draft, acting_user=staff_user, change_note="Same content again.")

    with pytest.raises(ValidationError, match="completed enrollment"):
        enrollment_version_migrate(enrollment=enrollment, version=draft, acting_user=staff_user)

    enrollment.refresh_from_db()
    assert enrollment.version == published


def test_a_new_curriculum_starts_as_a_draft_version(staff_user):
    curriculum = curriculum_create(
        slug="new-course",
        title="New course",
        language="en",
        thematic_area="Human rights",
        acting_user=staff_user,
    )

    assert curriculum.status == Curriculum.Status.DRAFT
    assert curriculum.current_version is None
    assert curriculum.credit_hours is None
    assert list(curriculum.versions.values_list("number", "published_at")) == [(1, None)]
