"""The highest steady completion rate: step the rate up until p99 passes 100 ms or the lag builds."""

from collections.abc import Callable
from pathlib import Path

import httpx

from bench import breakdown, load
from bench.lag import LagProbe
from bench.stats import summary

P99_LIMIT_MS = 100.0
LAG_LIMIT = 100  # messages billing has not committed when a step's completions stop


async def step_up(
    https: list[httpx.AsyncClient],
    ids: list[str],
    *,
    rates: list[float],
    steps: list[int],
    probe: LagProbe,
    log_file: Path,
    log: Callable[[str], None],
) -> dict:
    """Each rate in turn on its own prepared visits; the highest that held, and every step's figures."""
    results, held, offset = [], None, 0
    for rate, count in zip(rates, steps, strict=True):
        await probe.wait_caught_up(timeout=60)  # each step starts from an idle pipeline
        chunk, offset = ids[offset : offset + count], offset + count
        log(f"sweep: {count} completions at {rate:g}/s")
        samples, pacing = await load.complete_all(https, chunk, rate=rate, run_id=f"sweep{rate:g}")
        lag = await probe.lag()
        arrived = await breakdown.wait_arrivals(log_file, samples, timeout=60)
        ok = [s for s in samples if s.status == 200]
        e2e = summary([arrived[s.correlation_id] - s.t0 for s in ok if s.correlation_id in arrived])
        steady = (
            e2e["p99"] is not None
            and e2e["p99"] <= P99_LIMIT_MS
            and lag <= LAG_LIMIT
            and len(ok) == len(samples)
            and e2e["count"] == len(ok)
        )
        results.append(
            {"rate": rate, "achieved_rate": round(pacing.rate, 1), "e2e_ms": e2e, "lag_at_end": lag, "steady": steady}
        )
        if not steady:
            break
        held = rate
    return {"highest_steady_rate": held, "p99_limit_ms": P99_LIMIT_MS, "steps": results}
