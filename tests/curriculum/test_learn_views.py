"""The officer's pages: home, player, language, own data; scoped to the officer."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent
from curriculum.models import Enrollment, LessonProgress
from curriculum.services.certificates import certificate_issue
from tests import factories
from tests.curriculum.test_learn_progress import (
    REFLECTION,
    do_module,
    enroll,
    pre_test_of,
    take,
)

pytestmark = pytest.mark.django_db


def _enrollments(officer, count: int, prefix: str) -> None:
    for index in range(count):
        group = f"{prefix}-{index}"
        curriculum = factories.CurriculumFactory(translation_group=group)
        status = [
            Enrollment.Status.NOT_STARTED,
            Enrollment.Status.IN_PROGRESS,
            Enrollment.Status.COMPLETED,
        ][index % 3]
        enrollment = enroll(
            officer,
            curriculum,
            status=status,
            completed_at=timezone.now() if status == Enrollment.Status.COMPLETED else None,
            due_on=factories.local_today() + dt.timedelta(days=index - 5),
        )
        if status == Enrollment.Status.COMPLETED:
            certificate_issue(enrollment=enrollment)
        # Every other curriculum has a Spanish version, which the offer query must batch.
        if index % 2:
            factories.CurriculumFactory(translation_group=group, language="es")


def test_home_query_count_does_not_grow_with_enrollments(
    client, department, django_assert_num_queries, django_assert_max_num_queries
):
    few_officer = factories.officer(department, language="es")
    many_officer = factories.officer(department, language="es")
    _enrollments(few_officer, 2, "few")
    _enrollments(many_officer, 50, "many")
    client.force_login(few_officer)
    client.get(reverse("learn:home"))  # warm the session

    with django_assert_max_num_queries(20) as few:
        response = client.get(reverse("learn:home"))
    few_count = len(few)  # read now: the next request resets the query log
    assert response.status_code == 200
    assert response.content.decode().count("/certificates/") == 0

    client.force_login(many_officer)
    client.get(reverse("learn:home"))
    with django_assert_num_queries(few_count):
        response = client.get(reverse("learn:home"))
    assert response.status_code == 200
    assert response.content.decode().count("/certificates/") == 16


def test_home_lists_current_work_transcript_and_one_continue_action(client, officer):
    overdue = enroll(
        officer,
        factories.CurriculumFactory(title="Overdue course"),
        due_on=factories.local_today() - dt.timedelta(days=2),
        status=Enrollment.Status.IN_PROGRESS,
    )
    enroll(officer, factories.CurriculumFactory(title="Later course"))
    done = enroll(
        officer,
        factories.CurriculumFactory(title="Done course", credit_hours=3),
        status=Enrollment.Status.COMPLETED,
        completed_at=timezone.now(),
    )
    certificate = certificate_issue(enrollment=done)
    client.force_login(officer)

    html = client.get(reverse("learn:home")).content.decode()

    resume = reverse("learn:resume", args=[overdue.pk])
    assert html.count('href="/learn/') and html.count("/continue/") == 1
    assert f'href="{resume}"' in html
    assert "Overdue" in html
    assert "Later course" in html
    assert "Done course" in html
    assert certificate.code in html
    assert reverse("learn:certificate_pdf", args=[certificate.code]) in html


def test_home_shows_only_the_officers_own_enrollments(client, officer, department):
    other = factories.officer(department)
    enroll(other, factories.CurriculumFactory(title="Someone else's course"))
    client.force_login(officer)

    html = client.get(reverse("learn:home")).content.decode()

    assert "Someone else" not in html


def test_another_officers_enrollment_answers_404_and_records_nothing(client, officer, department):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(factories.officer(department), curriculum)
    lesson = curriculum.current_version.modules.get().lessons.get()
    client.force_login(officer)

    pages = [
        reverse("learn:enrollment", args=[enrollment.pk]),
        reverse("learn:resume", args=[enrollment.pk]),
        reverse("learn:lesson", args=[enrollment.pk, lesson.pk]),
    ]

    assert [client.get(url).status_code for url in pages] == [404, 404, 404]
    assert client.post(pages[2]).status_code == 404
    assert LessonProgress.objects.count() == 0


def test_continue_leads_through_the_steps(client, officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    client.force_login(officer)
    resume = reverse("learn:resume", args=[enrollment.pk])
    module = curriculum.current_version.modules.get()

    assert client.get(resume).url == reverse(
        "learn:assessment", args=[enrollment.pk, pre_test_of(curriculum).pk]
    )
    take(enrollment, pre_test_of(curriculum), officer)
    assert client.get(resume).url == reverse(
        "learn:lesson", args=[enrollment.pk, module.lessons.get().pk]
    )


def test_lesson_page_renders_markdown_safely_and_the_transcript(client, officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    lesson = curriculum.current_version.modules.get().lessons.get()
    lesson.kind = "video"
    lesson.body = "## Heading\n\n<script>alert(1)</script> **bold** [x](javascript:alert(1))"
    lesson.transcript = "Words shape what we see."
    lesson.captions_vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nWords shape what we see.\n"
    lesson.save()
    enrollment = enroll(officer, curriculum)
    client.force_login(officer)

    html = client.get(reverse("learn:lesson", args=[enrollment.pk, lesson.pk])).content.decode()
    captions = client.get(reverse("learn:captions", args=[enrollment.pk, lesson.pk]))

    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html
    assert "<script>alert" not in html
    assert "javascript:" not in html
    assert "Words shape what we see." in html
    assert "This video is presented as its transcript below." in html
    assert captions.status_code == 200
    assert captions["Content-Type"] == "text/vtt; charset=utf-8"
    assert captions.content.decode().startswith("WEBVTT")


def test_marking_a_lesson_done_too_early_says_why(client, officer, settings):
    settings.REPAIR_MIN_LESSON_TIME_SHARE = 0.5
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    lesson = curriculum.current_version.modules.get().lessons.get()
    client.force_login(officer)
    url = reverse("learn:lesson", args=[enrollment.pk, lesson.pk])
    client.get(url)

    response = client.post(url, follow=True)

    assert "you can mark it done in about 5 min" in response.content.decode()
    assert LessonProgress.objects.get().completed_at is None


def test_module_feedback_is_saved_and_updated(client, officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.get()
    client.force_login(officer)
    url = reverse("learn:module_feedback", args=[enrollment.pk, module.pk])

    client.post(url, {"rating": "4", "comment": "Useful scenarios."})
    client.post(url, {"rating": "5", "comment": ""})
    client.post(url, {"rating": "9", "comment": "ignored"})

    feedback = enrollment.feedback.get()
    assert (feedback.rating, feedback.comment) == (5, "")


def test_my_data_download_holds_the_officers_records(client, officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)
    do_module(enrollment, curriculum.current_version.modules.get(), officer)
    client.force_login(officer)

    response = client.get(reverse("learn:my_data"))

    data = json.loads(response.content)
    assert response["Content-Disposition"] == 'attachment; filename="repair-my-data.json"'
    assert data["profile"]["email"] == officer.email
    assert [e["id"] for e in data["enrollments"]] == [enrollment.pk]
    assert [a["kind"] for a in data["attempts"]] == ["knowledge_check", "pre_test"]
    assert [r["text"] for r in data["reflections"]] == [REFLECTION]
    assert data["certificates"] == []


def test_preferences_store_the_language_and_switch_the_interface(client, officer):
    client.force_login(officer)

    response = client.post(reverse("learn:preferences"), {"language": "es"}, follow=True)

    officer.refresh_from_db()
    assert officer.language == "es"
    assert response.wsgi_request.COOKIES["django_language"] == "es"
    assert '<html lang="es">' in response.content.decode()


def test_preferred_language_applies_without_a_language_cookie(client, officer):
    officer.language = "es"
    officer.save(update_fields=["language"])
    client.force_login(officer)

    html = client.get(reverse("learn:home")).content.decode()

    assert '<html lang="es">' in html


def test_a_not_started_enrollment_switches_to_the_preferred_language(client, officer):
    english = factories.small_curriculum(modules=1, translation_group="officer")
    spanish = factories.small_curriculum(modules=1, translation_group="officer", language="es")
    officer.language = "es"
    officer.save(update_fields=["language"])
    enrollment = enroll(officer, english)
    client.force_login(officer)

    home = client.get(reverse("learn:home")).content.decode()
    client.post(reverse("learn:language_switch", args=[enrollment.pk]), {"curriculum": spanish.pk})

    assert f'name="curriculum" value="{spanish.pk}"' in home
    enrollment.refresh_from_db()
    assert enrollment.curriculum == spanish
    assert AuditEvent.objects.filter(action="enrollment.language_switched").count() == 1


def test_a_started_enrollment_keeps_its_language(client, officer):
    english = factories.small_curriculum(modules=1, translation_group="officer")
    spanish = factories.small_curriculum(modules=1, translation_group="officer", language="es")
    officer.language = "es"
    officer.save(update_fields=["language"])
    enrollment = enroll(officer, english)
    take(enrollment, pre_test_of(english), officer)
    client.force_login(officer)

    home = client.get(reverse("learn:home")).content.decode()
    client.post(reverse("learn:language_switch", args=[enrollment.pk]), {"curriculum": spanish.pk})

    assert f'name="curriculum" value="{spanish.pk}"' not in home
    enrollment.refresh_from_db()
    assert enrollment.curriculum == english
    assert AuditEvent.objects.filter(action="enrollment.language_switched").count() == 0


def test_learn_requires_sign_in(client):
    response = client.get(reverse("learn:home"))

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_reflection_page_shows_the_facilitators_reply(client, officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    module = curriculum.current_version.modules.get()
    do_module(enrollment, module, officer)
    response = enrollment.reflection_responses.get()
    response.feedback = "Thoughtful; try it on your next traffic stop."
    response.feedback_at = timezone.now()
    response.save()
    client.force_login(officer)

    html = client.get(
        reverse("learn:reflection", args=[enrollment.pk, response.reflection_id])
    ).content.decode()

    assert REFLECTION in html
    assert "Thoughtful; try it on your next traffic stop." in html
    module_page = client.get(reverse("learn:module", args=[enrollment.pk, module.pk]))
    assert "Facilitator replied" in module_page.content.decode()


def test_video_lesson_with_a_file_has_captions_track_and_transcript(
    client, officer, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    lesson = curriculum.current_version.modules.get().lessons.get()
    lesson.kind = "video"
    lesson.transcript = "Words shape what we see."
    lesson.captions_vtt = "WEBVTT\n\n00:00.000 --> 00:02.000\nWords shape what we see.\n"
    lesson.video = SimpleUploadedFile("words.mp4", b"\x00\x00\x00\x18ftypmp42", "video/mp4")
    lesson.save()
    enrollment = enroll(officer, curriculum)
    client.force_login(officer)

    html = client.get(reverse("learn:lesson", args=[enrollment.pk, lesson.pk])).content.decode()

    captions = reverse("learn:captions", args=[enrollment.pk, lesson.pk])
    assert f'<video controls preload="metadata" src="{lesson.video.url}">' in html
    assert f'<track kind="captions" src="{captions}" srclang="en"' in html
    assert "Words shape what we see." in html
    assert "This video is presented as its transcript below." not in html


def test_language_switch_refuses_a_malformed_or_foreign_curriculum(client, officer):
    english = factories.small_curriculum(modules=1, translation_group="officer")
    unrelated = factories.small_curriculum(modules=1, translation_group="other", language="es")
    enrollment = enroll(officer, english)
    client.force_login(officer)
    url = reverse("learn:language_switch", args=[enrollment.pk])

    malformed = client.post(url, {"curriculum": "abc"})
    foreign = client.post(url, {"curriculum": unrelated.pk}, follow=True)

    assert malformed.status_code == 404
    assert "This course is not offered in that language." in foreign.content.decode()
    enrollment.refresh_from_db()
    assert enrollment.curriculum == english
