"""The reminder worker, run as its own process by the bench: what `manage.py sweep_reminders`
does (reminder_sweep, liaison_digest_sweep, then notification_drain), each phase timed, its
statements counted, and the process's own peak resident memory read after each phase.

Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

import django


def _peak_mb() -> float:
    """This process's own peak resident memory since it started, in MB.

    VmHWM, not ru_maxrss: at exec Linux folds the high-water mark of the address space being
    replaced into ru_maxrss, and subprocess execs this worker from the bench process's own
    address space (vfork). So ru_maxrss reported the bench's peak, reached generating the
    dataset (271 MB at scale 1), whatever the worker used.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024  # kilobytes
    except OSError:
        pass
    # Without /proc (not Linux) ru_maxrss is all there is; it may include the parent's peak.
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # Linux: kilobytes


class StatementCounter:
    """Counts statements through Django's execute wrapper (no capture: no memory of its own)."""

    def __init__(self) -> None:
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repair.settings")
    django.setup()
    from django.db import connection

    from worker.reminders import liaison_digest_sweep, reminder_sweep
    from worker.sending import notification_drain

    report: dict = {"baseline_mb": _peak_mb()}
    plan = StatementCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(plan):
        planned = dict(reminder_sweep())
        planned["liaison_digest"] = liaison_digest_sweep()
    report.update(
        plan_seconds=time.perf_counter() - started,
        plan_queries=plan.count,
        planned=planned,
        plan_peak_mb=_peak_mb(),
    )
    send = StatementCounter()
    started = time.perf_counter()
    with connection.execute_wrapper(send):
        result = notification_drain(time_budget=float(sys.argv[1]) if len(sys.argv) > 1 else 3600)
    report.update(
        send_seconds=time.perf_counter() - started,
        send_queries=send.count,
        sent=result.sent,
        retried=result.retried,
        failed=result.failed,
        finished=result.finished,
        peak_mb=_peak_mb(),
    )
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
