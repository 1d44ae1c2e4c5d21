"""The demo world of `manage.py seed_demo`: departments, people, curricula, progress, partner.

It lives in `partners/`, the app at the top of the dependency chain, because it builds rows of
every app. Everything is keyed on natural keys and a seeded random generator, so a second run
finds every row in place and writes nothing new.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from accounts.models import Department, Membership, User
from curriculum.models import (
    Assessment,
    Attempt,
    Cohort,
    Curriculum,
    Enrollment,
    Feedback,
    LessonProgress,
    ModuleProgress,
    Reflection,
    ReflectionResponse,
)
from curriculum.packages import DEMO_PACKAGES, package_parse, package_read
from curriculum.services.certificates import certificate_issue
from curriculum.services.versions import curriculum_package_load
from partners.demo_facilitation import facilitation_demo_build
from partners.models import DataSharingAgreement, PartnerMembership, PartnerOrganization
from repair import clock

DEMO_PASSWORD = "repair-demo-2026"
OFFICERS_PER_DEPARTMENT = 44
FIRST_NAMES = [
    "James", "Maria", "Robert", "Aisha", "Michael", "Lucia", "David", "Keisha", "Daniel",
    "Sofia", "Marcus", "Emily", "Jose", "Tanya", "Kevin", "Grace", "Andre", "Hannah", "Luis",
    "Monique", "Brian", "Rosa", "Tyrone", "Olivia", "Samuel", "Carmen", "Eric", "Jasmine",
]  # fmt: skip
LAST_NAMES = [
    "Johnson", "Garcia", "Williams", "Brown", "Jones", "Martinez", "Davis", "Rodriguez",
    "Wilson", "Anderson", "Thomas", "Jackson", "White", "Harris", "Clark", "Lewis", "Walker",
    "Hall", "Young", "Allen", "King", "Wright", "Lopez", "Hill", "Scott", "Green", "Adams",
]  # fmt: skip
RANKS = ["Officer", "Officer", "Officer", "Senior Officer", "Corporal", "Sergeant", "Detective"]


@dataclass
class DemoDepartment:
    name: str
    state: str
    ori_code: str
    timezone: str
    slug: str


DEPARTMENTS = [
    DemoDepartment(
        "Demo City Police Department", "GA", "GA0600100", "America/New_York", "democity"
    ),
    # Hawaii: the demo spans the US zones, from New York to Honolulu (dates are the department's).
    DemoDepartment(
        "Harbor County Sheriff's Office", "HI", "HI0020000", "Pacific/Honolulu", "harborcounty"
    ),
]


def _user(email: str, first: str, last: str, *, password: str | None, **extra) -> User:
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, **extra}
    )
    if created:
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(update_fields=["password"])
    return user


def _membership(user: User, department: Department, role: str, badge: str = "", rank: str = ""):
    Membership.objects.get_or_create(
        user=user,
        department=department,
        role=role,
        defaults={"badge_number": badge, "rank": rank, "started_on": clock.today(department)},
    )


def _departments() -> list[Department]:
    return [
        Department.objects.get_or_create(
            name=d.name, defaults={"state": d.state, "ori_code": d.ori_code, "timezone": d.timezone}
        )[0]
        for d in DEPARTMENTS
    ]


def _roster(department: Department, slug: str, rng: random.Random) -> list[User]:
    officers = []
    for n in range(1, OFFICERS_PER_DEPARTMENT + 1):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        user = _user(f"{slug}.officer{n:03d}@repair.test", first, last, password=None)
        _membership(
            user,
            department,
            Membership.Role.OFFICER,
            f"{slug[:2].upper()}{1000 + n}",
            rng.choice(RANKS),
        )
        officers.append(user)
    return officers


def _named_people(democity: Department, harbor: Department) -> dict[str, User]:
    people = {
        "admin": _user(
            "admin@repair.test", "Program", "Staff", password=DEMO_PASSWORD,
            is_staff=True, is_superuser=True,
        ),
        "liaison": _user("liaison@repair.test", "Dana", "Whitfield", password=DEMO_PASSWORD),
        "officer": _user("officer@repair.test", "Alex", "Rivera", password=DEMO_PASSWORD),
        "liaison2": _user("liaison2@repair.test", "Morgan", "Ellis", password=DEMO_PASSWORD),
        "officer2": _user(
            "officer2@repair.test", "Camila", "Ortega", password=DEMO_PASSWORD, language="es"
        ),
        "facilitator": _user(
            "facilitator@repair.test", "Jordan", "Banks", password=DEMO_PASSWORD,
            is_facilitator=True,
        ),
        "partner": _user("partner@repair.test", "Renee", "Carter", password=DEMO_PASSWORD),
    }  # fmt: skip
    _membership(people["liaison"], democity, Membership.Role.LIAISON, rank="Lieutenant")
    _membership(people["liaison"], democity, Membership.Role.OFFICER, "DC0001", "Lieutenant")
    _membership(people["officer"], democity, Membership.Role.OFFICER, "DC0002", "Officer")
    _membership(people["liaison2"], harbor, Membership.Role.LIAISON, rank="Sergeant")
    _membership(people["liaison2"], harbor, Membership.Role.OFFICER, "HC0001", "Sergeant")
    _membership(people["officer2"], harbor, Membership.Role.OFFICER, "HC0002", "Deputy")
    return people


def _partner(people: dict[str, User], departments: list[Department]) -> PartnerOrganization:
    partner, _ = PartnerOrganization.objects.get_or_create(
        slug="ncchr", defaults={"name": "National Center for Civil and Human Rights"}
    )
    PartnerMembership.objects.get_or_create(partner=partner, user=people["partner"])
    for department in departments:
        DataSharingAgreement.objects.get_or_create(
            partner=partner, department=department, defaults={"starts_on": dt.date(2025, 1, 1)}
        )
    return partner


def _curricula() -> dict[str, Curriculum]:
    """The course packages in curriculum/packages/, each published unless it already is."""
    for folder in sorted(DEMO_PACKAGES.iterdir()):
        if (folder / "manifest.yaml").exists():
            curriculum_package_load(content=package_parse(package_read(folder)))
    return {c.slug: c for c in Curriculum.objects.select_related("current_version")}


def _cohort(curricula: dict[str, Curriculum], department: Department, facilitator: User) -> Cohort:
    cohort, _ = Cohort.objects.get_or_create(
        curriculum=curricula["repair-leadership"],
        name="Leadership cohort, fall 2026",
        defaults={
            "department": department,
            "facilitator": facilitator,
            "starts_on": clock.today(department) - dt.timedelta(days=17),
            "release_interval_days": 7,
        },
    )
    return cohort


def _enrollment(
    officer: User, curriculum: Curriculum, department: Department, **defaults
) -> tuple[Enrollment, bool]:
    return Enrollment.objects.get_or_create(
        officer=officer,
        curriculum=curriculum,
        defaults={"department": department, "version": curriculum.current_version, **defaults},
    )


def _best_attempt(enrollment: Enrollment, assessment: Assessment, score: int, when) -> None:
    Attempt.objects.get_or_create(
        enrollment=enrollment,
        assessment=assessment,
        number=1,
        defaults={
            "started_at": when - dt.timedelta(minutes=12),
            "submitted_at": when,
            "score": score,
            "passed": score >= assessment.pass_mark,
        },
    )


def _complete_history(enrollment: Enrollment, rng: random.Random) -> None:
    """Progress rows of a completed enrollment: every module, tests, ratings, certificate."""
    version = enrollment.version
    done = enrollment.completed_at
    started = enrollment.started_at
    assessments = {a.kind: a for a in version.assessments.filter(module__isnull=True)}
    pre = rng.randint(35, 70)
    _best_attempt(enrollment, assessments["pre_test"], pre, started)
    _best_attempt(enrollment, assessments["post_test"], min(100, pre + rng.randint(5, 40)), done)
    for module in version.modules.all():
        ModuleProgress.objects.get_or_create(
            enrollment=enrollment,
            module=module,
            defaults={"started_at": started, "completed_at": done},
        )
        Feedback.objects.get_or_create(
            enrollment=enrollment,
            module=module,
            defaults={"rating": rng.choice([3, 4, 4, 5, 5]), "created_at": done},
        )
    certificate_issue(enrollment=enrollment)


def _outcome(rng: random.Random, department: Department) -> dict:
    """One enrollment's state: done, in progress, overdue or not started."""
    today = clock.today(department)
    roll = rng.random()
    assigned = timezone.now() - dt.timedelta(days=rng.randint(60, 200))
    if roll < 0.45:
        completed = assigned + dt.timedelta(days=rng.randint(5, 55), hours=rng.randint(0, 20))
        return {
            "status": Enrollment.Status.COMPLETED, "progress": 100, "assigned_at": assigned,
            "started_at": assigned + dt.timedelta(days=2), "completed_at": completed,
            "due_on": clock.local_date(assigned, department) + dt.timedelta(days=60),
        }  # fmt: skip
    if roll < 0.70:
        return {
            "status": Enrollment.Status.IN_PROGRESS, "progress": rng.choice([25, 50, 75]),
            "assigned_at": assigned, "started_at": assigned + dt.timedelta(days=3),
            "due_on": today + dt.timedelta(days=rng.randint(3, 40)),
        }  # fmt: skip
    if roll < 0.85:
        return {
            "status": rng.choice([Enrollment.Status.NOT_STARTED, Enrollment.Status.IN_PROGRESS]),
            "progress": 0, "assigned_at": assigned,
            "due_on": today - dt.timedelta(days=rng.randint(1, 30)),
        }  # fmt: skip
    return {
        "status": Enrollment.Status.NOT_STARTED, "progress": 0, "assigned_at": assigned,
        "due_on": today + dt.timedelta(days=rng.randint(5, 60)),
    }  # fmt: skip


def _roster_enrollments(
    officers: list[User], department: Department, curricula: list[Curriculum], rng: random.Random
) -> None:
    for officer in officers:
        for curriculum in curricula:
            outcome = _outcome(rng, department)
            if outcome["status"] == Enrollment.Status.IN_PROGRESS and not outcome.get("started_at"):
                outcome["started_at"] = outcome["assigned_at"] + dt.timedelta(days=4)
            enrollment, created = _enrollment(officer, curriculum, department, **outcome)
            if created and enrollment.status == Enrollment.Status.COMPLETED:
                _complete_history(enrollment, rng)
            elif created and enrollment.started_at is not None:
                _partial_history(enrollment)


def _partial_history(enrollment: Enrollment) -> None:
    """Module rows of an enrollment under way: the modules its progress covers are completed,
    the next one is started (so the partner's module table counts started modules too)."""
    modules = list(enrollment.version.modules.order_by("order"))
    done = len(modules) * enrollment.progress // 100
    started = enrollment.started_at
    for index, module in enumerate(modules[: done + 1]):
        ModuleProgress.objects.get_or_create(
            enrollment=enrollment,
            module=module,
            defaults={
                "started_at": started + dt.timedelta(days=index),
                "completed_at": started + dt.timedelta(days=index + 1) if index < done else None,
            },
        )


def _cohort_enrollments(cohort: Cohort, members: list[User], rng: random.Random) -> None:
    """The paced cohort: modules 1-3 are open; some reflections wait for the facilitator."""
    version = cohort.curriculum.current_version
    first_module = version.modules.get(order=1)
    reflection = Reflection.objects.get(module=first_module, order=1)
    pre_test = version.assessments.get(kind=Assessment.Kind.PRE_TEST)
    for index, officer in enumerate(members):
        enrollment, created = _enrollment(
            officer,
            cohort.curriculum,
            cohort.department,
            cohort=cohort,
            status=Enrollment.Status.IN_PROGRESS if index else Enrollment.Status.NOT_STARTED,
            started_at=timezone.now() - dt.timedelta(days=15) if index else None,
            due_on=cohort.starts_on + dt.timedelta(days=49),
        )
        if not created or index == 0:
            continue
        _best_attempt(enrollment, pre_test, rng.randint(35, 70), enrollment.started_at)
        for lesson in first_module.lessons.all():
            LessonProgress.objects.get_or_create(
                enrollment=enrollment,
                lesson=lesson,
                defaults={
                    "opened_at": enrollment.started_at,
                    "completed_at": enrollment.started_at
                    + dt.timedelta(minutes=lesson.estimated_minutes),
                    "seconds_spent": lesson.estimated_minutes * 60,
                },
            )
        ReflectionResponse.objects.get_or_create(
            reflection=reflection,
            enrollment=enrollment,
            defaults={
                "text": rng.choice(REFLECTION_SAMPLES),
                "submitted_at": enrollment.started_at + dt.timedelta(hours=2),
            },
        )


REFLECTION_SAMPLES = [
    "Last month a man we stopped kept asking why. I answered with commands. Next time I will "
    "explain the reason for the stop first; it costs thirty seconds and he deserved it.",
    "Our squad jokes about certain neighborhoods in roll call. After this module I see how that "
    "language makes people smaller. I will stop laughing along and say something.",
    "Dignity is not a reward for cooperation. I want to hold to that on the hard calls, "
    "especially at the end of a double shift.",
]


@transaction.atomic
def demo_world_build(*, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    democity, harbor = _departments()
    people = _named_people(democity, harbor)
    partner = _partner(people, [democity, harbor])
    curricula = _curricula()
    english = [curricula["repair-officer"], curricula["repair-trauma"]]
    for department, slug in ((democity, "democity"), (harbor, "harborcounty")):
        _roster_enrollments(_roster(department, slug, rng), department, english, rng)
    today = clock.today(democity)
    _enrollment(
        people["officer"],
        curricula["repair-officer"],
        democity,
        due_on=today + dt.timedelta(days=14),
    )
    _enrollment(
        people["officer"], curricula["repair-trauma"], democity, due_on=today - dt.timedelta(days=2)
    )
    _enrollment(
        people["officer2"],
        curricula["repair-officer-es"],
        harbor,
        due_on=clock.today(harbor) + dt.timedelta(days=21),
    )
    cohort = _cohort(curricula, democity, people["facilitator"])
    democity_officers = list(
        User.objects.filter(email__startswith="democity.officer").order_by("email")[:11]
    )
    _cohort_enrollments(cohort, [people["officer"], people["liaison"], *democity_officers], rng)
    trainer = _user("trainer@repair.test", "Renee", "Okafor", password=DEMO_PASSWORD)
    _membership(trainer, democity, Membership.Role.OFFICER, "DE2001", "Sergeant")
    facilitation_demo_build(cohort=cohort, tot=curricula["training-of-trainers"], trainer=trainer)
    return {
        "departments": Department.objects.count(),
        "officers": Membership.objects.filter(role=Membership.Role.OFFICER).count(),
        "curricula": Curriculum.objects.count(),
        "enrollments": Enrollment.objects.count(),
        "partners": PartnerOrganization.objects.filter(pk=partner.pk).count(),
    }
