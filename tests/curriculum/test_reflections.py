"""Reflections: the cohort's facilitator answers; the text stays between officer and facilitator."""

from __future__ import annotations

import pytest
from django.urls import reverse

from curriculum.models import ReflectionResponse
from curriculum.services.reflections import reflection_feedback_give
from tests import factories
from tests.curriculum.test_learn_progress import REFLECTION, do_module, enroll
from worker.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    return factories.UserFactory(email="facilitator@example.test", is_facilitator=True)


@pytest.fixture
def response(officer, facilitator):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    cohort = factories.CohortFactory(curriculum=curriculum, facilitator=facilitator)
    enrollment = enroll(officer, curriculum, cohort=cohort)
    do_module(enrollment, curriculum.current_version.modules.get(), officer)
    return enrollment.reflection_responses.get()


def test_facilitator_sees_unanswered_reflections_of_their_cohorts(client, facilitator, response):
    client.force_login(facilitator)

    html = client.get(reverse("facilitate:home")).content.decode()

    assert reverse("facilitate:response", args=[response.pk]) in html
    assert response.enrollment.cohort.name in html


def test_facilitator_replies_and_the_officer_is_notified(client, facilitator, response, settings):
    settings.SITE_URL = "https://repair.example.org"
    client.force_login(facilitator)
    url = reverse("facilitate:response", args=[response.pk])

    assert REFLECTION in client.get(url).content.decode()
    reply = client.post(url, {"feedback": "Good plan. Try it this week."})

    response.refresh_from_db()
    assert reply.status_code == 302
    assert response.feedback == "Good plan. Try it this week."
    assert response.feedback_by == facilitator
    assert response.feedback_at is not None
    notification = Notification.objects.get()
    path = reverse("learn:reflection", args=[response.enrollment_id, response.reflection_id])
    assert notification.kind == "facilitator_replied"
    assert notification.recipient == response.enrollment.officer
    assert notification.dedupe_key == f"facilitator_replied:{response.pk}"
    assert notification.context == {
        "curriculum_title": response.enrollment.curriculum.title,
        "module_title": response.reflection.module.title,
        "url": f"https://repair.example.org{path}",
    }
    assert (
        "Every reflection in your cohorts has a reply."
        in client.get(reverse("facilitate:home")).content.decode()
    )


def test_editing_a_reply_does_not_notify_twice(facilitator, response):
    reflection_feedback_give(response=response, facilitator=facilitator, text="First.")
    reflection_feedback_give(response=response, facilitator=facilitator, text="Second.")

    response.refresh_from_db()
    assert response.feedback == "Second."
    assert Notification.objects.count() == 1


def test_another_facilitator_cannot_see_or_answer(client, response):
    other = factories.UserFactory(is_facilitator=True)
    factories.CohortFactory(facilitator=other)
    client.force_login(other)
    url = reverse("facilitate:response", args=[response.pk])

    home = client.get(reverse("facilitate:home")).content.decode()
    page = client.get(url)
    post = client.post(url, {"feedback": "Intrusion."})

    assert REFLECTION not in home
    assert url not in home
    assert (page.status_code, post.status_code) == (404, 404)
    response.refresh_from_db()
    assert (response.feedback, response.feedback_at) == ("", None)
    assert Notification.objects.count() == 0


def test_liaison_and_officers_cannot_reach_the_facilitation_pages(client, liaison, response):
    url = reverse("facilitate:response", args=[response.pk])
    for user in (liaison, response.enrollment.officer):
        client.force_login(user)
        assert client.get(reverse("facilitate:home")).status_code == 403
        assert client.post(url, {"feedback": "No."}).status_code == 403
    response.refresh_from_db()
    assert response.feedback == ""


def test_reflection_text_is_not_shown_to_another_officer(client, department, response):
    other = factories.officer(department)
    client.force_login(other)
    url = reverse("learn:reflection", args=[response.enrollment_id, response.reflection_id])

    assert client.get(url).status_code == 404


def test_a_reflection_is_submitted_once(client, officer, response):
    client.force_login(officer)
    url = reverse("learn:reflection", args=[response.enrollment_id, response.reflection_id])

    page = client.post(url, {"text": "A different text " * 10})

    assert page.status_code == 400
    assert "You have already submitted this reflection." in page.content.decode()
    assert ReflectionResponse.objects.get().text == REFLECTION


def test_a_short_reflection_is_refused_with_a_clear_message(client, officer):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    enrollment = enroll(officer, curriculum)
    reflection = curriculum.current_version.modules.get().reflections.get()
    client.force_login(officer)

    page = client.post(
        reverse("learn:reflection", args=[enrollment.pk, reflection.pk]), {"text": "Ok."}
    )

    assert page.status_code == 400
    assert "Write at least 15 words." in page.content.decode()
    assert ReflectionResponse.objects.count() == 0


def test_facilitation_home_query_count_does_not_grow(
    client,
    facilitator,
    response,
    department,
    django_assert_num_queries,
    django_assert_max_num_queries,
):
    client.force_login(facilitator)
    client.get(reverse("facilitate:home"))
    with django_assert_max_num_queries(20) as first:
        client.get(reverse("facilitate:home"))
    few = len(first)  # read now: the next request resets the query log
    cohort = response.enrollment.cohort
    for _index in range(6):
        learner = factories.officer(department)
        enrollment = enroll(learner, cohort.curriculum, cohort=cohort)
        do_module(enrollment, cohort.curriculum.current_version.modules.get(), learner)

    with django_assert_num_queries(few):
        html = client.get(reverse("facilitate:home")).content.decode()
    assert html.count("/facilitate/responses/") == 7
