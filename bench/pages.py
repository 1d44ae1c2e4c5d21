"""HTML pages side by side with their SQL and the floor, like the dashboard endpoints
(`bench.dashboard.dashboard_measure`): the liaison dashboard, the roster's first and a deep
page, an officer's page, `/learn/`, a lesson, `/facilitate/` and the partner dashboard, each
requested by the user it is for, with a signed-in session."""

from __future__ import annotations

import re

from bench.dashboard import Endpoint

# The statements each page runs for its user, signed in with MFA, whatever the data's size,
# not counting savepoints (an atomic block nested in a test's transaction sends SAVEPOINT and
# RELEASE; in a request it is the transaction itself, no statement) nor the session's
# once-a-minute stamp; the lesson's includes the clock crediting the seconds since the page's
# last beat (the bench reads each page again within seconds): pinned by
# tests/test_bench_pages.py and checked by the bench at every scale.
PAGE_STATEMENTS = {
    "page: liaison dashboard": 11,
    "page: roster, first page": 9,
    "page: roster, deep page": 9,
    "page: an officer": 10,
    "page: /learn/": 3,
    "page: a lesson": 18,
    "page: /facilitate/": 7,
    "page: partner dashboard": 8,
}


_NOT_COUNTED = ("SAVEPOINT", "RELEASE", 'UPDATE "ACCOUNTS_USERBOUNDSESSION"')


def statements_counted(statements) -> int:
    """Statements as PAGE_STATEMENTS counts them: without savepoints and without the session's
    last-seen stamp (written at most once a minute, whichever request comes then)."""
    return sum(1 for s in statements if not s.lstrip().upper().startswith(_NOT_COUNTED))


def page_key(name: str) -> str:
    """The pin's name of a page row ("page: roster, page 8" is the deep page)."""
    return re.sub(r"^page: roster, page \d+$", "page: roster, deep page", name)


def page_endpoints(*, actors, deep_page: int) -> list[Endpoint]:
    from accounts.models import Membership, User
    from curriculum.models import Enrollment, Lesson
    from curriculum.views.department import PAGE_SIZE

    liaison, department = actors.liaison_id, actors.department_id
    officers = Membership.objects.filter(department_id=department).count()
    deep_page = max(1, min(deep_page, -(-officers // PAGE_SIZE)))
    membership = (
        Membership.objects.filter(department_id=department, role=Membership.Role.OFFICER)
        .order_by("id")
        .first()
    )
    enrollment = (
        Enrollment.objects.filter(department_id=department, status=Enrollment.Status.IN_PROGRESS)
        .order_by("id")
        .first()
    )
    lesson = (
        Lesson.objects.filter(module__version_id=enrollment.version_id)
        .order_by("module__order", "order")
        .first()
    )
    # The staff user facilitates too (bench.actors gave it an authenticator).
    User.objects.filter(pk=actors.staff_id).update(is_facilitator=True)
    roster = "/department/officers/"
    return [
        Endpoint("page: liaison dashboard", "/department/", liaison),
        Endpoint("page: roster, first page", roster, liaison),
        Endpoint(f"page: roster, page {deep_page}", f"{roster}?page={deep_page}", liaison),
        Endpoint("page: an officer", f"{roster}{membership.pk}/", liaison),
        Endpoint("page: /learn/", "/learn/", enrollment.officer_id),
        Endpoint(
            "page: a lesson",
            f"/learn/{enrollment.pk}/lessons/{lesson.pk}/",
            enrollment.officer_id,
        ),
        Endpoint("page: /facilitate/", "/facilitate/", actors.staff_id),
        Endpoint("page: partner dashboard", "/partner/", actors.partner_reviewer_ids[0]),
    ]
