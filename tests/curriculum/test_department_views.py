"""The liaison's workspace: pages, scope, enrollment, due dates, withdrawal, nudges."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.auth.hashers import make_password
from django.urls import reverse
from django.utils import timezone

from accounts.models import AuditEvent, Membership, User
from curriculum.models import Enrollment, LessonProgress, ReflectionResponse
from tests import factories
from worker.models import Notification

pytestmark = pytest.mark.django_db


def _enroll(officer, department, curriculum, **kwargs):
    kwargs.setdefault("due_on", (factories.local_today() + dt.timedelta(days=21)))
    return factories.EnrollmentFactory(
        officer=officer, department=department, curriculum=curriculum, **kwargs
    )


def _bulk_officers(department, curriculum, count: int, prefix: str = "bulk") -> None:
    """`count` officers with one enrollment each, in a handful of queries."""
    password = make_password(None)
    users = User.objects.bulk_create(
        [
            User(
                email=f"{prefix}{i}@example.test",
                first_name=f"First{i}",
                last_name=f"Last{i:05d}",
                password=password,
            )
            for i in range(count)
        ]
    )
    users = list(User.objects.filter(email__startswith=prefix).order_by("id"))
    Membership.objects.bulk_create(
        [
            Membership(user=user, department=department, badge_number=f"{prefix}-{i}")
            for i, user in enumerate(users)
        ]
    )
    overdue = factories.local_today() - dt.timedelta(days=5)
    Enrollment.objects.bulk_create(
        [
            Enrollment(
                officer=user,
                department=department,
                curriculum=curriculum,
                version_id=curriculum.current_version_id,
                due_on=overdue if i % 3 == 0 else (factories.local_today() + dt.timedelta(days=21)),
                status="completed" if i % 4 == 0 else "in_progress",
                completed_at=timezone.now() - dt.timedelta(days=i % 60) if i % 4 == 0 else None,
                flagged_fast=i % 40 == 0,
            )
            for i, user in enumerate(users)
        ]
    )


@pytest.fixture
def curriculum():
    return factories.CurriculumFactory(title="Officer course", credit_hours=8)


@pytest.fixture
def liaison_client(client, liaison):
    client.force_login(liaison)
    return client


# Query counts --------------------------------------------------------------------------------


def _count_queries(client, url, django_assert_num_queries, expected):
    with django_assert_num_queries(expected):
        response = client.get(url)
    assert response.status_code == 200
    return response


DASHBOARD_QUERIES = 11  # 10, and the completions waiting for review
ROSTER_QUERIES = 8


@pytest.mark.parametrize("officer_count", [10, 1000])
def test_dashboard_queries_do_not_grow(
    liaison_client, department, curriculum, django_assert_num_queries, officer_count
):
    _bulk_officers(department, curriculum, officer_count)

    response = _count_queries(
        liaison_client, reverse("department:home"), django_assert_num_queries, DASHBOARD_QUERIES
    )

    assert response.context["summary"]["officers"] == officer_count


@pytest.mark.parametrize("officer_count", [10, 1000])
def test_roster_queries_do_not_grow(
    liaison_client, department, curriculum, django_assert_num_queries, officer_count
):
    _bulk_officers(department, curriculum, officer_count)
    url = reverse("department:roster")

    first = _count_queries(liaison_client, url, django_assert_num_queries, ROSTER_QUERIES)
    last_page = first.context["page"].paginator.num_pages
    deep = _count_queries(
        liaison_client, f"{url}?page={last_page}", django_assert_num_queries, ROSTER_QUERIES
    )

    assert first.context["page"].paginator.count == officer_count
    assert len(first.context["page"].object_list) == min(officer_count, 50)
    assert deep.context["page"].number == last_page


@pytest.mark.parametrize("officer_count", [10, 1000])
def test_filtered_sorted_roster_queries_do_not_grow(
    liaison_client, department, curriculum, django_assert_num_queries, officer_count
):
    _bulk_officers(department, curriculum, officer_count)
    query = f"?q=last&overdue=on&curriculum={curriculum.pk}&sort=-completed&page=2"

    response = _count_queries(
        liaison_client,
        reverse("department:roster") + query,
        django_assert_num_queries,
        ROSTER_QUERIES,
    )

    # _bulk_officers: every third is past due, every fourth completed (so not overdue).
    overdue_officers = len([i for i in range(officer_count) if i % 3 == 0 and i % 4 != 0])
    assert response.context["page"].paginator.count == overdue_officers


# Pages ---------------------------------------------------------------------------------------


def test_dashboard_shows_figures_overdue_and_flagged(liaison_client, department, curriculum):
    late = factories.officer(department, first_name="Ada", last_name="Late")
    fast = factories.officer(department, first_name="Fay", last_name="Fast")
    _enroll(late, department, curriculum, due_on=factories.local_today() - dt.timedelta(days=4))
    _enroll(
        fast,
        department,
        curriculum,
        status="completed",
        completed_at=timezone.now(),
        flagged_fast=True,
    )

    response = liaison_client.get(reverse("department:home"))

    html = response.content.decode()
    assert response.context["summary"]["overdue"] == 1
    assert response.context["completion_percent"] == 50
    assert [e.days_overdue for e in response.context["overdue"]] == [4]
    assert [e.officer for e in response.context["flagged"]] == [fast]
    assert "4 days" in html
    assert response.context["chart_total"] == 1
    assert html.count('class="chart-bar"') == 12
    assert '<title id="chart-title">' in html


def test_dashboard_links_officers_shows_activity_and_reminders_in_one_date_format(
    liaison_client, department, curriculum
):
    import re

    from django.utils.formats import date_format

    late = factories.officer(department, first_name="Ada", last_name="Late")
    idle = factories.officer(department, first_name="Ida", last_name="Idle")
    started = timezone.now() - dt.timedelta(days=10)
    reminded = _enroll(
        late,
        department,
        curriculum,
        due_on=factories.local_today() - dt.timedelta(days=4),
        status="in_progress",
        started_at=started,
    )
    _enroll(idle, department, curriculum, due_on=factories.local_today() - dt.timedelta(days=2))
    other = _enroll(idle, department, factories.CurriculumFactory(title="Other course"))
    Notification.objects.create(
        kind="nudge", recipient=late, dedupe_key=f"nudge:{reminded.pk}:2026-01-01"
    )
    # a reminder about another enrollment of another officer does not count
    Notification.objects.create(kind="nudge", recipient=idle, dedupe_key=f"nudge:{other.pk}:x")

    response = liaison_client.get(reverse("department:home"))

    html = response.content.decode()
    rows = {row.officer: row for row in response.context["overdue"]}
    assert rows[late].last_activity == started and rows[late].last_reminded is not None
    assert rows[idle].last_activity is None and rows[idle].last_reminded is None
    ada = Membership.objects.get(user=late)
    assert f'href="{reverse("department:officer", args=[ada.pk])}">Ada Late</a>' in html
    assert "Last activity" in html and "Last reminded" in html and "Never" in html
    assert date_format(started, "DATE_FORMAT") == timezone.localtime(started).strftime("%b %-d, %Y")
    assert date_format(reminded.due_on, "DATE_FORMAT") in html
    assert not re.search(r"\b\d{1,2}/\d{1,2}/\d{4}\b", html)  # no 11/29/2026
    assert not re.search(r"\b(Sept|Nov|Dec|Jan|Oct|Aug)\.", html)  # no "Nov. 29"


def test_roster_search_filters_and_sorting(liaison_client, department, curriculum):
    ann = factories.officer(department, first_name="Ann", last_name="Zeta")
    bob = factories.officer(department, first_name="Bob", last_name="Alpha")
    gone = factories.officer(department, first_name="Gil", last_name="Gone")
    Membership.objects.filter(user=gone).update(
        status="separated", separated_on=factories.local_today()
    )
    _enroll(ann, department, curriculum, due_on=factories.local_today() - dt.timedelta(days=1))
    badge = Membership.objects.get(user=bob).badge_number
    url = reverse("department:roster")

    def names(query):
        response = liaison_client.get(url, query)
        return [row.user.first_name for row in response.context["page"].object_list]

    assert names({}) == ["Bob", "Ann"]
    assert names({"sort": "-name"}) == ["Ann", "Bob"]
    assert names({"q": "zeta"}) == ["Ann"]
    assert names({"q": badge}) == ["Bob"]
    assert names({"q": "ann zeta"}) == ["Ann"]
    assert names({"q": bob.email}) == ["Bob"]
    assert names({"status": "separated"}) == ["Gil"]
    assert names({"status": "all"}) == ["Bob", "Gil", "Ann"]
    assert names({"curriculum": curriculum.pk}) == ["Ann"]
    assert names({"overdue": "on"}) == ["Ann"]
    assert names({"sort": "-overdue"}) == ["Ann", "Bob"]


def test_roster_filters_narrow_the_same_enrollments_and_the_export_matches(
    liaison_client, department, curriculum
):
    """ "Enrolled in X" + "overdue" is overdue in X, as the dashboard counts it; the figures and
    the progress CSV cover X's enrollments only."""
    other = factories.CurriculumFactory(title="Leadership course")
    late = factories.local_today() - dt.timedelta(days=2)
    in_x = factories.officer(department, first_name="Ann", last_name="Late")
    elsewhere = factories.officer(department, first_name="Bob", last_name="Elsewhere")
    _enroll(in_x, department, curriculum, due_on=late)
    _enroll(in_x, department, other)
    _enroll(elsewhere, department, curriculum)
    _enroll(elsewhere, department, other, due_on=late)
    query = {"curriculum": curriculum.pk, "overdue": "on"}

    response = liaison_client.get(reverse("department:roster"), query)

    rows = list(response.context["page"].object_list)
    assert [row.user for row in rows] == [in_x]
    assert (rows[0].enrollment_count, rows[0].overdue_count) == (1, 1)
    assert "count only the enrollments in Officer course" in response.content.decode()
    export = b"".join(
        liaison_client.get(reverse("department:export_roster_csv"), query).streaming_content
    ).decode("utf-8-sig")
    lines = export.strip().splitlines()[1:]
    assert len(lines) == 1
    assert "Late" in lines[0] and "Officer course" in lines[0]


def test_roster_cohort_filter(liaison_client, department, curriculum):
    cohort = factories.CohortFactory(curriculum=curriculum, department=department)
    inside, outside = factories.officer(department), factories.officer(department)
    _enroll(inside, department, curriculum, cohort=cohort)
    _enroll(outside, department, curriculum)

    response = liaison_client.get(reverse("department:roster"), {"cohort": cohort.pk})

    assert [row.user for row in response.context["page"].object_list] == [inside]


def test_officer_page_shows_scores_time_and_reflection_dates_not_text(
    liaison_client, department, curriculum
):
    officer = factories.officer(department)
    enrollment = _enroll(officer, department, curriculum, status="in_progress")
    module = factories.ModuleFactory(curriculum=curriculum)
    lesson = factories.LessonFactory(module=module)
    opened = timezone.now() - dt.timedelta(hours=2)
    LessonProgress.objects.create(
        enrollment=enrollment,
        lesson=lesson,
        opened_at=opened,
        completed_at=opened + dt.timedelta(minutes=100),
        seconds_spent=75 * 60,  # the lesson clock's time, not the time between open and done
    )
    assessment = factories.AssessmentFactory(module=module, title="Module check")
    enrollment.attempts.create(
        assessment=assessment, number=1, submitted_at=timezone.now(), score=80, passed=True
    )
    pre_test = factories.AssessmentFactory(
        module=None, curriculum=curriculum, kind="pre_test", title="Baseline quiz"
    )
    enrollment.attempts.create(
        assessment=pre_test, number=1, submitted_at=timezone.now(), score=25, passed=True
    )
    reflection = factories.ReflectionFactory(module=module)
    ReflectionResponse.objects.create(
        reflection=reflection, enrollment=enrollment, text="My private thoughts on the stop."
    )
    membership = Membership.objects.get(user=officer)

    response = liaison_client.get(reverse("department:officer", args=[membership.pk]))

    html = response.content.decode()
    pre_row = html[html.index("Baseline quiz") :].split("</tr>")[0]
    assert "25%" in pre_row and "Baseline, not graded" in pre_row and "Passed" not in pre_row
    assert "button-danger" not in html and "button-quiet-danger" in html
    shown = response.context["enrollments"][0]
    assert (shown.hours_spent, shown.minutes_spent) == (1, 15)
    assert "1 h 15 min" in html
    assert "Module check" in html
    assert "80%" in html
    assert f'data-reflections="{enrollment.pk}">1<' in html
    assert "My private thoughts" not in html


# Scope -----------------------------------------------------------------------------------------


def _foreign_urls(department, curriculum):
    officer = factories.officer(department)
    enrollment = _enroll(officer, department, curriculum)
    membership = Membership.objects.get(user=officer)
    query = f"?department={department.pk}"
    gets = [
        reverse("department:officer", args=[membership.pk]),
        reverse("department:officer", args=[membership.pk]) + query,
        reverse("department:home") + query,
        reverse("department:roster") + query,
        reverse("department:export_roster_csv") + query,
        reverse("department:export_roster_xlsx") + query,
        reverse("department:export_transcript") + query,
    ]
    posts = [
        (reverse("department:enrollment_due_date", args=[enrollment.pk]), {"due_on": ""}),
        (reverse("department:enrollment_withdraw", args=[enrollment.pk]), {}),
        (reverse("department:enrollment_nudge", args=[enrollment.pk]), {}),
        (
            reverse("department:enrollment_due_date", args=[enrollment.pk]),
            {"department": department.pk, "due_on": ""},
        ),
        (reverse("department:enrollment_withdraw", args=[enrollment.pk]) + query, {}),
        (reverse("department:enrollment_nudge", args=[enrollment.pk]) + query, {}),
        (reverse("department:nudge_overdue") + query, {}),
        (
            reverse("department:enroll") + query,
            {"target": f"c:{curriculum.pk}", "scope": "filter"},
        ),
    ]
    return enrollment, gets, posts


def test_liaison_of_another_department_gets_404_everywhere(
    client, department, other_liaison, curriculum
):
    enrollment, gets, posts = _foreign_urls(department, curriculum)
    client.force_login(other_liaison)
    before = (Enrollment.objects.count(), AuditEvent.objects.count(), Notification.objects.count())

    statuses = [client.get(url).status_code for url in gets]
    statuses += [client.post(url, data).status_code for url, data in posts]

    assert set(statuses) == {404}
    enrollment.refresh_from_db()
    assert enrollment.withdrawn_at is None
    assert enrollment.due_on == (factories.local_today() + dt.timedelta(days=21))
    assert (
        Enrollment.objects.count(),
        AuditEvent.objects.count(),
        Notification.objects.count(),
    ) == before


def test_officer_and_anonymous_cannot_open_the_workspace(client, officer):
    assert client.get(reverse("department:home")).status_code == 302
    client.force_login(officer)
    assert client.get(reverse("department:home")).status_code == 404
    assert client.get(reverse("department:roster")).status_code == 404


def test_staff_reads_a_named_department_but_cannot_write(
    client, staff_user, department, curriculum
):
    officer = factories.officer(department)
    enrollment = _enroll(officer, department, curriculum)
    client.force_login(staff_user)

    page = client.get(reverse("department:home"), {"department": department.pk})
    withdraw = client.post(
        reverse("department:enrollment_withdraw", args=[enrollment.pk]),
        {"department": department.pk},
    )

    assert page.status_code == 200
    assert page.context["department"] == department
    assert withdraw.status_code == 404
    enrollment.refresh_from_db()
    assert enrollment.withdrawn_at is None


def test_staff_pick_a_department_instead_of_typing_its_id(
    client, staff_user, department, other_department
):
    client.force_login(staff_user)

    choose = client.get(reverse("department:home"))
    roster_choose = client.get(reverse("department:roster"))
    page = client.get(reverse("department:roster"), {"department": other_department.pk})

    html = choose.content.decode()
    assert choose.status_code == 200 and "Choose a department" in html
    for item in (department, other_department):
        assert f'href="/department/?department={item.pk}"' in html
        assert f'<option value="{item.pk}"' in html
    assert f'href="/department/officers/?department={department.pk}"' in (
        roster_choose.content.decode()
    )
    picker = page.content.decode()
    assert f'<option value="{other_department.pk}" selected>' in picker
    assert [d.pk for d in page.context["department_choices"]] == sorted(
        [department.pk, other_department.pk],
        key=lambda pk: {department.pk: department.name, other_department.pk: other_department.name}[
            pk
        ],
    )
    assert '<a href="/department/" aria-current="page">Departments</a>' in html


def test_a_liaison_of_one_department_gets_no_picker(liaison_client, department):
    page = liaison_client.get(reverse("department:home"))

    assert page.context["department_choices"] is None
    assert 'id="department-picker"' not in page.content.decode()


# Enrollment --------------------------------------------------------------------------------


def test_enroll_selection_with_due_date_and_replay_creates_no_duplicates(
    liaison_client, department, curriculum
):
    officers = [
        factories.officer(department, first_name=first, last_name=last)
        for first, last in [("Cleo", "Carter"), ("Ana", "Alvarez"), ("Ben", "Brooks")]
    ]
    data = {
        "target": f"c:{curriculum.pk}",
        "due_on": (factories.local_today() + dt.timedelta(days=21)).isoformat(),
        "scope": "selected",
        "officer": [o.pk for o in officers],
    }

    first = liaison_client.post(reverse("department:enroll"), data, follow=True)
    replay = liaison_client.post(reverse("department:enroll"), data, follow=True)

    assert Enrollment.objects.filter(curriculum=curriculum).count() == 3
    assert set(Enrollment.objects.values_list("due_on", flat=True)) == {
        (factories.local_today() + dt.timedelta(days=21))
    }
    assert "Enrolled 3 officers." in [str(m) for m in first.context["messages"]]
    assert [str(m) for m in replay.context["messages"]] == [
        "Enrolled 0 officers.",
        "3 officers were already enrolled and were skipped: Ana Alvarez, Ben Brooks, Cleo Carter.",
    ]
    assert AuditEvent.objects.filter(action="enrollment.create").count() == 1


def test_skipped_officers_are_named_the_first_ten(liaison_client, department, curriculum):
    officers = [factories.officer(department, last_name=f"Officer{i:02d}") for i in range(12)]
    for officer in officers:
        _enroll(officer, department, curriculum)
    data = {
        "target": f"c:{curriculum.pk}",
        "due_on": (factories.local_today() + dt.timedelta(days=21)).isoformat(),
        "scope": "selected",
        "officer": [o.pk for o in officers],
    }

    response = liaison_client.post(reverse("department:enroll"), data, follow=True)

    skipped = [str(m) for m in response.context["messages"]][-1]
    assert skipped.startswith("12 officers were already enrolled and were skipped: ")
    assert officers[0].display_name in skipped and officers[9].display_name in skipped
    assert officers[10].display_name not in skipped
    assert skipped.endswith(" and 2 more.")


def test_enroll_everyone_matching_the_filter_into_a_cohort(liaison_client, department):
    cohort = factories.CohortFactory(department=department)
    match = factories.officer(department, last_name="Match")
    other = factories.officer(department, last_name="Other")
    gone = factories.officer(department, last_name="Matchgone")
    Membership.objects.filter(user=gone).update(
        status="separated", separated_on=factories.local_today()
    )

    liaison_client.post(
        reverse("department:enroll"),
        {"target": f"k:{cohort.pk}", "scope": "filter", "q": "match", "status": "all"},
    )

    enrolled = Enrollment.objects.filter(cohort=cohort)
    assert [e.officer for e in enrolled] == [match]
    assert enrolled.get().curriculum == cohort.curriculum
    assert not Enrollment.objects.filter(officer=other).exists()


def test_enroll_with_foreign_officer_writes_nothing(
    liaison_client, department, other_department, curriculum
):
    mine, foreign = factories.officer(department), factories.officer(other_department)

    response = liaison_client.post(
        reverse("department:enroll"),
        {"target": f"c:{curriculum.pk}", "scope": "selected", "officer": [mine.pk, foreign.pk]},
        follow=True,
    )

    assert Enrollment.objects.count() == 0
    assert any(str(foreign.pk) in str(m) for m in response.context["messages"])


def test_due_date_change_and_withdraw_are_audited(liaison_client, department, curriculum):
    enrollment = _enroll(factories.officer(department), department, curriculum)
    new_due = factories.local_today() + dt.timedelta(days=60)

    liaison_client.post(
        reverse("department:enrollment_due_date", args=[enrollment.pk]),
        {"due_on": new_due.isoformat()},
    )
    liaison_client.post(reverse("department:enrollment_withdraw", args=[enrollment.pk]))

    enrollment.refresh_from_db()
    assert enrollment.due_on == new_due
    assert enrollment.withdrawn_at is not None
    events = list(
        AuditEvent.objects.filter(action__startswith="enrollment.").values_list("action", "data")
    )
    assert events == [
        (
            "enrollment.due_date_change",
            {
                "from": (factories.local_today() + dt.timedelta(days=21)).isoformat(),
                "to": new_due.isoformat(),
            },
        ),
        (
            "enrollment.withdraw",
            {"officer_id": enrollment.officer_id, "curriculum_id": curriculum.pk},
        ),
    ]


def test_past_due_date_is_refused(liaison_client, department, curriculum):
    enrollment = _enroll(factories.officer(department), department, curriculum)

    liaison_client.post(
        reverse("department:enrollment_due_date", args=[enrollment.pk]),
        {"due_on": (factories.local_today() - dt.timedelta(days=1)).isoformat()},
    )

    enrollment.refresh_from_db()
    assert enrollment.due_on == (factories.local_today() + dt.timedelta(days=21))
    assert not AuditEvent.objects.filter(action__startswith="enrollment.").exists()


def test_completed_enrollment_cannot_be_withdrawn(liaison_client, department, curriculum):
    enrollment = _enroll(
        factories.officer(department),
        department,
        curriculum,
        status="completed",
        completed_at=timezone.now(),
    )

    liaison_client.post(reverse("department:enrollment_withdraw", args=[enrollment.pk]))

    enrollment.refresh_from_db()
    assert enrollment.withdrawn_at is None


# Nudges --------------------------------------------------------------------------------------


def test_nudge_all_overdue_at_most_once_a_day(liaison_client, department, curriculum, settings):
    settings.SITE_URL = "https://repair.example"
    late = [
        _enroll(
            factories.officer(department),
            department,
            curriculum,
            due_on=factories.local_today() - dt.timedelta(days=2),
        )
        for _ in range(2)
    ]
    _enroll(factories.officer(department), department, curriculum)

    first = liaison_client.post(reverse("department:nudge_overdue"), follow=True)
    again = liaison_client.post(reverse("department:nudge_overdue"), follow=True)

    notes = Notification.objects.order_by("id")
    assert sorted(n.dedupe_key for n in notes) == sorted(
        f"nudge:{e.pk}:{factories.local_today().isoformat()}" for e in late
    )
    assert {n.recipient for n in notes} == {e.officer for e in late}
    assert {n.kind for n in notes} == {"nudge"}
    assert notes[0].context == {
        "curriculum_title": "Officer course",
        "due_on": (factories.local_today() - dt.timedelta(days=2)).isoformat(),
        "url": "https://repair.example/learn/",
    }
    assert [str(m) for m in first.context["messages"]] == ["2 reminders are on their way."]
    assert [str(m) for m in again.context["messages"]] == [
        "2 were already reminded today and were skipped."
    ]


def test_nudge_one_officer(liaison_client, department, curriculum):
    enrollment = _enroll(factories.officer(department), department, curriculum)

    liaison_client.post(reverse("department:enrollment_nudge", args=[enrollment.pk]))
    liaison_client.post(reverse("department:enrollment_nudge", args=[enrollment.pk]))

    assert Notification.objects.get().recipient == enrollment.officer
    assert AuditEvent.objects.filter(action="enrollment.nudge").count() == 1


def test_enrolling_a_withdrawn_officer_again_reopens_the_enrollment(
    liaison_client, department, curriculum
):
    enrollment = _enroll(
        factories.officer(department), department, curriculum, withdrawn_at=timezone.now()
    )

    response = liaison_client.post(
        reverse("department:enroll"),
        {"target": f"c:{curriculum.pk}", "scope": "selected", "officer": [enrollment.officer_id]},
        follow=True,
    )

    enrollment.refresh_from_db()
    assert enrollment.withdrawn_at is None
    assert [str(m) for m in response.context["messages"]] == [
        "1 withdrawn enrollment was opened again."
    ]
