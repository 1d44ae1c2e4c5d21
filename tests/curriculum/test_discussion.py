"""Cohort discussion and announcements: members and the facilitator only, moderation audited,
replies and announcements by email, text escaped."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import AuditEvent
from curriculum.models import Announcement, DiscussionPost
from curriculum.services.discussion import discussion_post_create
from tests import factories
from worker.models import Notification

pytestmark = pytest.mark.django_db


@pytest.fixture
def facilitator():
    return factories.UserFactory(is_facilitator=True)


@pytest.fixture
def cohort(department, facilitator):
    curriculum = factories.small_curriculum(modules=2, with_tests=False)
    return factories.CohortFactory(
        curriculum=curriculum, facilitator=facilitator, department=department
    )


def member(cohort, department):
    officer = factories.officer(department)
    factories.EnrollmentFactory(
        officer=officer, curriculum=cohort.curriculum, department=department, cohort=cohort
    )
    return officer


def module_of(cohort, order=1):
    return cohort.curriculum.current_version.modules.get(order=order)


def thread_url(cohort, module=None):
    return reverse("learn:discussion_thread", args=[cohort.pk, module.pk if module else 0])


def test_members_discuss_a_module_and_the_author_hears_of_a_reply(client, cohort, department):
    first, second = member(cohort, department), member(cohort, department)
    module = module_of(cohort)
    client.force_login(first)
    client.post(thread_url(cohort, module), {"body": "Who has used the de-escalation steps?"})
    post = DiscussionPost.objects.get()
    client.force_login(second)

    response = client.post(thread_url(cohort, module), {"body": "I did.", "parent": post.pk})
    page = client.get(thread_url(cohort, module)).content.decode()

    assert response.status_code == 302
    assert "Who has used the de-escalation steps?" in page
    assert "I did." in page
    notice = Notification.objects.get(kind="discussion_reply")
    assert notice.recipient == first
    assert notice.context["author"] == second.display_name


def test_a_post_is_invisible_to_another_cohort_a_liaison_and_a_partner(
    client, cohort, department, liaison
):
    author = member(cohort, department)
    discussion_post_create(
        cohort=cohort, module=None, author=author, body="Only for our cohort, please."
    )
    other_cohort = factories.CohortFactory(curriculum=cohort.curriculum, department=department)
    outsider = member(other_cohort, department)
    partner = factories.PartnerMembershipFactory().user
    for user in (outsider, liaison, partner):
        client.force_login(user)
        assert client.get(thread_url(cohort)).status_code == 404
        assert client.post(thread_url(cohort), {"body": "Let me in."}).status_code == 404
        assert client.get(reverse("learn:discussion", args=[cohort.pk])).status_code == 404
    assert DiscussionPost.objects.count() == 1


def test_text_is_escaped_and_stripped_of_control_characters(client, cohort, department):
    author = member(cohort, department)
    client.force_login(author)

    client.post(thread_url(cohort), {"body": "<script>alert(1)</script> hello"})
    page = client.get(thread_url(cohort)).content.decode()
    direct = discussion_post_create(cohort=cohort, module=None, author=author, body="a\x07b")

    assert direct.body == "ab"
    assert DiscussionPost.objects.first().body == "<script>alert(1)</script> hello"
    assert "<script>alert(1)</script>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; hello" in page


def test_the_facilitator_hides_a_post_with_a_reason_audited(
    client, cohort, department, facilitator
):
    author = member(cohort, department)
    post = discussion_post_create(cohort=cohort, module=None, author=author, body="Off topic.")
    client.force_login(facilitator)

    client.post(
        reverse("learn:discussion_hide", args=[cohort.pk, post.pk]), {"reason": "Names a civilian."}
    )
    client.force_login(author)
    page = client.get(thread_url(cohort)).content.decode()

    post.refresh_from_db()
    assert (post.hidden_by, post.hidden_reason) == (facilitator, "Names a civilian.")
    assert "Off topic." not in page
    assert "Hidden by the facilitator: Names a civilian." in page
    event = AuditEvent.objects.get(action="discussion.hide")
    assert event.data["reason"] == "Names a civilian."


def test_a_member_cannot_hide_a_post(client, cohort, department):
    author, other = member(cohort, department), member(cohort, department)
    post = discussion_post_create(cohort=cohort, module=None, author=author, body="Mine.")
    client.force_login(other)

    client.post(reverse("learn:discussion_hide", args=[cohort.pk, post.pk]), {"reason": "No."})

    post.refresh_from_db()
    assert post.hidden_at is None
    assert not AuditEvent.objects.filter(action="discussion.hide").exists()


def test_an_announcement_reaches_every_member_by_email_and_on_the_course_page(
    client, cohort, department, facilitator
):
    officers = [member(cohort, department) for _ in range(2)]
    client.force_login(facilitator)

    client.post(
        reverse("facilitate:announce", args=[cohort.pk]),
        {"title": "Week 3 moved", "body": "We meet Thursday instead."},
    )
    client.force_login(officers[0])
    enrollment = officers[0].enrollments.get()
    page = client.get(reverse("learn:enrollment", args=[enrollment.pk])).content.decode()

    assert Announcement.objects.get().title == "Week 3 moved"
    assert {n.recipient for n in Notification.objects.filter(kind="cohort_announcement")} == set(
        officers
    )
    assert "We meet Thursday instead." in page


def test_only_the_cohorts_facilitator_announces(client, cohort, department):
    member(cohort, department)
    client.force_login(factories.UserFactory(is_facilitator=True))

    response = client.post(
        reverse("facilitate:announce", args=[cohort.pk]), {"title": "Hi", "body": "Hello."}
    )

    assert response.status_code == 404
    assert not Announcement.objects.exists()


def test_a_thread_reads_a_fixed_number_of_queries(
    client, cohort, department, django_assert_num_queries
):
    author = member(cohort, department)
    client.force_login(author)

    def add():
        post = discussion_post_create(cohort=cohort, module=None, author=author, body="A post.")
        replier = member(cohort, department)
        discussion_post_create(
            cohort=cohort, module=None, author=replier, body="A reply.", parent=post
        )

    add()
    client.get(thread_url(cohort))
    with django_assert_num_queries(6) as counted:
        client.get(thread_url(cohort))
    for _ in range(3):
        add()
    with django_assert_num_queries(len(counted.captured_queries)):
        client.get(thread_url(cohort))
