"""How much a partner learns under R-11: the utility of a year of monthly partner reports.

Builds one of two worlds, then the partner's report of each of twelve months, oldest first (as
the beat does), and prints the share of department rows, of officers and of figures the
reports show:

- `realistic`: the bench generator's department sizes (`bench.generate`: 400 officers each,
  ten enrollments per officer over 12 curricula, assigned over the year, 45% completed), 14
  departments in 7 states;
- `small`: 80 departments whose rosters follow small US agencies (two in five under 11
  officers, most under 30), in 8 states, 4 curricula.

It runs against whatever code is checked out (the reports of the current `partners` app), on
the database DATABASE_URL names (an empty, migrated one; SQLite is fine):

    DATABASE_URL=sqlite:////tmp/utility.sqlite3 python manage.py migrate
    DATABASE_URL=sqlite:////tmp/utility.sqlite3 python -m bench.partner_utility --world small

Measures (over the twelve reports): department rows *exact* (every figure published exactly)
and *shown* (every figure published exactly or as a range, none only "withheld"); officers shown
(officers reached printed exactly in department rows, over all officers reached); figures exact
and shown, over the officers, enrollment and completion figures of the department, state,
curriculum, month and module tables.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import random
import sys
import time

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repair.settings")

STATES = ["GA", "FL", "AL", "TN", "SC", "NC", "TX", "CA"]
FIRST_MONTH = dt.date(2025, 11, 1)
MONTHS = 12
COUNT_TABLES = ("department", "state", "curriculum", "month", "module")


def _rosters(world: str, rng: random.Random) -> list[tuple[str, int]]:
    if world == "realistic":
        return [(STATES[i % 7], 400) for i in range(14)]
    sizes = []
    for _ in range(80):
        roll = rng.random()
        if roll < 0.4:
            sizes.append(rng.randint(2, 10))
        elif roll < 0.8:
            sizes.append(rng.randint(11, 29))
        else:
            sizes.append(rng.randint(30, 80))
    return [(STATES[i % 8], size) for i, size in enumerate(sizes)]


def _curricula(count: int):
    from curriculum.models import Assessment, Curriculum, CurriculumVersion, Module

    made = []
    for n in range(count):
        curriculum = Curriculum.objects.create(
            slug=f"utility-{n}",
            title=f"Curriculum {n + 1}",
            thematic_area="Civil rights",
            language="en",
            credit_hours=2,
        )
        # Published means a current version (curriculum versions): modules and tests are its.
        version = CurriculumVersion.objects.create(
            curriculum=curriculum,
            number=1,
            title=curriculum.title,
            thematic_area=curriculum.thematic_area,
            credit_hours=2,
            content_hash=f"{n:064x}",  # sealed: a published version has one
            published_at=dt.datetime(2025, 1, 1, tzinfo=dt.UTC),
        )
        Curriculum.objects.filter(pk=curriculum.pk).update(
            current_version=version, status=Curriculum.Status.PUBLISHED
        )
        curriculum.current_version = version
        modules = Module.objects.bulk_create(
            Module(version=version, order=order, title=f"Module {order}") for order in range(1, 5)
        )
        tests = {
            kind: Assessment.objects.create(version=version, kind=kind, title=kind)
            for kind in (Assessment.Kind.PRE_TEST, Assessment.Kind.POST_TEST)
        }
        made.append((curriculum, modules, tests))
    return made


def _assigned(rng: random.Random) -> dt.datetime:
    day = FIRST_MONTH + dt.timedelta(days=rng.randint(0, 360))
    return dt.datetime.combine(day, dt.time(15), tzinfo=dt.UTC)


def generate(world: str, seed: int = 2026) -> None:
    from accounts.models import Department, Membership, User
    from curriculum.models import Attempt, Enrollment, Feedback, ModuleProgress
    from partners.models import DataSharingAgreement, PartnerOrganization

    rng = random.Random(seed)
    curricula = _curricula(12 if world == "realistic" else 4)
    partner = PartnerOrganization.objects.create(name="Utility partner", slug="utility")
    per_officer = 10 if world == "realistic" else None
    for index, (state, roster) in enumerate(_rosters(world, rng)):
        department = Department.objects.create(name=f"Department {index:03d}", state=state)
        DataSharingAgreement.objects.create(
            partner=partner, department=department, starts_on=dt.date(2025, 1, 1)
        )
        users = User.objects.bulk_create(
            User(email=f"u{index}-{n}@utility.test", password="!") for n in range(roster)
        )
        Membership.objects.bulk_create(
            Membership(user=user, department=department, started_on=dt.date(2025, 1, 1))
            for user in users
        )
        enrollments, outcomes = [], []
        for user in users:
            count = per_officer or rng.randint(1, len(curricula))
            for curriculum, modules, tests in rng.sample(curricula, count):
                assigned = _assigned(rng)
                roll = rng.random()
                completed = (
                    assigned + dt.timedelta(days=rng.randint(2, 90)) if roll < 0.45 else None
                )
                started = roll < 0.75
                enrollments.append(
                    Enrollment(
                        officer=user,
                        curriculum=curriculum,
                        version_id=curriculum.current_version_id,
                        department=department,
                        assigned_at=assigned,
                        status=Enrollment.Status.COMPLETED
                        if completed
                        else (
                            Enrollment.Status.IN_PROGRESS
                            if started
                            else Enrollment.Status.NOT_STARTED
                        ),
                        progress=100 if completed else (40 if started else 0),
                        completed_at=completed,
                    )
                )
                outcomes.append((modules, tests, started, completed))
        Enrollment.objects.bulk_create(enrollments, batch_size=2000)
        progress, attempts, ratings = [], [], []
        for enrollment, (modules, tests, started, completed) in zip(
            enrollments, outcomes, strict=True
        ):
            if not started:
                continue
            begun = enrollment.assigned_at + dt.timedelta(days=1)
            for module in modules if completed else modules[:1]:
                progress.append(
                    ModuleProgress(
                        enrollment=enrollment,
                        module=module,
                        started_at=begun,
                        completed_at=completed,
                    )
                )
            pre = rng.randint(30, 75)
            attempts.append(
                Attempt(enrollment=enrollment, assessment=tests["pre_test"], number=1,
                        submitted_at=begun, score=pre)
            )  # fmt: skip
            if completed:
                attempts.append(
                    Attempt(enrollment=enrollment, assessment=tests["post_test"], number=1,
                            submitted_at=completed, score=min(100, pre + rng.randint(0, 40)))
                )  # fmt: skip
                ratings.append(
                    Feedback(enrollment=enrollment, module=modules[0], rating=rng.randint(2, 5),
                             created_at=completed)
                )  # fmt: skip
        ModuleProgress.objects.bulk_create(progress, batch_size=2000)
        Attempt.objects.bulk_create(attempts, batch_size=2000)
        Feedback.objects.bulk_create(ratings, batch_size=2000)


def _months() -> list[tuple[dt.date, dt.date]]:
    months, start = [], FIRST_MONTH
    for _ in range(MONTHS):
        following = (start + dt.timedelta(days=32)).replace(day=1)
        months.append((start, following - dt.timedelta(days=1)))
        start = following
    return months


def _rows_of(report) -> list[dict]:
    """Every count-table row of a report: table, key, officers, and which figures are exact."""
    if hasattr(report, "rows"):  # the ledger (issue 23 on)
        found = []
        for row in report.rows.all():
            table = "total" if row.table == "total" else row.table
            if table not in (*COUNT_TABLES, "total"):
                continue
            exact = [
                name for name in ("officers", "enrolled", "completed") if name not in row.withheld
            ]
            ranged = [name for name in ("officers", "enrolled", "completed") if name in row.ranges]
            found.append(
                {
                    "table": table,
                    "key": row.key,
                    "exact": exact,
                    "ranged": ranged,
                    "officers": row.officers,
                }
            )
        return found
    from partners.selectors import report_csv_rows  # before: the files were the ledger

    found = []
    for row in report_csv_rows(report=report):
        table = "total" if row["key"] == "total" and row["table"] == "department" else row["table"]
        if row["key"] == "total" and table != "total":
            continue
        exact = [] if row["suppressed"] == "true" else ["officers", "enrolled", "completed"]
        officers = int(row["officers"]) if row["officers"] else None
        found.append(
            {"table": table, "key": row["key"], "exact": exact, "ranged": [], "officers": officers}
        )
    return found


def _true_officers(period_end: dt.date) -> int:
    from django.db.models import Count, Q

    from curriculum.models import Enrollment

    cutoff = dt.datetime.combine(period_end + dt.timedelta(days=1), dt.time(), tzinfo=dt.UTC)
    reached = (
        Enrollment.objects.filter(assigned_at__lt=cutoff)
        .filter(Q(withdrawn_at__isnull=True) | Q(withdrawn_at__gte=cutoff))
        .values("department_id")
        .annotate(n=Count("officer", distinct=True))
    )
    return sum(row["n"] for row in reached)


def measure() -> list[dict]:
    from partners.models import PartnerOrganization
    from partners.services import partner_report_build

    partner = PartnerOrganization.objects.get(slug="utility")
    results = []
    for start, end in _months():
        began = time.perf_counter()
        report = partner_report_build(partner=partner, period_start=start, period_end=end)
        seconds = time.perf_counter() - began
        rows = _rows_of(report)
        departments = [row for row in rows if row["table"] == "department"]
        figures = [row for row in rows if row["table"] in COUNT_TABLES]
        results.append(
            {
                "month": f"{end:%Y-%m}",
                "department_rows": len(departments),
                "department_rows_exact": sum(len(row["exact"]) == 3 for row in departments),
                "department_rows_shown": sum(
                    len(row["exact"]) + len(row["ranged"]) == 3 for row in departments
                ),
                "officers_shown": sum(row["officers"] or 0 for row in departments),
                "officers": _true_officers(end),
                "figures": 3 * len(figures),
                "figures_exact": sum(len(row["exact"]) for row in figures),
                "figures_shown": sum(len(row["exact"]) + len(row["ranged"]) for row in figures),
                "seconds": round(seconds, 1),
            }
        )
        print(json.dumps(results[-1]), flush=True)  # noqa: T201
    return results


def summary(results: list[dict]) -> dict:
    def share(part: str, whole: str) -> float:
        return round(sum(r[part] for r in results) / max(1, sum(r[whole] for r in results)), 3)

    return {
        "department_rows_exact": share("department_rows_exact", "department_rows"),
        "department_rows_shown": share("department_rows_shown", "department_rows"),
        "officers_shown": share("officers_shown", "officers"),
        "figures_exact": share("figures_exact", "figures"),
        "figures_shown": share("figures_shown", "figures"),
        "last_month_department_rows_exact": round(
            results[-1]["department_rows_exact"] / max(1, results[-1]["department_rows"]), 3
        ),
        "seconds_per_report": round(sum(r["seconds"] for r in results) / len(results), 1),
    }


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--world", choices=("realistic", "small"), required=True)
    args = parser.parse_args(argv)
    django.setup()
    import time_machine

    # The twelve months have closed (the reports refuse a month still running).
    with time_machine.travel(dt.datetime(2026, 11, 20, 12, tzinfo=dt.UTC), tick=True):
        generate(args.world)
        results = measure()
    print(json.dumps({"world": args.world, **summary(results)}))  # noqa: T201


if __name__ == "__main__":
    sys.exit(main())
