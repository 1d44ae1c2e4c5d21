"""factory_boy factories for every app's models."""

from __future__ import annotations

import datetime as dt

import factory

from accounts.models import Department, Membership, User
from curriculum.models import (
    Assessment,
    Choice,
    Cohort,
    Curriculum,
    CurriculumVersion,
    DepartmentTrainer,
    Enrollment,
    Lesson,
    Module,
    Question,
    Reflection,
    ReflectionResponse,
)
from partners.models import DataSharingAgreement, PartnerMembership, PartnerOrganization
from repair import clock

PASSWORD = "correct-horse-battery-staple"
FACTORY_ZONES = ["America/New_York", "America/Chicago", "Pacific/Honolulu", "America/Los_Angeles"]
# The zones of the `department` and `other_department` fixtures (tests/conftest.py).
DEMO_ZONE, OTHER_ZONE = "America/New_York", "America/Chicago"


def local_today(department=None) -> dt.date:
    """Today on the department's calendar (the `department` fixture's by default), read when
    called: a test's dates follow the department, and the clock the suite runs at."""
    return clock.today(DEMO_ZONE if department is None else department)


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"user{n}@example.test")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password(PASSWORD)


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department

    name = factory.Sequence(lambda n: f"Department {n} Police")
    state = "GA"
    # Departments span the zones from New York to Honolulu, so that a date decided in UTC (or
    # in the wrong department's zone) shows in the tests, whatever the hour they run.
    timezone = factory.Iterator(FACTORY_ZONES)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
    role = Membership.Role.OFFICER
    badge_number = factory.Sequence(lambda n: f"B{n:05d}")
    rank = "Officer"


class OfficerMembershipFactory(MembershipFactory):
    pass


class LiaisonMembershipFactory(MembershipFactory):
    role = Membership.Role.LIAISON
    badge_number = ""
    rank = "Sergeant"


def officer(department: Department | None = None, **user_kwargs) -> User:
    membership = OfficerMembershipFactory(
        department=department or DepartmentFactory(), user=UserFactory(**user_kwargs)
    )
    return membership.user


def liaison(department: Department | None = None, **user_kwargs) -> User:
    membership = LiaisonMembershipFactory(
        department=department or DepartmentFactory(), user=UserFactory(**user_kwargs)
    )
    return membership.user


class CurriculumFactory(factory.django.DjangoModelFactory):
    """A curriculum with its version 1: published (the default) or a draft.

    Tests add content to that version with the factories below; a version published through
    `curriculum.services.versions.version_publish` is what the versioning tests use.
    """

    class Meta:
        model = Curriculum

    title = factory.Sequence(lambda n: f"Curriculum {n}")
    slug = factory.Sequence(lambda n: f"curriculum-{n}")
    thematic_area = "Human rights"
    language = "en"
    credit_hours = 8
    status = Curriculum.Status.PUBLISHED

    @classmethod
    def _create(cls, model_class, *args, **kwargs):
        status = kwargs.pop("status", Curriculum.Status.PUBLISHED)
        curriculum = super()._create(model_class, *args, status=Curriculum.Status.DRAFT, **kwargs)
        published = status != Curriculum.Status.DRAFT
        version = CurriculumVersion.objects.create(
            curriculum=curriculum,
            number=1,
            title=curriculum.title,
            summary=curriculum.summary,
            thematic_area=curriculum.thematic_area,
            credit_hours=curriculum.credit_hours if published else None,
            content_hash="f" * 64 if published else "",
            published_at=clock.now() if published else None,
        )
        if published:
            curriculum.current_version = version
            curriculum.status = status
            curriculum.save(update_fields=["current_version", "status"])
        return curriculum


def version_of(curriculum: Curriculum) -> CurriculumVersion:
    """The version tests build content on: the current one, or the draft."""
    return curriculum.current_version or curriculum.versions.order_by("-number").first()


class ModuleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Module
        exclude = ["curriculum"]

    curriculum = factory.SubFactory(CurriculumFactory)
    version = factory.LazyAttribute(lambda o: version_of(o.curriculum))
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Module {n}")
    estimated_minutes = 30


class LessonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Lesson

    module = factory.SubFactory(ModuleFactory)
    order = factory.Sequence(lambda n: n + 1)
    title = factory.Sequence(lambda n: f"Lesson {n}")
    body = "Human dignity is the foundation of policing."
    estimated_minutes = 10


class AssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Assessment

    class Params:
        curriculum = None

    module = factory.SubFactory(ModuleFactory)
    version = factory.LazyAttribute(
        lambda o: o.module.version if o.module is not None else version_of(o.curriculum)
    )
    kind = Assessment.Kind.KNOWLEDGE_CHECK
    title = "Knowledge check"
    pass_mark = 70
    max_attempts = 3


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    assessment = factory.SubFactory(AssessmentFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Question {n}?")
    kind = Question.Kind.SINGLE


class ChoiceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Choice

    question = factory.SubFactory(QuestionFactory)
    order = factory.Sequence(lambda n: n + 1)
    text = factory.Sequence(lambda n: f"Choice {n}")
    is_correct = False


class ReflectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Reflection

    module = factory.SubFactory(ModuleFactory)
    order = 1
    prompt = "How will you apply this on your next shift?"


class ReflectionResponseFactory(factory.django.DjangoModelFactory):
    """A submitted reflection (set `enrollment` and `reflection` of its version)."""

    class Meta:
        model = ReflectionResponse

    text = "I will slow down, explain why I am there and listen before deciding anything."


class DepartmentTrainerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DepartmentTrainer

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)
    certified_on = factory.LazyAttribute(lambda o: clock.today(o.department))
    expires_on = factory.LazyAttribute(lambda o: o.certified_on + dt.timedelta(days=730))


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    curriculum = factory.SubFactory(CurriculumFactory)
    name = factory.Sequence(lambda n: f"Cohort {n}")
    department = None
    starts_on = factory.LazyAttribute(lambda cohort: clock.today(cohort.department))
    release_interval_days = 7


class EnrollmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enrollment

    officer = factory.SubFactory(UserFactory)
    curriculum = factory.SubFactory(CurriculumFactory)
    version = factory.LazyAttribute(lambda o: version_of(o.curriculum))
    department = factory.SubFactory(DepartmentFactory)
    due_on = factory.LazyAttribute(
        lambda enrollment: clock.today(enrollment.department) + dt.timedelta(days=30)
    )
    cycle = factory.LazyAttribute(lambda enrollment: clock.current_cycle(enrollment.department))
    status = Enrollment.Status.NOT_STARTED


class PartnerOrganizationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerOrganization

    name = factory.Sequence(lambda n: f"Partner {n}")
    slug = factory.Sequence(lambda n: f"partner-{n}")


class PartnerMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PartnerMembership

    partner = factory.SubFactory(PartnerOrganizationFactory)
    user = factory.SubFactory(UserFactory)


class DataSharingAgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DataSharingAgreement

    partner = factory.SubFactory(PartnerOrganizationFactory)
    department = factory.SubFactory(DepartmentFactory)
    starts_on = dt.date(2020, 1, 1)


def small_curriculum(
    *,
    modules: int = 2,
    language: str = "en",
    with_tests: bool = True,
    lesson_minutes: int = 10,
    **curriculum_kwargs,
) -> Curriculum:
    """A published curriculum with real structure: per module one lesson, a knowledge check
    (one single-choice and one multiple-choice question, pass mark 50) and a reflection; a
    pre-test and a post-test on the same two true/false and single-choice items."""
    curriculum = CurriculumFactory(language=language, **curriculum_kwargs)
    for position in range(1, modules + 1):
        module = ModuleFactory(
            curriculum=curriculum, order=position, title=f"Module {position} of {curriculum.slug}"
        )
        LessonFactory(
            module=module, order=1, title=f"Lesson {position}", estimated_minutes=lesson_minutes
        )
        check = AssessmentFactory(module=module, pass_mark=50, max_attempts=2)
        single = QuestionFactory(assessment=check, order=1, text=f"Single {position}?")
        ChoiceFactory(question=single, order=1, text="Right", is_correct=True)
        ChoiceFactory(question=single, order=2, text="Wrong")
        ChoiceFactory(question=single, order=3, text="Also wrong")
        multiple = QuestionFactory(
            assessment=check, order=2, text=f"Multiple {position}?", kind=Question.Kind.MULTIPLE
        )
        ChoiceFactory(question=multiple, order=1, text="Right A", is_correct=True)
        ChoiceFactory(question=multiple, order=2, text="Right B", is_correct=True)
        ChoiceFactory(question=multiple, order=3, text="Wrong C")
        ReflectionFactory(module=module, prompt=f"Reflect on module {position}.")
    if with_tests:
        pre = AssessmentFactory(
            module=None, curriculum=curriculum, kind=Assessment.Kind.PRE_TEST, title="Pre-test"
        )
        AssessmentFactory(
            module=None,
            curriculum=curriculum,
            kind=Assessment.Kind.POST_TEST,
            title="Post-test",
            question_source=pre,
            pass_mark=50,
        )
        truth = QuestionFactory(
            assessment=pre, order=1, text="Rights are universal.", kind=Question.Kind.TRUE_FALSE
        )
        ChoiceFactory(question=truth, order=1, text="True", is_correct=True)
        ChoiceFactory(question=truth, order=2, text="False")
        single = QuestionFactory(assessment=pre, order=2, text="Which year was the UDHR adopted?")
        ChoiceFactory(question=single, order=1, text="1948", is_correct=True)
        ChoiceFactory(question=single, order=2, text="1919")
    return curriculum
