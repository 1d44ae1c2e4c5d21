"""Build the benchmark's reference dataset in PostgreSQL with COPY.

At --scale 1: 50 departments, 20,000 officers, 12 curricula, 200,000 enrollments with their
module progress, pre/post-test attempts, module ratings, certificates of the completed ones and
notifications. The target database must be migrated and empty of these rows (`make bench`, that
is `python -m bench.run`, creates a fresh one).

Speed: rows go in with COPY; as a superuser the load runs with `session_replication_role =
replica` so PostgreSQL does not queue one deferred foreign-key check per row until the commit
(at scale 1 those checks alone took longer than the COPY). The rows are made here, consistent by
construction; the constraints stay in place for everything after the load.

    DATABASE_URL=postgres://... python -m bench.generate --scale 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from collections.abc import Iterable, Iterator

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repair.settings")
STATES = ["GA", "FL", "AL", "TN", "SC", "NC", "TX", "CA", "NY", "IL", "OH", "MI", "WA", "AZ"]
NOW = dt.datetime(2026, 11, 1, 12, 0, tzinfo=dt.UTC)
ZONE = "America/New_York"  # every generated department's (the sweep's windows follow it)
ENROLLMENTS_PER_OFFICER = 10


def _copy(cursor, table: str, columns: list[str], rows: Iterable[tuple]) -> int:
    count = 0
    with cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)
            count += 1
    return count


def _reset_sequences(cursor, tables: list[str]) -> None:
    for table in tables:
        cursor.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
            f"COALESCE((SELECT MAX(id) FROM {table}), 1))"
        )


def _curricula(count: int) -> list:
    """`count` published curricula from the demo course packages, bulk-inserted table by table
    (`curriculum.content.version_content_create`), each with a sealed version 1."""
    from curriculum.content import (
        content_hash,
        content_minutes,
        minutes_to_hours,
        version_content_create,
    )
    from curriculum.models import Curriculum, CurriculumVersion
    from curriculum.packages import DEMO_PACKAGES, package_parse, package_read

    packages = [package_parse(package_read(f)) for f in sorted(DEMO_PACKAGES.iterdir())]
    english = [c for c in packages if c["language"] == "en"]
    sources = [english[n % len(english)] for n in range(count)]
    curricula = []
    for n, data in enumerate(sources):
        content = {**data, "slug": f"bench-{n:02d}-{data['slug']}",
                   "title": f"{data['title']} ({n + 1})"}  # fmt: skip
        hours = minutes_to_hours(content_minutes(content))
        curriculum = Curriculum.objects.create(
            slug=content["slug"], title=content["title"], summary=content["summary"],
            thematic_area=content["thematic_area"], language=content["language"],
            credit_hours=hours, translation_group=content["slug"], is_paced=content["paced"],
            created_at=NOW,
        )  # fmt: skip
        version = CurriculumVersion.objects.create(
            curriculum=curriculum, number=1, title=content["title"], summary=content["summary"],
            thematic_area=content["thematic_area"], credit_hours=hours, created_at=NOW,
        )  # fmt: skip
        version_content_create(version=version, content=content)
        content["translation_group"] = curriculum.translation_group
        CurriculumVersion.objects.filter(pk=version.pk).update(
            content_hash=content_hash(content), published_at=NOW
        )
        Curriculum.objects.filter(pk=curriculum.pk).update(
            current_version=version, status=Curriculum.Status.PUBLISHED
        )
        curriculum.current_version = version
        curricula.append(curriculum)
    return curricula


def _departments(cursor, count: int) -> list[tuple[int, str]]:
    rows = [(i, f"Bench Department {i:03d}", STATES[i % len(STATES)], "", ZONE, NOW)
            for i in range(1, count + 1)]  # fmt: skip
    _copy(
        cursor,
        "accounts_department",
        ["id", "name", "state", "ori_code", "timezone", "created_at"],
        rows,
    )
    return [(r[0], r[2]) for r in rows]


def _officer_department(n: int, departments: list[tuple[int, str]]) -> int:
    """The department of the n-th officer (user id 1000 + n): round robin, nothing stored."""
    return departments[n % len(departments)][0]


def _users(cursor, officers: int, departments: list[tuple[int, str]]) -> None:
    """Officers (ids 1000+) and one liaison per department, streamed into COPY."""
    user_cols = ["id", "password", "is_superuser", "first_name", "last_name", "is_staff",
                 "is_active", "date_joined", "email", "language", "is_facilitator"]  # fmt: skip
    rng = random.Random(1)

    def users() -> Iterator[tuple]:
        for n in range(officers):
            yield (1000 + n, "!", False, f"First{n}", f"Last{rng.randint(0, 5000)}", False, True,
                   NOW, f"officer{n}@bench.test", "en", False)  # fmt: skip
        for dept_id, _ in departments:
            yield (dept_id, "!", False, "Liaison", f"Dept{dept_id}", False, True, NOW,
                   f"liaison{dept_id}@bench.test", "en", False)  # fmt: skip

    _copy(cursor, "accounts_user", user_cols, users())
    member_cols = [
        "user_id",
        "department_id",
        "role",
        "badge_number",
        "rank",
        "status",
        "started_on",
    ]

    def members() -> Iterator[tuple]:
        for n in range(officers):
            uid = 1000 + n
            yield (uid, _officer_department(n, departments), "officer", f"B{uid}", "Officer",
                   "active", NOW.date())  # fmt: skip
        for dep, _ in departments:
            yield (dep, dep, "liaison", "", "Sergeant", "active", NOW.date())

    _copy(cursor, "accounts_membership", member_cols, members())


def _enrollment_rows(
    officers: range,
    departments: list[tuple[int, str]],
    curricula: list,
    per_officer: int,
    rng: random.Random,
) -> Iterator[tuple]:
    """The enrollments of officers `officers` (indexes), ids continuing from the officers
    before them (every officer has `per_officer`)."""
    eid = officers.start * per_officer
    for n in officers:
        uid, dep = 1000 + n, _officer_department(n, departments)
        for curriculum in rng.sample(curricula, per_officer):
            eid += 1
            roll = rng.random()
            assigned = NOW - dt.timedelta(days=rng.randint(30, 400))
            due = (assigned + dt.timedelta(days=rng.randint(20, 120))).date()
            status, progress, started, completed = "not_started", 0, None, None
            if roll < 0.45:
                status, progress = "completed", 100
                started = assigned + dt.timedelta(days=1)
                completed = assigned + dt.timedelta(days=rng.randint(2, 90))
            elif roll < 0.75:
                status, progress = "in_progress", rng.choice([17, 33, 50, 67, 83])
                started = assigned + dt.timedelta(days=2)
            yield (eid, uid, curriculum.pk, curriculum.current_version_id, dep, assigned, due,
                   status, progress, started, completed, False, str(assigned.year))  # fmt: skip


ENROLLMENT_COLUMNS = ["id", "officer_id", "curriculum_id", "version_id", "department_id", "assigned_at",
                      "due_on", "status", "progress", "started_at", "completed_at", "flagged_fast",
                      "cycle"]  # fmt: skip


def _curricula_facts(curricula: list) -> dict:
    """What the history rows need of each curriculum, read once."""
    return {
        "modules": {
            c.pk: list(c.current_version.modules.order_by("order").values_list("id", flat=True))
            for c in curricula
        },
        "tests": {
            c.pk: dict(
                c.current_version.assessments.filter(module__isnull=True).values_list("kind", "id")
            )
            for c in curricula
        },
        "credits": {c.pk: (c.title, c.credit_hours) for c in curricula},
    }


def _history(enrollments: list[tuple], facts: dict, rng: random.Random) -> dict:
    modules, tests, credits = facts["modules"], facts["tests"], facts["credits"]
    progress, attempts, feedback, certificates = [], [], [], []
    for (
        eid,
        uid,
        cid,
        _ver,
        _dep,
        _assigned,
        _due,
        status,
        pct,
        started,
        completed,
        _f,
        _cycle,
    ) in enrollments:
        if status == "not_started":
            continue
        done_modules = (
            len(modules[cid]) if status == "completed" else len(modules[cid]) * pct // 100
        )
        for module_id in modules[cid][: max(done_modules, 1)]:
            progress.append((eid, module_id, started, completed or started))
        pre = rng.randint(30, 75)
        attempts.append((eid, tests[cid]["pre_test"], 1, started, started, pre, False))
        if status == "completed":
            post = min(100, pre + rng.randint(0, 40))
            attempts.append(
                (eid, tests[cid]["post_test"], 1, completed, completed, post, post >= 70)
            )
            feedback.append((eid, modules[cid][0], rng.randint(2, 5), "", completed))
            title, hours = credits[cid]
            certificates.append(
                (eid, _certificate_code(rng), completed.date(), f"Officer {uid}", title, hours,
                 completed.date(), "")
            )  # fmt: skip
    return {
        "curriculum_moduleprogress": (["enrollment_id", "module_id", "started_at", "completed_at"], progress),
        "curriculum_attempt": (
            ["enrollment_id", "assessment_id", "number", "started_at", "submitted_at", "score",
             "passed", "choice_order", "answers"],
            [(*a, "{}", "{}") for a in attempts],
        ),
        "curriculum_feedback": (["enrollment_id", "module_id", "rating", "comment", "created_at"], feedback),
        "curriculum_certificate": (
            ["enrollment_id", "code", "issued_on", "holder_name", "curriculum_title",
             "credit_hours", "completed_on", "revoked_reason"],
            certificates,
        ),
    }  # fmt: skip


CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"


def _certificate_code(rng: random.Random) -> str:
    """The shape of `certificate_code_new` (16 base32 characters in groups of four), seeded."""
    raw = "".join(rng.choices(CODE_ALPHABET, k=16))
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def _notifications(cursor, enrollments: list[tuple], last_id: int) -> int:
    """A sent reminder for each enrollment up to id `last_id`."""
    cols = ["kind", "recipient_id", "to_email", "dedupe_key", "context", "status", "attempts",
            "last_error", "created_at", "next_attempt_at", "sent_at"]  # fmt: skip
    rows = (
        ("due_soon_7d", e[1], "", f"due_soon:7d:{e[0]}:{e[6]}", "{}", "sent", 1, "", NOW, NOW, NOW)
        for e in enrollments
        if e[0] <= last_id
    )
    return _copy(cursor, "worker_notification", cols, rows)


def _skip_row_triggers(cursor) -> None:
    """For this transaction only, and only where allowed (superuser): see the module docstring."""
    cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    if cursor.fetchone()[0]:
        cursor.execute("SET LOCAL session_replication_role = replica")


def _partner(departments: list[tuple[int, str]]) -> None:
    from partners.models import DataSharingAgreement, PartnerOrganization

    partner, _ = PartnerOrganization.objects.get_or_create(
        slug="bench", defaults={"name": "Bench Partner"}
    )
    DataSharingAgreement.objects.bulk_create(
        [
            DataSharingAgreement(partner=partner, department_id=d, starts_on=dt.date(2024, 1, 1))
            for d, _ in departments
        ]
    )


OFFICERS_PER_CHUNK = 2_000  # 20,000 enrollments and their history in memory at a time


def _enrollments_and_history(
    cursor, *, officers: int, departments: list, curricula: list, per_officer: int, seed: int
) -> dict[str, int]:
    """Enrollments, their history and half of them reminded, chunk by chunk of officers: each
    chunk's rows are made, COPY'd and dropped, so memory does not grow with the scale."""
    enrollment_rng, history_rng = random.Random(seed), random.Random(seed + 1)
    facts = _curricula_facts(curricula)
    reminded = officers * per_officer // 2
    counts: dict[str, int] = {}

    def add(table: str, count: int) -> None:
        counts[table] = counts.get(table, 0) + count

    for start in range(0, officers, OFFICERS_PER_CHUNK):
        chunk = range(start, min(start + OFFICERS_PER_CHUNK, officers))
        enrollments = list(
            _enrollment_rows(chunk, departments, curricula, per_officer, enrollment_rng)
        )
        add("enrollments", _copy(cursor, "curriculum_enrollment", ENROLLMENT_COLUMNS, enrollments))
        for table, (columns, rows) in _history(enrollments, facts, history_rng).items():
            add(table, _copy(cursor, table, columns, rows))
        add("notifications", _notifications(cursor, enrollments, reminded))
    return counts


def generate(*, scale: float, seed: int = 2026, curricula: int = 12) -> dict[str, int]:
    from django.db import connection, transaction

    n_departments = max(2, round(50 * scale))
    n_officers = max(20, round(20_000 * scale))
    with transaction.atomic():
        made = _curricula(curricula)
        with connection.cursor() as wrapper:
            cursor = wrapper.cursor
            _skip_row_triggers(cursor)
            departments = _departments(cursor, n_departments)
            _users(cursor, n_officers, departments)
            counts = _enrollments_and_history(
                cursor,
                officers=n_officers,
                departments=departments,
                curricula=made,
                per_officer=min(ENROLLMENTS_PER_OFFICER, len(made)),
                seed=seed,
            )
            _reset_sequences(
                cursor, ["accounts_department", "accounts_user", "curriculum_enrollment"]
            )
        _partner(departments)
    # As autovacuum leaves a table that has settled: statistics and the visibility map (so
    # index-only scans need not visit the heap). VACUUM cannot run inside the transaction.
    with connection.cursor() as cursor:
        cursor.execute("VACUUM (ANALYZE)")
    counts.update(departments=n_departments, officers=n_officers, curricula=len(made))
    return counts


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--curricula", type=int, default=12)
    args = parser.parse_args(argv)
    django.setup()
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench.generate needs PostgreSQL: set DATABASE_URL")
    started = time.perf_counter()
    counts = generate(scale=args.scale, curricula=args.curricula)
    elapsed = time.perf_counter() - started
    print(" ".join(f"{k}={v}" for k, v in counts.items()), f"seconds={elapsed:.1f}")  # noqa: T201


if __name__ == "__main__":
    main()
