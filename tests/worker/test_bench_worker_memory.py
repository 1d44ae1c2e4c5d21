"""The sweep bench's worker reports its own peak memory, not that of the process starting it.

On Linux ru_maxrss of a child started by subprocess includes its parent's high-water mark, so
the bench once reported its own 271 MB (the dataset it had generated) as the worker's peak.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BALLAST_MB = 200


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="VmHWM is Linux's /proc")
def test_worker_peak_excludes_the_parents_peak():
    ballast = bytearray(b"\x01") * (BALLAST_MB * 2**20)  # written, so resident in this process
    completed = subprocess.run(
        [sys.executable, "-c", "from bench.sweep_worker import _peak_mb; print(_peak_mb())"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    del ballast
    assert float(completed.stdout) < BALLAST_MB / 2
