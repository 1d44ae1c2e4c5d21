"""Worlds of departments, officers and outcomes for the partner tests, built in bulk."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field

from accounts.models import Department, Membership, User
from curriculum.models import Assessment, Attempt, Enrollment, Feedback, ModuleProgress
from partners.models import DataSharingAgreement, PartnerOrganization
from tests import factories

_serial = itertools.count(1)

# The partner tests run in the middle of November 2026 (tests/partners/conftest.py): the last
# closed month is October, whatever the real date.
NOW = dt.datetime(2026, 11, 18, 17, 0, tzinfo=dt.UTC)
PERIOD_START, PERIOD_END = dt.date(2026, 10, 1), dt.date(2026, 10, 31)
# The three months the worlds' enrollments fall in, oldest first.
PERIODS = (
    (dt.date(2026, 8, 1), dt.date(2026, 8, 31)),
    (dt.date(2026, 9, 1), dt.date(2026, 9, 30)),
    (PERIOD_START, PERIOD_END),
)
LEAVING = dt.date(2026, 9, 15)
MONTHS = (
    dt.datetime(2026, 8, 10, 12, tzinfo=dt.UTC),
    dt.datetime(2026, 9, 10, 12, tzinfo=dt.UTC),
    dt.datetime(2026, 10, 10, 12, tzinfo=dt.UTC),
)


@dataclass
class CurriculumOutcome:
    """How many officers of a department enrolled in a curriculum, completed, took tests."""

    enrolled: int
    completed: int
    paired: int = 0  # completed officers with a pre- and post-test first attempt
    rated: int = 0  # enrolled officers who rated the first module


@dataclass
class DepartmentSpec:
    roster: int
    state: str = "GA"
    sharing: bool = True
    outcomes: list[CurriculumOutcome] = field(default_factory=list)
    # Officers who leave on 15 September (the roster shrinks, the department may be regrouped).
    leaving: int = 0
    timezone: str = "America/New_York"


@dataclass
class World:
    partner: PartnerOrganization
    departments: list[Department]
    curricula: list
    modules: list
    officers: list[User]


def curriculum_with_tests():
    curriculum = factories.CurriculumFactory()
    module = factories.ModuleFactory(curriculum=curriculum, order=1)
    pre = Assessment.objects.create(
        version=curriculum.current_version, kind=Assessment.Kind.PRE_TEST, title="Pre-test"
    )
    post = Assessment.objects.create(
        version=curriculum.current_version, kind=Assessment.Kind.POST_TEST, title="Post-test"
    )
    return curriculum, module, pre, post


def build_world(specs: list[DepartmentSpec], *, curricula: int = 2) -> World:
    partner = factories.PartnerOrganizationFactory()
    made = [curriculum_with_tests() for _ in range(curricula)]
    departments, officers = [], []
    for spec in specs:
        department, staff = _department(partner, spec)
        departments.append(department)
        officers.extend(staff)
        for (curriculum, module, pre, post), outcome in zip(made, spec.outcomes, strict=False):
            _enroll(department, staff, curriculum, module, pre, post, outcome)
    return World(
        partner=partner,
        departments=departments,
        curricula=[item[0] for item in made],
        modules=[item[1] for item in made],
        officers=officers,
    )


def _department(partner, spec: DepartmentSpec):
    number = next(_serial)
    department = Department.objects.create(
        name=f"Spec Department {number}", state=spec.state, timezone=spec.timezone
    )
    if spec.sharing:
        DataSharingAgreement.objects.create(
            partner=partner, department=department, starts_on=dt.date(2025, 1, 1)
        )
    users = User.objects.bulk_create(
        User(
            email=f"spec{number}-{index}@example.test",
            first_name=f"Zelda{number}x{index}",
            last_name=f"Quimby{number}x{index}",
            password="!",
        )
        for index in range(spec.roster)
    )
    Membership.objects.bulk_create(
        Membership(
            user=user,
            department=department,
            badge_number=f"BX{number:04d}{index:03d}",
            started_on=dt.date(2024, 1, 1),
            separated_on=LEAVING if index >= spec.roster - spec.leaving else None,
            status=Membership.Status.SEPARATED
            if index >= spec.roster - spec.leaving
            else Membership.Status.ACTIVE,
        )
        for index, user in enumerate(users)
    )
    return department, users


def _enroll(department, staff, curriculum, module, pre, post, outcome: CurriculumOutcome):
    enrolled = staff[: outcome.enrolled]
    enrollments = Enrollment.objects.bulk_create(
        _enrollment(department, curriculum, officer, index, index < outcome.completed)
        for index, officer in enumerate(enrolled)
    )
    ModuleProgress.objects.bulk_create(
        ModuleProgress(
            enrollment=enrollment,
            module=module,
            started_at=enrollment.assigned_at,
            completed_at=enrollment.completed_at,
        )
        for enrollment in enrollments
    )
    attempts = []
    for index, enrollment in enumerate(enrollments[: min(outcome.paired, outcome.completed)]):
        when = enrollment.assigned_at + dt.timedelta(days=1)
        attempts += [
            Attempt(enrollment=enrollment, assessment=pre, number=1, submitted_at=when,
                    score=40 + index % 30),
            Attempt(enrollment=enrollment, assessment=post, number=1, submitted_at=when,
                    score=70 + index % 25),
        ]  # fmt: skip
    Attempt.objects.bulk_create(attempts)
    Feedback.objects.bulk_create(
        Feedback(
            enrollment=enrollment,
            module=module,
            rating=1 + index % 5,
            created_at=enrollment.assigned_at + dt.timedelta(days=2),
        )
        for index, enrollment in enumerate(enrollments[: outcome.rated])
    )


def _enrollment(department, curriculum, officer, index: int, completed: bool) -> Enrollment:
    assigned = MONTHS[index % len(MONTHS)]
    return Enrollment(
        officer=officer,
        curriculum=curriculum,
        version_id=curriculum.current_version_id,
        department=department,
        assigned_at=assigned,
        status=Enrollment.Status.COMPLETED if completed else Enrollment.Status.IN_PROGRESS,
        progress=100 if completed else 40,
        completed_at=assigned + dt.timedelta(days=5) if completed else None,
    )


def partner_sharing(world: World, indexes, *, name: str | None = None) -> PartnerOrganization:
    """Another partner with which the departments at `indexes` share data."""
    partner = factories.PartnerOrganizationFactory(**({"name": name} if name else {}))
    DataSharingAgreement.objects.bulk_create(
        DataSharingAgreement(
            partner=partner, department=world.departments[index], starts_on=dt.date(2025, 1, 1)
        )
        for index in sorted(indexes)
    )
    return partner


def partner_user(partner: PartnerOrganization, **kwargs) -> User:
    return factories.PartnerMembershipFactory(
        partner=partner, user=factories.UserFactory(**kwargs)
    ).user
