"""Percentiles of timings in milliseconds (nearest rank, as load tools report them)."""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


@dataclass(frozen=True)
class Timing:
    median: float
    p95: float
    n: int

    @classmethod
    def of(cls, seconds: list[float]) -> Timing:
        ms = [s * 1000 for s in seconds]
        return cls(median=statistics.median(ms), p95=percentile(ms, 0.95), n=len(ms))
