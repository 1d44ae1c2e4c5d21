"""`make bench`: a fresh database, the reference dataset, every measurement, docs/benchmarks.md.

    python -m bench.run [--scale 1] [--iterations 30] [--load-seconds 60] [--output PATH]

Creates the PostgreSQL database (default `repair_bench`, dropped at the end even on failure),
migrates it, generates the dataset (`bench.generate`), then measures in one run: the dashboard
endpoints against their SQL and the floor (`bench.dashboard`), a closed-loop load on gunicorn
(`bench.load`) and the reminder sweep (`bench.sweep`). Exits 1 when a target is missed unless
`--no-fail`. Every target is printed, met or missed with its cause (bench.report.CAUSES).

At `--scale 10` (500 departments, 200,000 officers, 2,000,000 enrollments) the dataset is
streamed into COPY in chunks (bounded memory) and the report goes to
docs/benchmarks-scale-10.md, which the next scale-1 report carries as a section of its own.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from bench.database import (
    DEFAULT_SERVER,
    database_create,
    database_drop,
    portal_environment,
)

ROOT = Path(__file__).resolve().parent.parent


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Benchmark the portal at consortium scale.")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--curricula", type=int, default=12)
    parser.add_argument("--iterations", type=int, default=30, help="requests per endpoint")
    parser.add_argument(
        "--live-iterations", type=int, default=3, help="requests of the live partner snapshot"
    )
    parser.add_argument(
        "--reminders",
        type=int,
        default=None,
        help="default: 50,000 x scale, at most 50,000 (the end-to-end target's size)",
    )
    parser.add_argument(
        "--send-budget", type=float, default=900, help="seconds the worker may spend sending"
    )
    parser.add_argument("--warmup", type=int, default=3, help="untimed requests per endpoint")
    parser.add_argument("--load-warmup", type=float, default=5, help="untimed seconds of load")
    parser.add_argument(
        "--load-conn-max-age",
        type=int,
        nargs="+",
        default=[60],
        help="one load per value of DJANGO_CONN_MAX_AGE; the first (60: compose.yaml) is judged",
    )
    parser.add_argument(
        "--no-load-uncached",
        action="store_true",
        help="skip the comparison load with the department figures cache off",
    )
    parser.add_argument(
        "--redis",
        default=os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5"),
        help="Redis database for gunicorn's cache (emptied first); '' for none",
    )
    parser.add_argument("--load-users", type=int, default=20)
    parser.add_argument("--load-seconds", type=float, default=60)
    parser.add_argument("--deep-pages", type=int, default=8, help="roster pages to follow")
    parser.add_argument("--server", default=os.environ.get("BENCH_SERVER_URL", DEFAULT_SERVER))
    parser.add_argument("--database", default="repair_bench")
    parser.add_argument(
        "--output",
        type=Path,
        default=None,
        help="default: docs/benchmarks.md at scale 1, else docs/benchmarks-scale-<scale>.md",
    )
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--skip", nargs="*", default=[], choices=["load", "sweep"])
    parser.add_argument("--no-fail", action="store_true", help="exit 0 even if a target is missed")
    return parser


def _log(message: str) -> None:
    sys.stderr.write(f"[bench {time.strftime('%H:%M:%S')}] {message}\n")
    sys.stderr.flush()


def _prepare(args, url: str) -> tuple[dict, float]:
    import django
    from django.core.management import call_command

    django.setup()
    _log("migrating")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    from bench.generate import generate

    _log(f"generating the dataset at scale {args.scale}")
    started = time.perf_counter()
    counts = generate(scale=args.scale, curricula=args.curricula)
    # Peak resident memory of this process so far: the generation's (the rows are streamed
    # into COPY chunk by chunk, so it does not grow with the scale).
    counts["bench process peak RSS after generating"] = (
        f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"
    )
    return counts, time.perf_counter() - started


def _load(args, actors, env: dict) -> list:
    """One load per --load-conn-max-age value, each on a gunicorn of its own."""
    from accounts.models import Membership
    from bench.actors import api_keys_create

    reviewers = actors.partner_reviewer_ids[: max(1, args.load_users // 5)]
    liaisons = actors.liaison_ids[: args.load_users - len(reviewers)]
    keys = api_keys_create(user_ids=[*liaisons, *reviewers])
    department_of = dict(
        Membership.objects.filter(user_id__in=liaisons, role=Membership.Role.LIAISON).values_list(
            "user_id", "department_id"
        )
    )
    liaison_keys = {uid: (department_of[uid], keys[uid]) for uid in liaisons}
    reviewer_keys = [keys[uid] for uid in reviewers]
    # The pages with a signed-in session per user (bench.pages), beside the API with its token.
    sessions = {keys[uid]: _session_create(uid) for uid in [*liaisons, *reviewers]}
    from curriculum.views.department import PAGE_SIZE

    officers = Membership.objects.filter(department_id=actors.department_id).count()
    deep_html_page = max(1, min(args.deep_pages, -(-officers // PAGE_SIZE)))
    # As deployed: Redis as the cache every gunicorn worker shares, so the department figures
    # cache is on; then, for comparison, the same load computing every figure.
    cached = bool(env.get("REDIS_URL"))
    runs = [(age, cached) for age in args.load_conn_max_age]
    if cached and not args.no_load_uncached:
        runs.append((args.load_conn_max_age[0], False))
    results = []
    for age, figures_cache in runs:
        load_env = {**env, "DJANGO_CONN_MAX_AGE": str(age)}
        if not figures_cache:
            load_env["REPAIR_FIGURES_CACHE_SECONDS"] = "0"
        _redis_flush(env.get("REDIS_URL", ""))
        result = _load_once(args, load_env, liaison_keys, reviewer_keys, sessions, deep_html_page)
        results.append(replace(result, figures_cache=figures_cache))
    return results


def _redis_flush(url: str) -> bool:
    """Empty the bench's Redis database; False when there is none or it does not answer."""
    if not url:
        return False
    import redis

    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        _log(f"Redis at {url} does not answer ({error}): the load runs without it")
        return False
    return True


def _session_create(user_id: int) -> str:
    """A signed-in session of the user, as the sign-in (and MFA) would leave it."""
    from django.test import Client

    from accounts.models import User

    client = Client()
    client.force_login(User.objects.get(pk=user_id))
    return client.cookies["sessionid"].value


def _load_once(
    args, env: dict, liaison_keys: dict, reviewer_keys: list, sessions: dict, deep_html_page: int
):
    from bench.load import Gunicorn, load_run, user_paths
    from bench.sweep import free_port

    port = free_port()
    log_path = Path(tempfile.gettempdir()) / f"bench-gunicorn-{os.getpid()}.log"
    with Gunicorn(port=port, env=env, log_path=log_path):
        users = user_paths(
            port=port,
            liaison_keys=liaison_keys,
            reviewer_keys=reviewer_keys,
            deep_pages=args.deep_pages,
            sessions=sessions,
            deep_html_page=deep_html_page,
        )
        # Liaisons loop over eight paths, reviewers over five: more than 20 users reuse tokens.
        users = [users[i % len(users)] for i in range(args.load_users)]
        age = env["DJANGO_CONN_MAX_AGE"]
        _log(f"load: {len(users)} users for {args.load_seconds:.0f} s, CONN_MAX_AGE={age}")
        result = load_run(
            port=port, users=users, seconds=args.load_seconds, warmup=args.load_warmup
        )
    return replace(result, conn_max_age=int(age))


def _measure(args, url: str, env: dict, counts: dict, generation_seconds: float) -> bool:
    from django.db import connections

    from bench.actors import actors_create
    from bench.dashboard import (
        dashboard_endpoints,
        dashboard_measure,
        deep_roster_path,
        partner_dashboard_warm,
        partner_first_request,
        partner_live_endpoints,
        partner_report_prepare,
    )
    from bench.report import machine_describe, report_write
    from bench.sweep import free_port, sweep_measure
    from worker.outbox import BULK_BATCH_SIZE

    actors = actors_create()
    _log(f"partner aggregates before the month's report exists, {args.live_iterations} rounds")
    live = dashboard_measure(
        endpoints=partner_live_endpoints(actors=actors),
        iterations=args.live_iterations,
        warmup=1,
        database_url=url,
    )
    process_first_page_ms = partner_dashboard_warm(actors=actors)
    rollup_seconds = partner_report_prepare()
    partner_first = (*partner_first_request(actors=actors), process_first_page_ms)
    _log(
        f"partner report built in {rollup_seconds:.1f} s; the partner's first requests "
        f"{partner_first[0]:.0f} / {partner_first[1]:.0f} ms; dashboard, {args.iterations} rounds"
    )
    deep_path, depth = deep_roster_path(
        user_id=actors.liaison_id, department_id=actors.department_id, pages=args.deep_pages
    )
    results = dashboard_measure(
        endpoints=dashboard_endpoints(actors=actors, deep_path=deep_path, depth=depth),
        iterations=args.iterations,
        warmup=args.warmup,
        database_url=url,
    )
    from bench.pages import page_endpoints

    _log(f"pages, {args.iterations} rounds")
    pages = dashboard_measure(
        endpoints=page_endpoints(actors=actors, deep_page=args.deep_pages),
        iterations=args.iterations,
        warmup=args.warmup,
        database_url=url,
    )
    from bench.floor import floor_measure

    _log(f"the floor: bare view, middleware, DRF, /api/v1/me/, {args.iterations * 5} rounds")
    floor = floor_measure(user_id=actors.liaison_id, iterations=args.iterations * 5)
    loads = [] if "load" in args.skip else _load(args, actors, env)
    sweep = None
    if "sweep" not in args.skip:
        due = args.reminders if args.reminders is not None else round(50_000 * min(args.scale, 1))
        _log(f"reminder sweep: {due} due")
        sweep = sweep_measure(
            due=due, env=env, email_port=free_port(), time_budget=args.send_budget
        )
    dataset = {**counts, "generated in": f"{generation_seconds:.0f} s"}
    options = {
        "scale": args.scale,
        "iterations": args.iterations,
        "load users": args.load_users,
        "load seconds": args.load_seconds,
    }
    verdicts = report_write(
        path=args.output,
        machine=machine_describe(load_at_start=args.load_at_start),
        options=options,
        dataset=dataset,
        results=results,
        floor=floor,
        pages=pages,
        live=live,
        rollup_seconds=rollup_seconds,
        partner_first=partner_first,
        sweep=sweep,
        loads=loads,
        batch_size=BULK_BATCH_SIZE,
    )
    connections.close_all()
    from bench.report import verdict_line

    sys.stdout.write("\nTargets:\n" + "".join(f"- {verdict_line(v)}\n" for v in verdicts))
    sys.stdout.flush()
    missed = [name for name, ok, *_ in verdicts if not ok]
    _log(f"wrote {args.output}; targets missed: {len(missed)} of {len(verdicts)}")
    return not missed


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.output is None:
        name = "benchmarks.md" if args.scale == 1 else f"benchmarks-scale-{args.scale:g}.md"
        args.output = ROOT / "docs" / name
    args.load_at_start = os.getloadavg()  # the machine's other work, reported with the figures
    url = database_create(server_url=args.server, name=args.database)
    media = tempfile.mkdtemp(prefix="repair-bench-media-")
    env = portal_environment(database=url)
    env["REPAIR_MEDIA_ROOT"] = media
    # The pages need the static files' manifest (DEBUG off): collected into a directory of
    # the run's own.
    static = tempfile.mkdtemp(prefix="repair-bench-static-")
    env["DJANGO_STATIC_ROOT"] = static
    os.environ.update(env)
    env = {**os.environ}
    # gunicorn (the load) runs as deployed, with Redis; in-process requests (the endpoint and
    # SQL table) keep the local-memory cache and compute every figure, which is what they time.
    if _redis_flush(args.redis):
        env["REDIS_URL"] = args.redis
    os.environ["REPAIR_FIGURES_CACHE_SECONDS"] = "0"
    try:
        counts, seconds = _prepare(args, url)
        _log(f"dataset: {counts} in {seconds:.0f} s")
        met = _measure(args, url, env, counts, seconds)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep:
            database_drop(server_url=args.server, name=args.database)
        shutil.rmtree(media, ignore_errors=True)
        shutil.rmtree(static, ignore_errors=True)
    return 0 if met or args.no_fail else 1


if __name__ == "__main__":
    sys.exit(main())
