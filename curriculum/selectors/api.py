"""Reads of the REST API that the page selectors do not already shape: the departments a user
may list (including a partner's sharing departments), the scoped enrollment and completion
querysets, and public certificate look-up. Built on `curriculum.selectors.enrollments` and
`accounts.selectors`, which remain the one permission layer."""

from __future__ import annotations

import re

from django.db.models import Q, QuerySet
from django.http import Http404

from accounts.models import Department
from accounts.selectors import department_list_for, liaison_department_ids, user_timezone_name
from curriculum.models import Certificate, Curriculum, Enrollment
from curriculum.selectors.enrollments import enrollment_list_for, managed_department_get
from curriculum.selectors.learning import certificate_for_code
from repair import clock
from repair.params import parse_id

# Certificate codes are URL-safe and at most 32 characters (the model's limit).
CERTIFICATE_CODE = re.compile(r"[A-Za-z0-9_-]{1,32}")


def partner_department_list_for(*, user) -> QuerySet[Department]:
    """Departments with a data-sharing agreement in force with one of the user's partners."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Department.objects.none()
    in_force = Q(sharing_agreements__partner__memberships__user=user) & clock.by_local_date(
        lambda today: (
            Q(sharing_agreements__starts_on__lte=today)
            & (
                Q(sharing_agreements__ends_on__isnull=True)
                | Q(sharing_agreements__ends_on__gte=today)
            )
        ),
        zone_field="timezone",
    )
    return Department.objects.filter(in_force).distinct()


def api_department_list_for(*, user) -> tuple[QuerySet[Department], frozenset[int] | None]:
    """Departments the user may list, and which of them they may see in full.

    Staff see every department in full (`None`: no restriction); members (liaisons, officers)
    see their own in full; partner reviewers see sharing departments by name and state only.
    """
    if getattr(user, "is_staff", False) and user.is_active:
        return Department.objects.order_by("name", "id"), None
    own_ids = frozenset(department_list_for(user=user).values_list("pk", flat=True))
    shared_ids = set(partner_department_list_for(user=user).values_list("pk", flat=True))
    visible = Department.objects.filter(pk__in=own_ids | shared_ids).order_by("name", "id")
    return visible, own_ids


def api_enrollment_list_for(*, user) -> QuerySet[Enrollment]:
    """Current (not withdrawn) enrollments a liaison or staff user may see."""
    return enrollment_list_for(user=user).filter(withdrawn_at__isnull=True)


def completion_enrollments_for(
    *, user, department_id: int | None = None, curriculum_id: int | None = None
) -> tuple[QuerySet[Enrollment], Department | str | None]:
    """Enrollments whose completions a liaison (own departments) or staff may chart, and the
    calendar to chart them on: the department asked for, else the user's department's zone,
    else (staff) the site's.

    A department outside the user's scope answers 404, like every other object.
    """
    enrollments = api_enrollment_list_for(user=user)
    calendar: Department | str | None = user_timezone_name(user=user) or None
    if department_id is not None:
        calendar = managed_department_get(user=user, department_id=department_id)
        enrollments = enrollments.filter(department=calendar)
    if curriculum_id is not None:
        enrollments = enrollments.filter(curriculum_id=curriculum_id)
    return enrollments, calendar


def completion_department_ids(*, user, department_id: int | None = None) -> list[int] | None:
    """The departments `completion_enrollments_for` covers (after its scope check), or None for
    staff over every department."""
    if department_id is not None:
        return [department_id]
    if user.is_staff:
        return None
    return liaison_department_ids(user=user)


def api_managed_department_get(*, user, department_id: str | int) -> Department:
    """`managed_department_get` for an id straight from the URL: anything that is not a
    possible id answers 404 like an id out of scope."""
    pk = parse_id(department_id)
    if pk is None:
        raise Http404
    return managed_department_get(user=user, department_id=pk)


def enrolling_department_list_for(*, user) -> QuerySet[Department]:
    """Departments whose officers the user may enroll through the API: those they are the
    active liaison of (staff oversee every department but do not assign on its behalf)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Department.objects.none()
    return Department.objects.filter(pk__in=liaison_department_ids(user=user)).order_by("id")


def curriculum_get(*, curriculum_id: int) -> Curriculum | None:
    return Curriculum.objects.filter(pk=curriculum_id).first()


def certificate_get(*, code: str) -> Certificate:
    """A certificate by its code as typed (any case, with or without dashes), for anyone,
    revoked ones too; 404 for an unknown code. The same look-up as the verification page."""
    if not CERTIFICATE_CODE.fullmatch(code):
        raise Http404
    certificate = certificate_for_code(code=code)
    if certificate is None:
        raise Http404
    return certificate
