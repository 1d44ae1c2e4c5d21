"""Reminder sweeps: plan one outbox row for every message that is due now.

Each sweep looks at a window, not at an exact tick: every enrollment inside the window gets its
row and the dedupe key makes a second sweep over the same window a no-op. So a missed beat tick
heals at the next one, and two beats at once still queue each message once. Rows are built from
`.values()` queries read in chunks and inserted in batches: per kind one SELECT, plus one INSERT
per batch for all kinds together, whatever the number of enrollments.

Dates are each department's calendar dates (`repair.clock`): "due in 7 days", "overdue" and
"the module opened today" are decided on the calendar of the enrollment's department, and the
weekly digest is due from Monday 07:00 on the liaison's department's wall clock.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from datetime import date, datetime, timedelta
from itertools import chain

from django.db.models import Exists, OuterRef, Q, QuerySet

from accounts.models import Membership
from curriculum.models import Certificate, Cohort, CompletionReview, Enrollment, Module
from repair import clock
from worker.models import Notification
from worker.outbox import BULK_BATCH_SIZE, notification_queue_bulk

OVERDUE_NOTICE_LIMIT = 4  # one notice a week while overdue, at most this many
MODULE_OPENED_WINDOW_DAYS = 7  # a module opened within this many days is still announced
DIGEST_WEEKDAY, DIGEST_HOUR = 0, 7  # the weekly digest is due from Monday 07:00
DIGEST_LIST_LIMIT = 100
# Certificate expiry reminders: (label, first day, last day) before the expiry date. A
# certificate inside a window gets that window's message once (the window, not one exact day,
# heals a missed tick).
EXPIRY_WINDOWS = (("60d", 15, 60), ("14d", 1, 14))
RECORD_URL = "/learn/record/"
READ_CHUNK_SIZE = 2000
LEARN_URL = "/learn/"
DEPARTMENT_URL = "/department/"

Kind = Notification.Kind


def reminder_sweep(*, at: datetime | None = None, batch_size: int = BULK_BATCH_SIZE) -> Counter:
    """Queue due-soon, overdue and module-opened messages; returns rows offered per kind."""
    at = at or clock.now()
    counts: Counter = Counter()
    rows = chain(
        _due_soon_rows(at, kind=Kind.DUE_SOON_7D, first_day=2, last_day=7),
        _due_soon_rows(at, kind=Kind.DUE_SOON_1D, first_day=0, last_day=1),
        _overdue_rows(at),
        _module_opened_rows(at),
        _expiring_rows(at),
    )
    notification_queue_bulk(_counted(rows, counts), batch_size=batch_size)
    return counts


def liaison_digest_sweep(*, now: datetime | None = None, batch_size: int = BULK_BATCH_SIZE) -> int:
    """Queue this ISO week's digest of overdue officers to each liaison still without one;
    returns rows offered. Runs every 15 minutes, so most runs stop after two indexed lookups."""
    now = now or clock.now()
    liaisons = {}
    for row in Membership.objects.filter(
        role=Membership.Role.LIAISON, status=Membership.Status.ACTIVE, user__is_active=True
    ).values("user_id", "department_id", "department__name", "department__timezone"):
        local = clock.local_datetime(now, row["department__timezone"])
        if local.weekday() == DIGEST_WEEKDAY and local.hour < DIGEST_HOUR:
            continue  # not yet due on the department's wall clock
        year, week, _ = local.date().isocalendar()
        key = f"{Kind.LIAISON_DIGEST}:{row['department_id']}:{row['user_id']}:{year}-W{week:02d}"
        liaisons[key] = row
    if not liaisons:
        return 0
    queued = Notification.objects.filter(dedupe_key__in=list(liaisons)).values_list(
        "dedupe_key", flat=True
    )
    for key in queued:
        del liaisons[key]
    if not liaisons:
        return 0
    overdue = _overdue_by_department(now, {row["department_id"] for row in liaisons.values()})
    rows = (
        Notification(
            kind=Kind.LIAISON_DIGEST,
            recipient_id=row["user_id"],
            dedupe_key=key,
            context=_digest_context(row["department__name"], overdue[row["department_id"]]),
        )
        for key, row in liaisons.items()
        if row["department_id"] in overdue
    )
    return notification_queue_bulk(rows, batch_size=batch_size)


def open_enrollments() -> QuerySet[Enrollment]:
    """Enrollments still to be done by an active officer on the department's active roster.

    A finished enrollment waiting for the liaison's review is the liaison's to act on, not the
    officer's: it gets no reminder."""
    on_roster = Membership.objects.filter(
        user_id=OuterRef("officer_id"),
        department_id=OuterRef("department_id"),
        role=Membership.Role.OFFICER,
        status=Membership.Status.ACTIVE,
    )
    in_review = CompletionReview.objects.filter(
        enrollment_id=OuterRef("pk"), status=CompletionReview.Status.PENDING
    )
    return (
        Enrollment.objects.filter(withdrawn_at__isnull=True, officer__is_active=True)
        .exclude(status=Enrollment.Status.COMPLETED)
        .filter(Exists(on_roster))
        .exclude(Exists(in_review))
        .order_by()
    )


def _due_rows(enrollments: QuerySet[Enrollment], *, kind: str, key) -> Iterator[Notification]:
    values = enrollments.values(
        "id", "officer_id", "due_on", "curriculum__title", "department__timezone"
    )
    for row in values.iterator(chunk_size=READ_CHUNK_SIZE):
        yield Notification(
            kind=kind,
            recipient_id=row["officer_id"],
            dedupe_key=key(row),
            context={
                "curriculum_title": row["curriculum__title"],
                "due_on": row["due_on"].isoformat(),
                "url": LEARN_URL,
            },
        )


def _on_local_date(at: datetime, condition) -> Q:
    """`condition(today)` with each enrollment's department's date at the instant `at`."""
    return clock.by_local_date(condition, zone_field="department__timezone", at=at)


def _due_soon_rows(at: datetime, *, kind: str, first_day: int, last_day: int):
    enrollments = open_enrollments().filter(
        _on_local_date(
            at,
            lambda today: Q(
                due_on__gte=today + timedelta(days=first_day),
                due_on__lte=today + timedelta(days=last_day),
            ),
        )
    )
    return _due_rows(enrollments, kind=kind, key=lambda r: f"{kind}:{r['id']}:{r['due_on']}")


def _overdue_rows(at: datetime) -> Iterator[Notification]:
    """Day 1-7 overdue is notice 1, day 8-14 notice 2, ... up to OVERDUE_NOTICE_LIMIT."""
    enrollments = open_enrollments().filter(
        _on_local_date(
            at,
            lambda today: Q(
                due_on__lt=today, due_on__gte=today - timedelta(weeks=OVERDUE_NOTICE_LIMIT)
            ),
        )
    )

    def key(row: dict) -> str:
        today = clock.today(row["department__timezone"], at=at)
        notice = ((today - row["due_on"]).days - 1) // 7 + 1
        return f"{Kind.OVERDUE}:{row['id']}:{row['due_on']}:{notice}"

    return _due_rows(enrollments, kind=Kind.OVERDUE, key=key)


def _module_opened_rows(at: datetime) -> Iterator[Notification]:
    opened = _opened_modules(at)
    if not any(opened.values()):
        return
    cohort_ids = {cohort_id for by_cohort in opened.values() for cohort_id in by_cohort}
    enrollments = (
        open_enrollments()
        .filter(cohort_id__in=cohort_ids)
        .values("officer_id", "cohort_id", "curriculum__title", "department__timezone")
    )
    for row in enrollments.iterator(chunk_size=READ_CHUNK_SIZE):
        # Opened on the enrollment's department's calendar, as the learner's page decides.
        today = clock.today(row["department__timezone"], at=at)
        for module in opened[today].get(row["cohort_id"], []):
            yield Notification(
                kind=Kind.MODULE_OPENED,
                recipient_id=row["officer_id"],
                dedupe_key=f"{Kind.MODULE_OPENED}:{row['cohort_id']}:{module['id']}:"
                f"{row['officer_id']}",
                context={
                    "curriculum_title": row["curriculum__title"],
                    "module_title": module["title"],
                    "url": LEARN_URL,
                },
            )


def expiring_certificates() -> QuerySet[Certificate]:
    """Valid certificates with an expiry, held by an active officer on the department's active
    roster, not yet renewed by a later completion of the same curriculum."""
    on_roster = Membership.objects.filter(
        user_id=OuterRef("enrollment__officer_id"),
        department_id=OuterRef("enrollment__department_id"),
        role=Membership.Role.OFFICER,
        status=Membership.Status.ACTIVE,
    )
    renewed = Certificate.objects.filter(
        enrollment__officer_id=OuterRef("enrollment__officer_id"),
        enrollment__curriculum_id=OuterRef("enrollment__curriculum_id"),
        completed_on__gt=OuterRef("completed_on"),
        revoked_at__isnull=True,
    )
    return (
        Certificate.objects.filter(
            revoked_at__isnull=True,
            expires_on__isnull=False,
            enrollment__officer__is_active=True,
        )
        .filter(Exists(on_roster))
        .exclude(Exists(renewed))
        .order_by()
    )


def _expiring_rows(at: datetime) -> Iterator[Notification]:
    """The officer and each active liaison of the department, 60 and 14 days before expiry."""

    def window(today: date) -> Q:
        return Q(
            expires_on__gte=today + timedelta(days=EXPIRY_WINDOWS[-1][1]),
            expires_on__lte=today + timedelta(days=EXPIRY_WINDOWS[0][2]),
        )

    rows = list(
        expiring_certificates()
        .filter(clock.by_local_date(window, zone_field="enrollment__department__timezone", at=at))
        .values(
            "id",
            "expires_on",
            "curriculum_title",
            "holder_name",
            "enrollment__officer_id",
            "enrollment__department_id",
            "enrollment__department__timezone",
        )
    )
    if not rows:
        return
    liaisons = _liaisons_of({row["enrollment__department_id"] for row in rows})
    for row in rows:
        today = clock.today(row["enrollment__department__timezone"], at=at)
        left = (row["expires_on"] - today).days
        label = next(name for name, first, last in EXPIRY_WINDOWS if first <= left <= last)
        context = {
            "curriculum_title": row["curriculum_title"],
            "holder_name": row["holder_name"],
            "expires_on": row["expires_on"].isoformat(),
        }
        key = f"{Kind.CERTIFICATE_EXPIRING}:{row['id']}:{label}"
        yield Notification(
            kind=Kind.CERTIFICATE_EXPIRING,
            recipient_id=row["enrollment__officer_id"],
            dedupe_key=f"{key}:officer",
            context={**context, "for_liaison": False, "url": RECORD_URL},
        )
        for liaison_id in liaisons.get(row["enrollment__department_id"], []):
            yield Notification(
                kind=Kind.CERTIFICATE_EXPIRING,
                recipient_id=liaison_id,
                dedupe_key=f"{key}:{liaison_id}",
                context={**context, "for_liaison": True, "url": DEPARTMENT_URL},
            )


def _liaisons_of(department_ids: set[int]) -> dict[int, list[int]]:
    found: dict[int, list[int]] = defaultdict(list)
    for department_id, user_id in Membership.objects.filter(
        department_id__in=department_ids,
        role=Membership.Role.LIAISON,
        status=Membership.Status.ACTIVE,
        user__is_active=True,
    ).values_list("department_id", "user_id"):
        found[department_id].append(user_id)
    return found


def _opened_modules(at: datetime) -> dict[date, dict[int, list[dict]]]:
    """For each date some department is on at `at`: cohort id -> modules whose release date
    fell within the window ending that date."""
    days = {*clock.zones_by_date(at=at), clock.today(None, at=at)}
    cohorts = list(
        Cohort.objects.filter(starts_on__lte=max(days))
        .select_related("curriculum")
        .only("id", "curriculum_id", "curriculum__current_version_id", "starts_on",
              "release_interval_days")
    )  # fmt: skip
    modules: dict[int, list[dict]] = defaultdict(list)
    # The modules of the version the cohort's curriculum teaches now.
    for module in Module.objects.filter(
        version_id__in={cohort.curriculum.current_version_id for cohort in cohorts}
    ).values("id", "version__curriculum_id", "order", "title"):
        modules[module["version__curriculum_id"]].append(module)
    return {day: _opened_on(day, cohorts, modules) for day in days}


def _opened_on(today: date, cohorts: list[Cohort], modules: dict[int, list[dict]]):
    window_start = today - timedelta(days=MODULE_OPENED_WINDOW_DAYS - 1)
    opened: dict[int, list[dict]] = {}
    for cohort in cohorts:
        released = [
            module
            for module in sorted(modules[cohort.curriculum_id], key=lambda m: m["order"])
            if window_start <= cohort.module_opens_on(module["order"]) <= today
        ]
        # Released all at once: one message for the course opening, not one per module.
        if cohort.release_interval_days == 0:
            released = released[:1]
        if released:
            opened[cohort.pk] = released
    return opened


def _overdue_by_department(at: datetime, department_ids: set[int]) -> dict[int, dict]:
    rows = (
        open_enrollments()
        .filter(_on_local_date(at, lambda today: Q(due_on__lt=today)))
        .filter(department_id__in=department_ids)
        .values(
            "department_id",
            "due_on",
            "curriculum__title",
            "officer__first_name",
            "officer__last_name",
            "officer__email",
        )
        .order_by("department_id", "due_on", "officer__last_name", "officer__email")
    )
    departments: dict[int, dict] = defaultdict(lambda: {"count": 0, "officers": []})
    for row in rows.iterator(chunk_size=READ_CHUNK_SIZE):
        department = departments[row["department_id"]]
        department["count"] += 1
        if len(department["officers"]) < DIGEST_LIST_LIMIT:
            name = f"{row['officer__first_name']} {row['officer__last_name']}".strip()
            department["officers"].append(
                {
                    "name": name or row["officer__email"],
                    "curriculum_title": row["curriculum__title"],
                    "due_on": row["due_on"].isoformat(),
                }
            )
    return dict(departments)


def _digest_context(department_name: str, overdue: dict) -> dict:
    return {
        "department": department_name,
        "overdue_count": overdue["count"],
        "officers": overdue["officers"],
        "more": overdue["count"] - len(overdue["officers"]),
        "url": DEPARTMENT_URL,
    }


def _counted(rows: Iterable[Notification], counts: Counter) -> Iterator[Notification]:
    for row in rows:
        counts[row.kind] += 1
        yield row
