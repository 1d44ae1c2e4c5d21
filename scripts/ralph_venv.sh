#!/usr/bin/env bash
# A separate virtual environment for Ralph (ralph-malph), the learning record store the xAPI
# tests send statements to: its pins (pydantic, FastAPI, ...) are its own, not the portal's.
# Idempotent; `make counterparts` runs it. Usage: scripts/ralph_venv.sh [VENV_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
venv="${1:-.venv-ralph}"
stamp="$venv/.installed"
lock="scripts/ralph-requirements.lock"
if [ -f "$stamp" ] && [ "$stamp" -nt "$lock" ]; then
  exit 0
fi
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --upgrade pip
"$venv/bin/python" -m pip install --quiet -r "$lock"
touch "$stamp"
