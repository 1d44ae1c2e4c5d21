#!/usr/bin/env bash
# The fast part of the suite (everything but the browser, worker-integration and counterpart
# tests: the processes those talk to keep the real time; and the partner interval audit, whose
# worlds stand at a fixed clock anyway) again,
# started at hard instants: dates are the departments', so the suite must pass at any hour.
# Usage: scripts/test_clock.sh INSTANT [INSTANT ...]   (ISO 8601 with a zone)
# Runs the instants side by side and fails when any run fails; each run's log is printed.
set -uo pipefail
cd "$(dirname "$0")/.."
[ "$#" -gt 0 ] || { echo "usage: $0 INSTANT [INSTANT ...]" >&2; exit 2; }
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
pids=()
for instant in "$@"; do
  .venv/bin/python -m pytest -q -p no:cacheprovider -m "not e2e and not integration and not counterpart and not audit" \
    --repair-now "$instant" >"$logs/$instant.log" 2>&1 &
  pids+=("$!")
done
status=0
index=0
for instant in "$@"; do
  if wait "${pids[$index]}"; then
    echo "== clock $instant: $(tail -n 1 "$logs/$instant.log")"
  else
    status=1
    echo "== clock $instant: FAILED"
    cat "$logs/$instant.log"
  fi
  index=$((index + 1))
done
exit "$status"
