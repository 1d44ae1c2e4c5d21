"""The demo world of `manage.py seed_demo`: departments, people, curricula, progress, partner.

It lives in `partners/`, the app at the top of the dependency chain, because it builds rows of
every app. Everything is keyed on natural keys and a seeded random generator, so a second run
finds every row in place and writes nothing new.
"""

from __future__ import annotations

import datetime as dt
import functools
import random
from dataclasses import dataclass

from django.contrib.auth.hashers import get_hasher, make_password
from django.db import transaction
from django.utils import timezone

from accounts.models import Department, Membership, User
from curriculum.figures import figures_changed
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


def _encoded(password: str) -> str:
    """The password hashed once per hasher (a real hash with the configured hasher, about half
    a second each): every demo account gets the same encoded value, salt included."""
    return _encoded_with(password, get_hasher().algorithm)


@functools.cache
def _encoded_with(password: str, algorithm: str) -> str:
    return make_password(password, hasher=algorithm)


def _user(email: str, first: str, last: str, *, password: str | None, **extra) -> User:
    """The account, created with the demo password (or an unusable one) unless it exists."""
    user, created = User.objects.get_or_create(
        email=email, defaults={"first_name": first, "last_name": last, **extra}
    )
    if created:
        if password:
            user.password = _encoded(password)
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


@dataclass
class _History:
    """The drawn progress of a completed enrollment: test scores and one rating per module."""

    enrollment: Enrollment
    pre: int
    post: int
    ratings: list[int]


def _history_draw(enrollment: Enrollment, modules: list, rng: random.Random) -> _History:
    pre = rng.randint(35, 70)
    post = min(100, pre + rng.randint(5, 40))
    return _History(enrollment, pre, post, [rng.choice([3, 4, 4, 5, 5]) for _ in modules])


def _histories_write(histories: list[_History], content: dict) -> None:
    """Progress rows of completed enrollments, one insert per table: both tests, every
    module done and rated; then each one's certificate (and its audit event)."""
    attempts, modules_done, feedback = [], [], []
    for history in histories:
        enrollment = history.enrollment
        done, started = enrollment.completed_at, enrollment.started_at
        assessments, modules = content[enrollment.version_id]
        for kind, score, when in (
            ("pre_test", history.pre, started),
            ("post_test", history.post, done),
        ):
            assessment = assessments[kind]
            attempts.append(
                Attempt(
                    enrollment=enrollment, assessment=assessment, number=1,
                    started_at=when - dt.timedelta(minutes=12), submitted_at=when,
                    score=score, passed=score >= assessment.pass_mark,
                )
            )  # fmt: skip
        for module, rating in zip(modules, history.ratings, strict=True):
            modules_done.append(
                ModuleProgress(
                    enrollment=enrollment, module=module, started_at=started, completed_at=done
                )
            )
            feedback.append(
                Feedback(enrollment=enrollment, module=module, rating=rating, created_at=done)
            )
    Attempt.objects.bulk_create(attempts)
    ModuleProgress.objects.bulk_create(modules_done)
    Feedback.objects.bulk_create(feedback)
    for history in histories:
        certificate_issue(enrollment=history.enrollment)


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
    """Every officer in every curriculum, the missing enrollments in one insert. The generator
    is drawn in the same order as row by row (each outcome, then a new completed enrollment's
    history), so the world does not depend on how it is written."""
    existing = set(
        Enrollment.objects.filter(officer__in=officers, curriculum__in=curricula).values_list(
            "officer_id", "curriculum_id"
        )
    )
    content = {
        curriculum.current_version_id: (
            {a.kind: a for a in curriculum.current_version.assessments.filter(module__isnull=True)},
            list(curriculum.current_version.modules.all()),
        )
        for curriculum in curricula
    }
    new, histories = [], []
    for officer in officers:
        for curriculum in curricula:
            outcome = _outcome(rng, department)
            if outcome["status"] == Enrollment.Status.IN_PROGRESS and not outcome.get("started_at"):
                outcome["started_at"] = outcome["assigned_at"] + dt.timedelta(days=4)
            if (officer.pk, curriculum.pk) in existing:
                continue
            enrollment = Enrollment(
                officer=officer,
                curriculum=curriculum,
                department=department,
                version=curriculum.current_version,
                **outcome,
            )
            new.append(enrollment)
            if enrollment.status == Enrollment.Status.COMPLETED:
                modules = content[curriculum.current_version_id][1]
                histories.append(_history_draw(enrollment, modules, rng))
    Enrollment.objects.bulk_create(new)
    if new:
        figures_changed([department.pk])  # what each row's post_save signal would have done
    _histories_write(histories, content)
    _partial_histories_write(
        [e for e in new if e.status != Enrollment.Status.COMPLETED and e.started_at], content
    )


def _partial_histories_write(enrollments: list[Enrollment], content: dict) -> None:
    """Module rows of enrollments under way, in one insert: the modules its progress covers
    are completed, the next one is started (so the partner's module table counts started
    modules too, not only finished ones)."""
    rows = []
    for enrollment in enrollments:
        modules = sorted(content[enrollment.version_id][1], key=lambda module: module.order)
        done = len(modules) * enrollment.progress // 100
        started = enrollment.started_at
        for index, module in enumerate(modules[: done + 1]):
            rows.append(
                ModuleProgress(
                    enrollment=enrollment,
                    module=module,
                    started_at=started + dt.timedelta(days=index),
                    completed_at=started + dt.timedelta(days=index + 1) if index < done else None,
                )
            )
    ModuleProgress.objects.bulk_create(rows)


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
