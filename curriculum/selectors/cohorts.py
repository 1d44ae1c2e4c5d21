"""Reads about a department's cohorts: seats taken and waiting, the waiting list."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet

from accounts.models import Department
from curriculum.models import Cohort, CohortWaitlistEntry


def department_cohort_figures(*, department: Department):
    """The department's cohorts with seats taken and waiting, in one query."""
    return (
        Cohort.objects.filter(department=department)
        .select_related("curriculum", "facilitator")
        .annotate(
            seated=Count(
                "enrollments", filter=Q(enrollments__withdrawn_at__isnull=True), distinct=True
            ),
            waiting=Count("waitlist", distinct=True),
        )
        .order_by("-starts_on", "name")
    )


def cohort_waitlist(*, cohort: Cohort) -> QuerySet[CohortWaitlistEntry]:
    return cohort.waitlist.select_related("officer")
