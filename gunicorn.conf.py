"""gunicorn settings for the web container; docs/operations.md explains each choice.

Sized for the machine it runs on: (2 x CPUs) + 1 worker processes of the threaded (gthread)
class, where CPUs are the ones this container may use (its CPU set and its cgroup quota, not the
host's count). Every number can be overridden from the environment (GUNICORN_*).

On SIGTERM (docker stop, a rolling deploy) gunicorn stops accepting connections and gives
requests in flight up to `graceful_timeout` seconds to finish; compose's stop_grace_period for
the web service is longer than that, so no request is cut off.
"""

from __future__ import annotations

import math
import os
from pathlib import Path


def _available_cpus() -> int:
    """CPUs this process may use: its affinity set, capped by a cgroup v2 or v1 CPU quota."""
    try:
        count = len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        count = os.cpu_count() or 1
    quota = _cgroup_cpu_quota()
    if quota is not None:
        count = min(count, max(1, math.ceil(quota)))
    return max(1, count)


def _cgroup_cpu_quota() -> float | None:
    v2 = Path("/sys/fs/cgroup/cpu.max")
    if v2.is_file():
        limit, _sep, period = v2.read_text().strip().partition(" ")
        if limit != "max" and period:
            return int(limit) / int(period)
        return None
    quota_file = Path("/sys/fs/cgroup/cpu/cpu.cfs_quota_us")
    period_file = Path("/sys/fs/cgroup/cpu/cpu.cfs_period_us")
    if quota_file.is_file() and period_file.is_file():
        quota = int(quota_file.read_text())
        if quota > 0:
            return quota / int(period_file.read_text())
    return None


def _env_int(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def _debug() -> bool:
    return os.environ.get("DJANGO_DEBUG", "True").strip().lower() in {"1", "true", "yes", "on"}


bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
# Two workers per CPU plus one, each with a few threads: the app mostly waits on PostgreSQL.
workers = _env_int("GUNICORN_WORKERS", 2 * _available_cpus() + 1)
threads = _env_int("GUNICORN_THREADS", 4)
worker_class = "gthread"
# A request running longer than this is killed (its worker restarted) and logged.
timeout = _env_int("GUNICORN_TIMEOUT", 30)
# On SIGTERM: stop accepting, let requests in flight finish for up to this many seconds.
graceful_timeout = _env_int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = 5
# Restart each worker after about this many requests: bounds the growth of a slow leak.
max_requests = _env_int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = max_requests // 10
# Worker heartbeats on a RAM disk: a container's overlay file system can stall them.
worker_tmp_dir = "/dev/shm" if Path("/dev/shm").is_dir() else None
# The address of the reverse proxy allowed to set X-Forwarded-* (the proxy in front).
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")

# The portal logs one line per request itself (repair.middleware, with the request id and without
# query strings, which may hold tokens); gunicorn's own access log would duplicate it.
accesslog = None
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# gunicorn's own messages (boot, worker restarts, timeouts) in the same format as the app's.
logconfig_dict = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_context": {"()": "repair.logging.RequestContextFilter"}},
    "formatters": {
        "json": {"()": "repair.logging.JsonFormatter"},
        "text": {"()": "repair.logging.TextFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": os.environ.get("DJANGO_LOG_FORMAT", "text" if _debug() else "json"),
            "filters": ["request_context"],
            "stream": "ext://sys.stderr",
        }
    },
    "loggers": {
        "gunicorn.error": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
    "root": {"handlers": ["console"], "level": "INFO"},
}
