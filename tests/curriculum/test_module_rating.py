"""At the end of each module the normal flow asks for its rating, once, and lets the officer
skip it; the rating is what the partner's mean ratings are made of."""

from __future__ import annotations

import pytest
from django.urls import reverse

from curriculum.models import Feedback
from tests import factories
from tests.curriculum.test_learn_progress import (
    do_module,
    enroll,
    pre_test_of,
    started_an_hour_ago,
    take,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def midway(officer):
    curriculum = factories.small_curriculum(modules=2)
    enrollment = enroll(officer, curriculum)
    started_an_hour_ago(enrollment)
    take(enrollment, pre_test_of(curriculum), officer)
    first, second = curriculum.current_version.modules.order_by("order")
    do_module(enrollment, first, officer)
    return enrollment, first, second


def test_continue_after_a_module_asks_its_rating_then_goes_on(client, officer, midway):
    enrollment, first, second = midway
    client.force_login(officer)
    rate_url = reverse("learn:module_rate", args=[enrollment.pk, first.pk])

    assert client.get(reverse("learn:resume", args=[enrollment.pk])).url == rate_url
    page = client.get(rate_url).content.decode()
    assert "How useful was this module?" in page and "Skip" in page

    sent = client.post(rate_url, {"rating": "4", "comment": "Useful."})

    assert sent.url == reverse("learn:resume", args=[enrollment.pk])
    assert Feedback.objects.get().rating == 4
    next_page = client.get(sent.url).url
    assert next_page == reverse("learn:lesson", args=[enrollment.pk, second.lessons.get().pk])


def test_skipping_the_rating_is_one_click_and_it_is_not_asked_again(client, officer, midway):
    enrollment, first, second = midway
    client.force_login(officer)
    rate_url = reverse("learn:module_rate", args=[enrollment.pk, first.pk])

    skipped = client.post(rate_url, {"skip": "1"})

    assert Feedback.objects.count() == 0
    assert client.get(skipped.url).url == reverse(
        "learn:lesson", args=[enrollment.pk, second.lessons.get().pk]
    )


def test_an_unchosen_rating_says_so(client, officer, midway):
    enrollment, first, _second = midway
    client.force_login(officer)

    response = client.post(reverse("learn:module_rate", args=[enrollment.pk, first.pk]), {})

    assert response.status_code == 400
    assert "Choose a rating from 1 to 5, or skip." in response.content.decode()
