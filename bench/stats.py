"""Latency statistics: nearest-rank percentiles, reported in milliseconds."""

import math


def percentile(values: list[float], q: float) -> float | None:
    """The q-th percentile (0..100) by nearest rank; None when there are no values."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(1, math.ceil(q / 100 * len(ordered))) - 1]


def summary(seconds: list[float]) -> dict:
    """p50, p90, p99, max (ms) and count of latencies given in seconds."""
    ms = [s * 1000 for s in seconds]
    return {
        "p50": percentile(ms, 50),
        "p90": percentile(ms, 90),
        "p99": percentile(ms, 99),
        "max": max(ms) if ms else None,
        "count": len(ms),
    }


def fmt(value: float | None) -> str:
    """A millisecond figure for the tables, '-' when missing."""
    return f"{'-':>8}" if value is None else f"{value:8.1f}"
