"""End-to-end latency of a completed visit becoming billing's charges, against the raw broker round trip.

`python -m bench.e2e_latency [--db postgresql]`: prints the tables and a PASS/FAIL verdict and
writes var/bench/e2e_latency.json. Exits 0 whenever the benchmark ran, whatever the verdict.
"""

import argparse
import asyncio
import json
import os
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import uvloop

from bench import breakdown, load, practice, raw_kafka, report
from bench.cpu import CpuMeter, children
from bench.lag import LagProbe
from bench.stack import running_stack
from clinicops.infra import DEFAULT_VAR_DIR, kafka, postgres
from shared.auth import issue_token
from shared.keys import KeyRing

OUT = DEFAULT_VAR_DIR / "bench" / "e2e_latency.json"


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def _bench_keys() -> KeyRing:
    """A signing key of the bench's own, whose JWKS the services it starts verify with."""
    ring = KeyRing.open(Path(tempfile.mkdtemp(prefix="clinicops-bench-keys-")), token_lifetime=timedelta(hours=2))
    os.environ["CLINICOPS_JWKS_URL"] = str(ring.write_jwks(ring.directory / "jwks.json"))
    os.environ["GATEWAY_SIGNING_KEY_DIR"] = str(ring.directory)
    return ring


async def measure(args: argparse.Namespace) -> dict:
    """Run both phases on one broker and return every figure."""
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    _log(f"raw round trip: {args.rate:g} msg/s for {args.raw_duration:g} s on {bootstrap}")
    raw, raw_pacing = await raw_kafka.round_trip(bootstrap, rate=args.rate, duration=args.raw_duration)
    count = int(args.rate * args.duration)
    keys = _bench_keys()
    with running_stack(DEFAULT_VAR_DIR, bootstrap, args.db) as stack:
        scheduling, billing = stack.procs["scheduling"], stack.procs["billing"]
        token = issue_token(
            sub="bench", roles=["practice_admin"], locations=["*"], key=keys.current, ttl=timedelta(hours=2)
        )
        probe = LagProbe(bootstrap, group=stack.topic("billing"), topic=stack.topic("scheduling.appointment"))
        async with load.clients(scheduling.url, token) as https, probe:
            await practice.open_practice(
                stack, https[0], first_slot=load.FIRST_SLOT, slots=count, minutes=load.SLOT_MINUTES
            )
            _log(f"preparing {count} arrived appointments ({args.db})")
            started = time.time()
            ids = await load.prepare(https[0], count)
            _log(f"prepared in {time.time() - started:.0f} s; waiting for billing to catch up")
            await probe.wait_caught_up(timeout=120)
            _log(f"completing {count} visits at {args.rate:g}/s")
            series: list[tuple[float, int]] = []
            started = time.time()
            sampler = asyncio.create_task(probe.sample(args.lag_every, series, started))
            meter = CpuMeter(
                {
                    "bench client": [os.getpid()],
                    "scheduling": [scheduling.pid],
                    "billing": [billing.pid],
                    "kafka": [kafka.status(DEFAULT_VAR_DIR)["pid"]],
                    "postgres": children(postgres.status(DEFAULT_VAR_DIR)["pid"]),
                }
            )
            samples, pacing = await load.complete_all(https, ids, rate=args.rate, run_id=f"bench-{stack.uid}")
            cpu = meter.read()
            sampler.cancel()
            end_lag = await probe.lag()
            series.append((round(time.time() - started, 1), end_lag))
            arrived = await _wait_arrivals(billing.log_file, samples, args.drain_timeout)
            drained_lag = await probe.lag()
        _log("reading logs, databases and the topic for the breakdown")
        points, relay_ack = await _points(stack, bootstrap, samples, arrived)
    return report.figures(
        args,
        raw=raw,
        raw_pacing=raw_pacing,
        samples=samples,
        pacing=pacing,
        arrived=arrived,
        lag_series=series,
        end_lag=end_lag,
        drained_lag=drained_lag,
        points=points,
        relay_ack=relay_ack,
        cpu=cpu,
        logs={"scheduling": str(scheduling.log_file), "billing": str(billing.log_file)},
    )


async def _wait_arrivals(log_file, samples: list[load.Sample], timeout: float) -> dict[str, float]:
    """correlation id -> billing's commit time, once all arrived or after timeout."""
    wanted = {s.correlation_id for s in samples if s.status == 200}
    deadline = time.monotonic() + timeout
    while True:
        handled = breakdown.log_entries(log_file, "event handled")
        if wanted <= handled.keys() or time.monotonic() > deadline:
            return {cid: entry["time"] for cid, entry in handled.items() if cid in wanted}
        await asyncio.sleep(0.5)


async def _points(
    stack, bootstrap: str, samples: list[load.Sample], arrived: dict[str, float]
) -> tuple[dict[str, dict[str, float]], list[float]]:
    """Timestamps per correlation id at each step to billing's commit; the relay's ack waits."""
    topic = stack.topic("scheduling.appointment")
    outbox = await breakdown.outbox_times(stack.db_urls["scheduling"], topic)
    claims = await breakdown.claim_times(stack.db_urls["billing"])
    records = await breakdown.record_times(bootstrap, topic)
    served = breakdown.log_entries(stack.procs["scheduling"].log_file, "request")
    # The relay marks its rows only after the broker acked the whole batch.
    relay_ack = [o[2] - records[cid] for cid, o in outbox.items() if o[2] is not None and cid in records]
    return {
        "scheduling began the request": {cid: e["time"] - e["duration_ms"] / 1000 for cid, e in served.items()},
        "outbox row written (in tx)": {cid: o[1] for cid, o in outbox.items()},
        "scheduling finished the request": {cid: e["time"] for cid, e in served.items()},
        "HTTP response received": {s.correlation_id: s.t_response for s in samples},
        "relay sent record (record ts)": records,
        "billing handler started": {cid: claims[o[0]] for cid, o in outbox.items() if o[0] in claims},
        "billing committed (t1)": arrived,
    }, relay_ack


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print the report and write the JSON figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.e2e_latency", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--rate", type=float, default=100.0, help="messages and completions per second")
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of completions")
    parser.add_argument("--raw-duration", type=float, default=20.0, help="seconds of the raw round trip")
    parser.add_argument("--window", type=float, default=10.0, help="seconds compared at start and end")
    parser.add_argument("--lag-every", type=float, default=5.0, help="seconds between lag samples")
    parser.add_argument("--drain-timeout", type=float, default=60.0, help="seconds to wait for stragglers")
    args = parser.parse_args(argv)
    # uvloop (as the services run under uvicorn): the load generator shares the 2 cores
    # with everything it measures, so the less CPU it burns per request the better.
    figures = uvloop.run(measure(args))
    report.show(figures)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps(figures, indent=2))
    print(f"figures written to {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
