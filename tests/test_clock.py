"""The one clock: dates are the department's, at its local midnight, whatever UTC says.

Each test stands the clock at a hard instant (time_machine): a minute before and a minute after
midnight in a department's zone, a completion at 23:30 local time, the end of a month.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zoneinfo
from pathlib import Path

import pytest
import time_machine
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from curriculum.models import Certificate, Enrollment
from curriculum.selectors.enrollments import department_summary
from curriculum.selectors.learning import enrollment_state
from curriculum.services.certificates import certificate_issue, certificate_pdf
from curriculum.services.enrollments import enrollment_nudge
from partners.figures import period_figures
from repair import clock
from tests import factories
from tests.api.conftest import token_client
from tests.partners.audit import pdf_text
from worker.models import Notification
from worker.reminders import reminder_sweep

pytestmark = pytest.mark.django_db

ZONES = ["America/New_York", "America/Chicago", "America/Denver", "America/Phoenix",
         "America/Los_Angeles", "America/Anchorage", "Pacific/Honolulu"]  # fmt: skip
DAY = dt.date(2027, 3, 1)  # a 1st of the month, as CI's hard instants


@pytest.fixture(autouse=True)
def _fresh_cache():
    """The API's rate budgets live in the cache, keyed by user: a clock stood back in time
    must not meet the budget a previous test spent in its future."""
    cache.clear()
    yield
    cache.clear()


def local(day: dt.date, hour: int, minute: int, zone: str) -> dt.datetime:
    """The instant of a wall-clock time in a zone, in UTC."""
    wall = dt.datetime.combine(day, dt.time(hour, minute), tzinfo=zoneinfo.ZoneInfo(zone))
    return wall.astimezone(dt.UTC)


def at(instant: dt.datetime):
    return time_machine.travel(instant, tick=False)


# --- the module ------------------------------------------------------------------------------


def test_today_and_local_dates_follow_the_zone():
    instant = dt.datetime(2027, 3, 1, 0, 30, tzinfo=dt.UTC)

    assert clock.today("America/New_York", at=instant) == dt.date(2027, 2, 28)
    assert clock.today("Pacific/Honolulu", at=instant) == dt.date(2027, 2, 28)
    assert clock.local_date(instant, "America/Puerto_Rico") == dt.date(2027, 2, 28)
    assert clock.day_start(dt.date(2027, 3, 1), "Pacific/Honolulu") == dt.datetime(
        2027, 3, 1, 10, tzinfo=dt.UTC
    )
    # A user or task without a department: the site's zone.
    assert clock.zone(None) == zoneinfo.ZoneInfo("America/New_York")
    assert clock.zone("Not/AZone") == clock.site_zone()


def test_zones_fall_on_at_most_two_dates_and_every_zone_is_grouped():
    for hour in range(24):
        groups = clock.zones_by_date(at=dt.datetime(2027, 3, 14, hour, tzinfo=dt.UTC))
        assert 1 <= len(groups) <= 2
        assert sorted(name for names in groups.values() for name in names) == sorted(
            clock.ZONE_NAMES
        )


def test_no_code_decides_a_date_outside_the_clock():
    """Every date goes through repair/clock.py: no server-zone or UTC date anywhere else."""
    root = Path(__file__).resolve().parent.parent
    banned = re.compile(r"localdate\(|date\.today\(|timezone\.localtime\(|datetime\.utcnow\(")
    found = [
        f"{path.relative_to(root)}:{number}"
        for app in ("accounts", "curriculum", "partners", "worker", "repair")
        for path in (root / app).rglob("*.py")
        if path.name != "clock.py" and "migrations" not in path.parts
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if banned.search(line)
    ]
    assert found == []


# --- module release --------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Honolulu"])
def test_a_module_opens_at_local_midnight_and_is_announced_then(zone):
    department = factories.DepartmentFactory(timezone=zone)
    officer = factories.officer(department)
    curriculum = factories.small_curriculum(modules=2, with_tests=False, is_paced=True)
    cohort = factories.CohortFactory(
        curriculum=curriculum,
        department=department,
        starts_on=DAY - dt.timedelta(days=7),
        release_interval_days=7,
    )
    enrollment = factories.EnrollmentFactory(
        officer=officer, curriculum=curriculum, department=department, cohort=cohort, due_on=None
    )
    second = curriculum.current_version.modules.get(order=2)

    def state_and_announced() -> tuple[bool, bool]:
        reminder_sweep()
        released = enrollment_state(enrollment=enrollment).modules[1].released
        announced = Notification.objects.filter(
            dedupe_key=f"module_opened:{cohort.pk}:{second.pk}:{officer.pk}"
        ).exists()
        return released, announced

    with at(local(DAY - dt.timedelta(days=1), 23, 59, zone)):
        assert state_and_announced() == (False, False)
    with at(local(DAY, 0, 1, zone)):
        assert state_and_announced() == (True, True)


# --- due dates -------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
def test_due_today_is_not_overdue_until_local_midnight(zone, api_client):
    department = factories.DepartmentFactory(timezone=zone)
    liaison = factories.liaison(department)
    enrollment = factories.EnrollmentFactory(
        officer=factories.officer(department), department=department, due_on=DAY
    )

    def overdue_everywhere() -> tuple:
        enrollment.refresh_from_db()
        api = token_client(liaison).get("/api/v1/enrollments/").json()["results"][0]
        reminder_sweep()
        kinds = set(Notification.objects.values_list("kind", flat=True))
        return (
            enrollment.is_overdue,
            api["is_overdue"],
            department_summary(department=department)["overdue"],
            "overdue" in kinds,
        )

    with at(local(DAY, 23, 59, zone)):
        assert overdue_everywhere() == (False, False, 0, False)
        assert Notification.objects.filter(kind="due_soon_1d").count() == 1
    with at(local(DAY + dt.timedelta(days=1), 0, 1, zone)):
        assert overdue_everywhere() == (True, True, 1, True)


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Honolulu"])
def test_a_due_date_of_today_is_accepted_and_yesterday_refused(zone, client):
    department = factories.DepartmentFactory(timezone=zone)
    liaison = factories.liaison(department)
    officer = factories.officer(department)
    curriculum = factories.CurriculumFactory()
    client.force_login(liaison)

    with at(local(DAY, 0, 1, zone)):  # still the 28th of February in UTC... or not: local rules
        refused = token_client(liaison).post(
            "/api/v1/enrollments/",
            {
                "officer_ids": [officer.pk],
                "curriculum_id": curriculum.pk,
                "due_on": (DAY - dt.timedelta(days=1)).isoformat(),
            },
            format="json",
        )
        accepted = token_client(liaison).post(
            "/api/v1/enrollments/",
            {
                "officer_ids": [officer.pk],
                "curriculum_id": curriculum.pk,
                "due_on": DAY.isoformat(),
            },
            format="json",
        )

    assert (refused.status_code, accepted.status_code) == (400, 201)


# --- one completion, one date everywhere -----------------------------------------------------


@pytest.mark.parametrize("zone", ZONES)
def test_a_completion_at_23_30_local_has_one_date_everywhere(zone, client):
    department = factories.DepartmentFactory(timezone=zone, ori_code=f"T{ZONES.index(zone):08d}")
    officer = factories.officer(department, first_name="Ada", last_name="Byron")
    liaison = factories.liaison(department)
    completed_at = local(DAY, 23, 30, zone)  # already March 2nd in UTC
    enrollment = factories.EnrollmentFactory(
        officer=officer,
        department=department,
        status=Enrollment.Status.COMPLETED,
        progress=100,
        completed_at=completed_at,
    )
    with at(completed_at):
        certificate = certificate_issue(enrollment=enrollment)
    expected, iso = "Mar 1, 2027", DAY.isoformat()

    with at(completed_at + dt.timedelta(hours=2)):
        client.force_login(officer)
        transcript = client.get(reverse("learn:home")).content.decode()
        data = client.get(reverse("learn:my_data")).json()
        verify = client.get(reverse("verify:detail", args=[certificate.code])).content.decode()
        mine = token_client(officer).get("/api/v1/me/enrollments/").json()["results"][0]
        public = client.get(f"/api/v1/certificates/{certificate.code}/").json()
        client.force_login(liaison)
        state_csv = _csv(client.get(reverse("department:export_transcript")))
        roster_csv = _csv(client.get(reverse("department:export_roster_csv")))
        sheet = load_workbook(
            io.BytesIO(client.get(reverse("department:export_roster_xlsx")).content)
        ).active
        listed = token_client(liaison).get("/api/v1/enrollments/").json()["results"][0]
        officer_page = client.get(
            reverse("department:officer", args=[officer.memberships.get().pk])
        ).content.decode()

    assert Certificate.objects.get().completed_on == DAY
    assert (certificate.issued_on, enrollment.completed_on) == (DAY, DAY)
    assert expected in pdf_text(certificate_pdf(certificate=certificate))
    assert zone in pdf_text(certificate_pdf(certificate=certificate))
    assert f"<td>{expected}</td>" in transcript and zone in transcript
    assert expected in verify and zone in verify
    assert data["enrollments"][0]["completed_on"] == iso
    assert data["certificates"][0]["completed_on"] == iso
    assert (mine["completed_on"], public["completed_on"], listed["completed_on"]) == (iso,) * 3
    assert state_csv[1][7:10] == [iso, certificate.code, zone]
    assert roster_csv[1][10] == iso
    assert list(sheet.iter_rows(values_only=True))[1][10].date() == DAY
    assert expected in officer_page  # one date format per language


def _csv(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


# --- nudges ----------------------------------------------------------------------------------


@pytest.mark.parametrize("zone", ["America/New_York", "Pacific/Honolulu"])
def test_one_nudge_a_local_day_two_across_local_midnight(zone):
    department = factories.DepartmentFactory(timezone=zone)
    liaison = factories.liaison(department)
    enrollment = factories.EnrollmentFactory(
        officer=factories.officer(department), department=department, due_on=None
    )

    def nudge(instant):
        with at(instant):
            return enrollment_nudge(
                enrollments=[enrollment], department=department, acting_user=liaison
            ).queued

    evening = local(DAY, 23, 58, zone)
    assert [nudge(evening), nudge(evening + dt.timedelta(minutes=1))] == [1, 0]
    assert nudge(local(DAY + dt.timedelta(days=1), 0, 1, zone)) == 1
    assert sorted(Notification.objects.values_list("dedupe_key", flat=True)) == [
        f"nudge:{enrollment.pk}:2027-03-01",
        f"nudge:{enrollment.pk}:2027-03-02",
    ]


# --- partner periods -------------------------------------------------------------------------


def test_the_partners_month_closes_when_it_has_closed_in_every_zone():
    last_of_february = (dt.date(2027, 2, 1), dt.date(2027, 2, 28))

    assert clock.last_closed_month(
        at=local(DAY, 23, 59, "Pacific/Honolulu") - dt.timedelta(days=1)
    ) == (dt.date(2027, 1, 1), dt.date(2027, 1, 31))
    assert clock.last_closed_month(at=local(DAY, 0, 0, "Pacific/Honolulu")) == last_of_february
    # 00:30 UTC on the 1st: February is over in UTC, not yet anywhere in the United States.
    assert not clock.period_closed(
        dt.date(2027, 2, 28), at=dt.datetime(2027, 3, 1, 0, 30, tzinfo=dt.UTC)
    )
    assert clock.period_closed(dt.date(2027, 2, 28), at=local(DAY, 0, 0, "Pacific/Honolulu"))


def test_partner_figures_count_a_completion_on_its_local_date():
    """A completion at 23:30 on the last day in Honolulu (09:30 UTC on the 1st) counts in the
    month; one at 00:30 on the 1st in New York (05:30 UTC on the 1st) does not."""
    partner = factories.PartnerOrganizationFactory()
    late, departments = {}, []
    for zone, when in (
        ("Pacific/Honolulu", local(dt.date(2027, 2, 28), 23, 30, "Pacific/Honolulu")),
        ("America/New_York", local(DAY, 0, 30, "America/New_York")),
    ):
        department = factories.DepartmentFactory(timezone=zone)
        departments.append(department.pk)
        factories.DataSharingAgreementFactory(partner=partner, department=department)
        curriculum = factories.CurriculumFactory()
        officers = [factories.officer(department) for _ in range(12)]
        for officer in officers:
            factories.EnrollmentFactory(
                officer=officer,
                department=department,
                curriculum=curriculum,
                assigned_at=dt.datetime(2027, 1, 10, tzinfo=dt.UTC),
                status=Enrollment.Status.COMPLETED,
                completed_at=when,
            )
        late[zone] = curriculum

    with at(dt.datetime(2027, 3, 5, tzinfo=dt.UTC)):
        figures = period_figures(department_ids=departments, period_end=dt.date(2027, 2, 28))

    completed = {
        key: sum(values["completed"] for values in by_department.values())
        for (table, key), by_department in figures.counts.items()
        if table == "curriculum"
    }
    assert completed == {
        str(late["Pacific/Honolulu"].pk): 12,
        str(late["America/New_York"].pk): 0,
    }


# --- the suite's own clock -------------------------------------------------------------------


def test_the_suite_can_start_at_a_chosen_instant(pytester_like_env):
    """`--repair-now` / REPAIR_TEST_NOW is read by tests/conftest.py (CI runs the suite at hard
    instants with it); here the option's parsing, with a zone required."""
    assert pytester_like_env("2027-03-01T00:30:00Z") == dt.datetime(
        2027, 3, 1, 0, 30, tzinfo=dt.UTC
    )
    with pytest.raises(pytest.UsageError):
        pytester_like_env("2027-03-01T00:30:00")


@pytest.fixture
def pytester_like_env():
    from tests.conftest import suite_start

    return suite_start
