"""End-to-end latency of a completed visit becoming billing's charges, against the raw broker round trip.

`python -m bench.e2e_latency [--db postgresql] [--quick]`: prints the tables and a PASS/FAIL verdict
against issue 19's targets (e2e p50 <= 10 ms, p99 <= 30 ms, <= 5 ms of CPU per completion across
scheduling and billing, no memory growth), then steps the rate up to find the highest at which p99
stays <= 100 ms with flat lag; writes var/bench/e2e_latency-<db>.json. Exits 0 whenever the
benchmark ran, whatever the verdict.
"""

import argparse
import asyncio
import os
import sys
import time
from datetime import timedelta

import uvloop

from bench import breakdown, load, practice, raw_kafka, report, sweep
from bench.cpu import CpuMeter, children
from bench.lag import LagProbe
from bench.memory import MemoryProbe
from bench.stack import bench_keys, running_stack, write_figures
from clinicops.infra import DEFAULT_VAR_DIR, kafka, postgres
from shared.auth import issue_token


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


async def measure(args: argparse.Namespace) -> dict:
    """Run both phases on one broker and return every figure."""
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    _log(f"raw round trip: {args.rate:g} msg/s for {args.raw_duration:g} s on {bootstrap}")
    raw, raw_pacing = await raw_kafka.round_trip(bootstrap, rate=args.rate, duration=args.raw_duration)
    count = int(args.rate * args.duration)
    steps = [int(rate * args.step_duration) for rate in args.sweep]
    keys = bench_keys()
    with running_stack(DEFAULT_VAR_DIR, bootstrap, args.db) as stack:
        scheduling, billing = stack.procs["scheduling"], stack.procs["billing"]
        token = issue_token(
            sub="bench", roles=["practice_admin"], locations=["*"], key=keys.current, ttl=timedelta(hours=2)
        )
        probe = LagProbe(bootstrap, group=stack.topic("billing"), topic=stack.topic("scheduling.appointment"))
        async with load.clients(scheduling.url, token) as https, probe:
            await practice.open_practice(
                stack, https[0], first_slot=load.FIRST_SLOT, slots=count + sum(steps), minutes=load.SLOT_MINUTES
            )
            _log(f"preparing {count + sum(steps)} arrived appointments ({args.db})")
            started = time.time()
            ids = await load.prepare(https[0], count + sum(steps))
            ids, spare = ids[:count], ids[count:]
            _log(f"prepared in {time.time() - started:.0f} s; waiting for billing to catch up")
            await probe.wait_caught_up(timeout=120)
            _log(f"completing {count} visits at {args.rate:g}/s")
            series: list[tuple[float, int]] = []
            started = time.time()
            sampler = asyncio.create_task(probe.sample(args.lag_every, series, started))
            memory = MemoryProbe({"scheduling": scheduling.pid, "billing": billing.pid})
            memory_sampler = asyncio.create_task(memory.sample(1.0, started))
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
            arrived = await breakdown.wait_arrivals(billing.log_file, samples, args.drain_timeout)
            drained_lag = await probe.lag()
            memory_sampler.cancel()
            memory.take(started)
            steady = await sweep.step_up(
                https, spare, rates=args.sweep, steps=steps, probe=probe, log_file=billing.log_file, log=_log
            )
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
        memory=memory.figures(),
        sweep=steady,
        logs={"scheduling": str(scheduling.log_file), "billing": str(billing.log_file)},
    )


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
    parser.add_argument(
        "--sweep", type=float, nargs="*", default=[150.0, 200.0, 300.0], help="rates stepped up to after the run"
    )
    parser.add_argument("--step-duration", type=float, default=8.0, help="seconds of each sweep step")
    parser.add_argument("--quick", action="store_true", help="8 s of completions, 3 s raw, no sweep")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.raw_duration, args.window, args.sweep = 8.0, 3.0, 4.0, []
    # uvloop (as the services run under uvicorn): the load generator shares the 2 cores
    # with everything it measures, so the less CPU it burns per request the better.
    figures = uvloop.run(measure(args))
    report.show(figures)
    write_figures(f"e2e_latency-{args.db}", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
