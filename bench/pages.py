"""HTML pages side by side with their SQL and the floor, like the dashboard endpoints
(`bench.dashboard.dashboard_measure`): the liaison dashboard, the roster's first and a deep
page, an officer's page, `/learn/`, a lesson, `/facilitate/` and the partner dashboard, each
requested by the user it is for, with a signed-in session."""

from __future__ import annotations

from bench.dashboard import Endpoint


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
