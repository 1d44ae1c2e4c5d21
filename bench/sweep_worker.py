"""The reminder worker, run as its own process by the bench: what `manage.py sweep_reminders`
does (reminder_sweep, liaison_digest_sweep, then notification_drain), each phase timed, its
statements counted, and the process's own peak resident memory read after each phase. Then the
floor of the same run: plain smtplib sending messages the drain sent, rendered beforehand,
over one connection to the same sink (envelope recipients at FLOOR_DOMAIN, so the sink counts
them apart).

Prints one JSON object on stdout.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import time

import django

FLOOR_DOMAIN = "floor.invalid"
FLOOR_MESSAGES = 2000


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


def smtp_floor(*, since, limit: int = FLOOR_MESSAGES) -> tuple[int, float]:
    """Plain smtplib over one connection: (messages, seconds) for up to `limit` rows sent
    `since` (by the drain of this run)."""
    import smtplib

    from django.conf import settings

    from worker.emails import notification_email
    from worker.models import Notification

    rows = Notification.objects.select_related("recipient").filter(
        status="sent", sent_at__gte=since
    )[:limit]
    rendered = [
        (i, notification_email(row).message().as_bytes(linesep="\r\n"))
        for i, row in enumerate(rows)
    ]
    sender = settings.DEFAULT_FROM_EMAIL
    started = time.perf_counter()
    with smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT) as smtp:
        for i, message in rendered:
            smtp.sendmail(sender, [f"floor{i}@{FLOOR_DOMAIN}"], message)
    return len(rendered), time.perf_counter() - started


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "repair.settings")
    django.setup()
    from django.db import connection
    from django.utils import timezone

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
    send_started = timezone.now()
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
    floor_sent, floor_seconds = smtp_floor(since=send_started)
    report.update(floor_sent=floor_sent, floor_seconds=floor_seconds)
    sys.stdout.write(json.dumps(report) + "\n")


if __name__ == "__main__":
    main()
