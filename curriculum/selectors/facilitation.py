"""Who reads a reflection, and the facilitator's queue.

Every enrollment has responsible readers, in this order (the first that exists answers):

1. the facilitator of its cohort, when the enrollment has a cohort with an active facilitator;
2. else the current trainers of its department (`DepartmentTrainer`, not revoked or expired);
3. else the program's facilitator pool: active users staff flagged as facilitators.

`reflection_reader_q` is that rule as one condition on `ReflectionResponse`, so the queue, a
reply's permission and `reflection_unreached_list` (responses nobody may read, which the
escalation sweep reports to staff) cannot disagree.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import User
from curriculum.models import DepartmentTrainer, ReflectionResponse, RubricCriterion, RubricMark
from repair import clock


def trainer_current_list() -> QuerySet[DepartmentTrainer]:
    """Trainer certifications in force today (each department's date)."""
    in_force = clock.by_local_date(
        lambda today: Q(expires_on__gte=today), zone_field="department__timezone"
    )
    return DepartmentTrainer.objects.filter(in_force, revoked_at__isnull=True, user__is_active=True)


def trainer_department_ids(*, user) -> list[int]:
    """Departments the user is a current trainer of (cached on the user for the request)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_repair_trainer_departments", None)
    if cached is None:
        cached = list(
            trainer_current_list().filter(user=user).values_list("department_id", flat=True)
        )
        user._repair_trainer_departments = cached
    return list(cached)


def _cohort_led(prefix: str = "enrollment__") -> Q:
    return Q(**{f"{prefix}cohort__facilitator__is_active": True})


def _department_has_trainer(prefix: str = "enrollment__") -> Exists:
    return Exists(trainer_current_list().filter(department_id=OuterRef(f"{prefix}department_id")))


def _pool_exists() -> Exists:
    return Exists(User.objects.filter(is_facilitator=True, is_active=True))


def reflection_reader_q(*, user) -> Q:
    """Responses `user` is a responsible reader of (a condition on ReflectionResponse)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Q(pk__in=[])
    readable = Q(enrollment__cohort__facilitator=user)
    departments = trainer_department_ids(user=user)
    if departments:
        readable |= ~_cohort_led() & Q(enrollment__department_id__in=departments)
    if user.is_facilitator:
        readable |= ~_cohort_led() & ~_department_has_trainer()
    return readable


def _responses() -> QuerySet[ReflectionResponse]:
    return ReflectionResponse.objects.filter(enrollment__withdrawn_at__isnull=True).select_related(
        "enrollment__officer",
        "enrollment__cohort",
        "enrollment__curriculum",
        "enrollment__department",
        "reflection__module",
        "feedback_by",
    )


def reflection_response_list_for(*, user) -> QuerySet[ReflectionResponse]:
    return _responses().filter(reflection_reader_q(user=user))


def reflection_queue(
    *, user, module_id: int | None = None, cohort_id: int | None = None
) -> QuerySet[ReflectionResponse]:
    """Waiting reflections the user must answer, oldest first."""
    rows = reflection_response_list_for(user=user).filter(feedback_at__isnull=True)
    return _filtered(rows, module_id=module_id, cohort_id=cohort_id).order_by("submitted_at", "id")


def reflection_history(
    *, user, module_id: int | None = None, cohort_id: int | None = None
) -> QuerySet[ReflectionResponse]:
    """Answered reflections of the user's readership, latest reply first."""
    rows = reflection_response_list_for(user=user).filter(feedback_at__isnull=False)
    return _filtered(rows, module_id=module_id, cohort_id=cohort_id).order_by("-feedback_at", "-id")


def _filtered(rows, *, module_id: int | None, cohort_id: int | None):
    if module_id:
        rows = rows.filter(reflection__module_id=module_id)
    if cohort_id:
        rows = rows.filter(enrollment__cohort_id=cohort_id)
    return rows


def reflection_queue_filters(*, user) -> dict[str, list[tuple[int, str]]]:
    """The modules and cohorts the user's readership spans (the queue's filter options)."""
    rows = reflection_response_list_for(user=user).order_by()
    modules = rows.values_list(
        "reflection__module_id", "reflection__module__title", "enrollment__curriculum__title"
    ).distinct()
    cohorts = (
        rows.filter(enrollment__cohort__isnull=False)
        .values_list("enrollment__cohort_id", "enrollment__cohort__name")
        .distinct()
    )
    return {
        "modules": sorted(
            ((pk, f"{course}: {title}") for pk, title, course in modules), key=_by_label
        ),
        "cohorts": sorted(cohorts, key=_by_label),
    }


def _by_label(option: tuple[int, str]) -> tuple[str, int]:
    return (option[1], option[0])


def reflection_response_get_for(*, user, response_id: int) -> ReflectionResponse | None:
    return reflection_response_list_for(user=user).filter(pk=response_id).first()


def reflection_waiting_list() -> QuerySet[ReflectionResponse]:
    """Every waiting response of a current enrollment, whoever reads it (sweeps only)."""
    return _responses().filter(feedback_at__isnull=True)


def reflection_unreached_list() -> QuerySet[ReflectionResponse]:
    """Waiting responses that no one may read: no cohort facilitator, no department trainer,
    and an empty facilitator pool. The escalation sweep reports them to staff."""
    return reflection_waiting_list().filter(
        ~_cohort_led(), ~_department_has_trainer(), ~_pool_exists()
    )


def reflection_readers(*, response: ReflectionResponse) -> list[User]:
    """The responsible readers of one response (the escalation names them)."""
    return enrollment_readers(enrollment=response.enrollment)


def enrollment_readers(*, enrollment) -> list[User]:
    """The responsible readers of an enrollment's reflections (the officer's page names them)."""
    cohort = enrollment.cohort
    if cohort is not None and cohort.facilitator_id and cohort.facilitator.is_active:
        return [cohort.facilitator]
    trainers = list(
        User.objects.filter(
            pk__in=trainer_current_list()
            .filter(department_id=enrollment.department_id)
            .values("user_id")
        )
    )
    if trainers:
        return trainers
    return list(User.objects.filter(is_facilitator=True, is_active=True))


def rubric_criterion_list() -> QuerySet[RubricCriterion]:
    return RubricCriterion.objects.filter(is_active=True)


def rubric_marks_for(*, response: ReflectionResponse) -> list[RubricMark]:
    return list(RubricMark.objects.filter(response=response).select_related("criterion"))
