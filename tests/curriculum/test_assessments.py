"""Assessments: shuffled choices per attempt, exact scoring, pass mark, attempt limits."""

from __future__ import annotations

import pytest
from django.urls import reverse

from curriculum.models import Assessment, Attempt, Enrollment
from curriculum.selectors.learning import enrollment_learning_gain, learning_gain_annotate
from curriculum.services.assessments import (
    AttemptsExhausted,
    InvalidAnswers,
    attempt_start,
    attempt_submit,
)
from tests import factories
from tests.curriculum.test_learn_progress import (
    answers_for,
    do_module,
    enroll,
    post_test_of,
    pre_test_of,
    take,
)

pytestmark = pytest.mark.django_db


def _knowledge_check(curriculum) -> Assessment:
    return curriculum.current_version.modules.order_by("order").first().assessments.get()


def _ready_for_check(officer, **kwargs):
    curriculum = factories.small_curriculum(modules=1, with_tests=False, **kwargs)
    enrollment = enroll(officer, curriculum)
    return enrollment, _knowledge_check(curriculum)


def test_attempt_stores_a_permutation_of_each_questions_choices(officer):
    enrollment, check = _ready_for_check(officer)

    attempt = attempt_start(enrollment=enrollment, assessment=check, user=officer)

    for question in check.questions.prefetch_related("choices"):
        stored = attempt.choice_order[str(question.pk)]
        assert sorted(stored) == sorted(c.pk for c in question.choices.all())


def test_choices_are_shuffled_across_attempts(officer, department):
    curriculum = factories.small_curriculum(modules=1, with_tests=False)
    check = _knowledge_check(curriculum)
    question = check.questions.get(order=1)
    orders = set()
    for _index in range(12):
        learner = factories.officer(department)
        attempt = attempt_start(
            enrollment=enroll(learner, curriculum), assessment=check, user=learner
        )
        orders.add(tuple(attempt.choice_order[str(question.pk)]))

    # 12 attempts over 3 choices all in one order has a probability of (1/6)^11.
    assert len(orders) > 1


def test_true_false_keeps_true_first(officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    pre = pre_test_of(curriculum)

    attempt = attempt_start(enrollment=enrollment, assessment=pre, user=officer)

    question = pre.questions.get(kind="true_false")
    texts = [question.choices.get(pk=pk).text for pk in attempt.choice_order[str(question.pk)]]
    assert texts == ["True", "False"]


def test_multiple_choice_needs_all_and_only_the_right_choices(officer):
    enrollment, check = _ready_for_check(officer)
    check.pass_mark = 100
    check.save()
    single, multiple = check.questions.order_by("order")
    right_single = single.choices.get(is_correct=True).pk
    right_a, right_b = multiple.choices.filter(is_correct=True).values_list("pk", flat=True)
    wrong_c = multiple.choices.get(is_correct=False).pk

    first = attempt_submit(
        attempt=attempt_start(enrollment=enrollment, assessment=check, user=officer),
        answers={str(single.pk): [right_single], str(multiple.pk): [right_a, right_b, wrong_c]},
        user=officer,
    )
    second = attempt_submit(
        attempt=attempt_start(enrollment=enrollment, assessment=check, user=officer),
        answers={str(single.pk): [right_single], str(multiple.pk): [right_a, right_b]},
        user=officer,
    )

    assert (first.number, first.score, first.passed) == (1, 50, False)
    assert (second.number, second.score, second.passed) == (2, 100, True)
    with pytest.raises(Exception, match="already completed"):
        attempt_start(enrollment=enrollment, assessment=check, user=officer)


def test_score_below_the_pass_mark_does_not_pass(officer):
    enrollment, check = _ready_for_check(officer)
    check.pass_mark = 60
    check.save()
    single, multiple = check.questions.order_by("order")

    attempt = attempt_submit(
        attempt=attempt_start(enrollment=enrollment, assessment=check, user=officer),
        answers={
            str(single.pk): [single.choices.get(is_correct=True).pk],
            str(multiple.pk): [multiple.choices.get(is_correct=False).pk],
        },
        user=officer,
    )

    assert (attempt.score, attempt.passed) == (50, False)


def test_unanswered_or_foreign_choices_are_refused_and_nothing_is_saved(officer):
    enrollment, check = _ready_for_check(officer)
    single, multiple = check.questions.order_by("order")
    attempt = attempt_start(enrollment=enrollment, assessment=check, user=officer)
    two_for_single = list(single.choices.values_list("pk", flat=True)[:2])

    with pytest.raises(InvalidAnswers) as invalid:
        attempt_submit(
            attempt=attempt,
            answers={str(single.pk): two_for_single, str(multiple.pk): [single.choices.first().pk]},
            user=officer,
        )

    assert set(invalid.value.errors) == {single.pk, multiple.pk}
    attempt.refresh_from_db()
    assert (attempt.submitted_at, attempt.score, attempt.answers) == (None, None, {})


def test_attempt_limit_is_enforced(officer):
    enrollment, check = _ready_for_check(officer)  # max_attempts=2
    take(enrollment, check, officer, right=False)
    take(enrollment, check, officer, right=False)

    with pytest.raises(AttemptsExhausted):
        attempt_start(enrollment=enrollment, assessment=check, user=officer)

    assert Attempt.objects.filter(enrollment=enrollment).count() == 2


def test_zero_max_attempts_means_unlimited(officer):
    enrollment, check = _ready_for_check(officer)
    check.max_attempts = 0
    check.save()
    for _index in range(4):
        take(enrollment, check, officer, right=False)

    assert take(enrollment, check, officer).number == 5


def test_pre_test_is_taken_once(officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer, right=False)

    with pytest.raises(Exception, match="already completed"):
        attempt_start(enrollment=enrollment, assessment=pre_test_of(curriculum), user=officer)

    assert enrollment.attempts.count() == 1


def test_post_test_asks_the_pre_test_items_and_gives_the_learning_gain(officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    pre = pre_test_of(curriculum)
    post = post_test_of(curriculum)
    truth, single = pre.questions.order_by("order")
    pre_attempt = attempt_submit(
        attempt=attempt_start(enrollment=enrollment, assessment=pre, user=officer),
        answers={
            str(truth.pk): [truth.choices.get(is_correct=True).pk],
            str(single.pk): [single.choices.get(is_correct=False).pk],
        },
        user=officer,
    )
    do_module(enrollment, curriculum.current_version.modules.get(), officer)

    post_attempt = attempt_start(enrollment=enrollment, assessment=post, user=officer)
    post_attempt = attempt_submit(attempt=post_attempt, answers=answers_for(post), user=officer)

    assert set(post_attempt.choice_order) == {str(truth.pk), str(single.pk)}
    assert (pre_attempt.score, post_attempt.score) == (50, 100)
    assert enrollment_learning_gain(enrollment=enrollment) == 50
    row = learning_gain_annotate(Enrollment.objects.filter(pk=enrollment.pk)).get()
    assert (row.pre_test_score, row.post_test_score, row.learning_gain) == (50, 100, 50)


def test_learning_gain_is_null_without_a_matched_pair(officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    take(enrollment, pre_test_of(curriculum), officer)

    assert enrollment_learning_gain(enrollment=enrollment) is None


def test_result_page_hides_answers_and_explanations_while_retries_remain(client, officer):
    """An explanation such as "False. Stress and trauma ..." gives the answer away: it comes
    with the right answers, once they can no longer serve a retake."""
    enrollment, check = _ready_for_check(officer)
    single = check.questions.get(order=1)
    single.explanation = "False. Because dignity is universal."
    single.save()
    client.force_login(officer)
    start = client.post(reverse("learn:assessment", args=[enrollment.pk, check.pk]))
    attempt = Attempt.objects.get()
    assert start.url == reverse("learn:attempt", args=[enrollment.pk, attempt.pk])
    wrong = answers_for(check, right=False)
    form = {f"question-{qid}": ids for qid, ids in wrong.items()}

    client.post(start.url, form)
    html = client.get(start.url).content.decode()

    assert "Because dignity is universal." not in html
    assert "Not passed" in html
    assert "right answer" not in html
    assert "shown once you pass or have used all your attempts" in html
    assert "Try again" in html

    while Attempt.objects.filter(enrollment=enrollment).count() < check.max_attempts:
        retry = client.post(reverse("learn:assessment", args=[enrollment.pk, check.pk]))
        client.post(retry.url, form)
    last = client.get(retry.url).content.decode()
    assert "False. Because dignity is universal." in last
    assert "right answer" in last


def test_result_page_reveals_answers_once_passed(client, officer):
    enrollment, check = _ready_for_check(officer)
    attempt = take(enrollment, check, officer)
    client.force_login(officer)

    html = client.get(reverse("learn:attempt", args=[enrollment.pk, attempt.pk])).content.decode()

    assert "Passed" in html
    assert html.count("right answer") == 3
    assert "Explanation:" in html or not any(q.explanation for q in check.questions.all())


def test_pre_test_result_reveals_nothing_of_the_items(client, officer):
    curriculum = factories.small_curriculum(modules=1)
    enrollment = enroll(officer, curriculum)
    attempt = take(enrollment, pre_test_of(curriculum), officer)
    client.force_login(officer)

    html = client.get(reverse("learn:attempt", args=[enrollment.pk, attempt.pk])).content.decode()

    assert "Which year was the UDHR adopted?" not in html
    assert "right answer" not in html


def test_submitting_an_incomplete_form_shows_errors_and_keeps_choices(client, officer):
    enrollment, check = _ready_for_check(officer)
    single = check.questions.get(order=1)
    client.force_login(officer)
    url = client.post(reverse("learn:assessment", args=[enrollment.pk, check.pk])).url
    chosen = single.choices.first().pk

    response = client.post(url, {f"question-{single.pk}": [chosen]})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Please answer every question marked below." in html
    assert f'value="{chosen}" checked' in html
    assert Attempt.objects.get().submitted_at is None
