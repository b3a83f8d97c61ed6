"""Booking throughput through the gateway, on SQLite and on PostgreSQL, beside published FHIR servers' figures.

A practice (one location, 16 licensed providers on long shifts, 256 patients) is prepared first and not
timed; then a closed loop of 16 and of 64 front-desk clients, each booking the next free slot (no two
bookings share a provider's time or a patient's) through the gateway with an Idempotency-Key. Every answer
is checked: a 201 with the booking's id counts, anything else is counted by status and shown. Target:
>= 300 bookings/s. `python -m bench.booking_throughput [--db sqlite|postgresql|both] [--quick]`; figures in
var/bench/booking_throughput.json. Exits 0 whenever the benchmark ran, whatever the verdict.
"""

import argparse
import asyncio
import json
import os
import sys
import time
from collections import Counter
from datetime import timedelta

import httpx
import uvloop

from bench import load
from bench.cpu import CpuMeter, children
from bench.gateway_overhead import LeanConnection, client, closed_loop, gateway_stack
from bench.stack import bench_keys, write_figures
from bench.stats import fmt, summary
from clinicops.infra import DEFAULT_VAR_DIR, kafka, postgres
from shared.auth import issue_token
from shared.contracts.facilities import LocationOpened
from shared.contracts.staff import CredentialAdded, ShiftScheduled, StaffMemberHired
from tests.support.upstream import EXPIRES_ON, HIRED_ON, ISSUED_ON, publish, wait_bookable

TARGET_PER_S = 300.0
LOCATION = "loc-a"
PROVIDERS = [f"prov-{n:02d}" for n in range(16)]
SLOT_MINUTES = 15
# Published figures of FHIR servers, for scale (no such server could be run here: see the README).
ANCHORS = [
    ("HAPI FHIR JPA server", 33.0, "3-resource transaction bundles/s, 2 vCPU, p90 0.68 s (hapi-fhir issue #310)"),
    ("Blaze", 130.0, "small transactions/s, single user"),
]


def _log(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def slot(i: int, patients: int) -> dict:
    """Booking number i: providers in turn, each one's next slot; no two bookings overlap for a provider or a patient.

    Bookings sharing a start time are `len(PROVIDERS)` consecutive numbers, and `patients` is a multiple of that:
    they go to distinct patients, and a patient's next booking is `patients` numbers (and slots) later.
    """
    start = load.FIRST_SLOT + timedelta(minutes=SLOT_MINUTES * (i // len(PROVIDERS)))
    return {
        "patient_index": i % patients,
        "provider_id": PROVIDERS[i % len(PROVIDERS)],
        "location_id": LOCATION,
        "start": start.isoformat(),
        "end": (start + timedelta(minutes=SLOT_MINUTES)).isoformat(),
    }


async def open_practice(stack, scheduling: httpx.AsyncClient, *, capacity: int) -> None:
    """The location and its providers, told as facilities and staff would; shifts long enough for `capacity`."""
    await publish(stack, LocationOpened(location_id=LOCATION, name="Bench St", state="CA",
                                        timezone="America/Los_Angeles"), LOCATION)  # fmt: skip
    end = load.FIRST_SLOT + timedelta(minutes=SLOT_MINUTES * (capacity // len(PROVIDERS) + 1))
    for staff_id in PROVIDERS:
        await publish(stack, StaffMemberHired(staff_id=staff_id, given_name="Dana", family_name=staff_id,
                                              role="physician", npi="1234567893", home_location_id=LOCATION,
                                              location_ids=[LOCATION], hired_on=HIRED_ON), staff_id)  # fmt: skip
        for kind, state in (("state_license", "CA"), ("bls", None)):
            await publish(stack, CredentialAdded(credential_id=f"{staff_id}-{kind}", staff_id=staff_id, kind=kind,
                                                 number="A12345", issuer="Medical Board", state=state,
                                                 issued_on=ISSUED_ON, expires_on=EXPIRES_ON), staff_id)  # fmt: skip
        await publish(stack, ShiftScheduled(shift_id=f"{staff_id}-bench", staff_id=staff_id, location_id=LOCATION,
                                            start=load.FIRST_SLOT, end=end), staff_id)  # fmt: skip
    first = slot(0, 1)
    for staff_id in PROVIDERS:
        await wait_bookable(scheduling, staff_id, location_id=LOCATION, start=first["start"], end=first["end"])


async def register_patients(scheduling: httpx.AsyncClient, count: int) -> list[str]:
    """`count` patients at the location, registered directly at scheduling (not timed)."""
    gate = asyncio.Semaphore(8)

    async def one(n: int) -> str:
        async with gate:
            answer = await scheduling.post("/patients", json=load.PATIENT | {"given_name": f"Ana{n}"})
            if answer.status_code != 201:
                raise RuntimeError(f"POST /patients: {answer.status_code} {answer.text[:300]}")
            return answer.json()["id"]

    return await asyncio.gather(*(one(n) for n in range(count)))


def _booker(connections: list[LeanConnection], patients: list[str], run: str, bad: Counter):
    idle = list(connections)  # one per caller in flight

    async def one(i: int) -> int:
        body = slot(i, len(patients))
        body["patient_id"] = patients[body.pop("patient_index")]
        connection = idle.pop()
        try:
            status, content = await connection.request(
                "POST", "/api/v1/scheduling/appointments", json.dumps(body).encode(), {"idempotency-key": f"{run}-{i}"}
            )
        except BaseException:
            connection.close()
            raise
        finally:
            idle.append(connection)
        if status == 201 and not json.loads(content).get("id"):
            return 0  # a 201 without the booking: counted as an error (status 0)
        if status != 201 and len(bad) < 20:
            bad[(status, content[:200].decode(errors="replace"))] += 1
        return status

    return one


async def one_backend(args: argparse.Namespace, bootstrap: str, keys, backend: str) -> dict:
    """A fresh stack on `backend`: the practice, then each concurrency in turn."""
    figures = {}
    with gateway_stack(DEFAULT_VAR_DIR, bootstrap, backend) as stack:
        admin = issue_token(sub="bench-admin", roles=["practice_admin"], locations=["*"], key=keys.current,
                            ttl=timedelta(hours=2))  # fmt: skip
        desk = issue_token(sub="bench-desk", roles=["front_desk"], locations=[LOCATION], key=keys.current,
                           ttl=timedelta(hours=2))  # fmt: skip
        capacity = int(sum(args.concurrency) * 2 + TARGET_PER_S * 3 * (args.duration + args.warmup) * 2)
        async with client(stack.procs["scheduling"].url, admin, 8) as scheduling:
            _log(f"[{backend}] the practice: {len(PROVIDERS)} providers, {args.patients} patients")
            await open_practice(stack, scheduling, capacity=capacity)
            patients = await register_patients(scheduling, args.patients)
        pids = {"client": [os.getpid()]} | {name: [proc.pid] for name, proc in stack.procs.items()}
        if backend == "postgresql":
            pids["postgres"] = children(postgres.status(DEFAULT_VAR_DIR)["pid"])
        gateway, next_i = stack.procs["gateway"].url, 0
        for concurrency in args.concurrency:
            connections = [LeanConnection(gateway, {"authorization": f"Bearer {desk}"}) for _ in range(concurrency)]
            bad: Counter = Counter()
            one = _booker(connections, patients, f"bench-{stack.uid}-{concurrency}", bad)
            try:
                *_, next_i = await closed_loop(one, clients=concurrency, duration=args.warmup, first=next_i)
                _log(f"[{backend}] {concurrency} clients for {args.duration:g} s")
                meter = CpuMeter(pids)
                latencies, statuses, seconds, next_i = await closed_loop(
                    one, clients=concurrency, duration=args.duration, first=next_i
                )
                cores = meter.read()
            finally:
                for connection in connections:
                    connection.close()
            if next_i > capacity:
                raise RuntimeError(f"booked past the shifts' {capacity} slots: raise the capacity")
            booked = statuses.get(201, 0)
            figures[str(concurrency)] = summary(latencies) | {
                "bookings_per_s": round(booked / seconds, 1),
                "statuses": {str(k): v for k, v in sorted(statuses.items())},
                "errors": sum(v for k, v in statuses.items() if k != 201),
                "refusals": [f"{status}: {text}" for (status, text), _ in bad.most_common(5)],
                "cpu_ms_per_booking": {
                    p: round(c * seconds * 1000 / booked, 2) if booked else None for p, c in cores.items()
                },  # fmt: skip
            }
    return figures


async def measure(args: argparse.Namespace) -> dict:
    bootstrap = kafka.start(DEFAULT_VAR_DIR, log=_log)
    keys = bench_keys()
    results = {backend: await one_backend(args, bootstrap, keys, backend) for backend in args.backends}
    return {
        "duration_s": args.duration,
        "providers": len(PROVIDERS),
        "patients": args.patients,
        "target_per_s": TARGET_PER_S,
        "anchors": [{"name": n, "per_s": v, "what": w} for n, v, w in ANCHORS],
        "results": results,
    }


def show(f: dict) -> None:
    print(f"\nbooking throughput through the gateway: closed loop, {f['duration_s']:g} s per run, "
          f"{f['providers']} providers, {f['patients']} patients, an Idempotency-Key per booking")  # fmt: skip
    print(f"{'backend':>11} {'clients':>7} {'booked/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7}  statuses")
    verdict = True
    for backend, runs in f["results"].items():
        for concurrency, r in runs.items():
            print(f"{backend:>11} {concurrency:>7} {r['bookings_per_s']:>9.1f} {fmt(r['p50'])} {fmt(r['p99'])} "
                  f"{r['errors']:>7}  {r['statuses']}")  # fmt: skip
            for refusal in r["refusals"]:
                print(f"{'':>20} refused: {refusal}")
            cpu = ", ".join(f"{p} {v:.2f}" for p, v in r["cpu_ms_per_booking"].items() if v is not None)
            print(f"{'':>20} CPU ms per booking: {cpu}")
            verdict = verdict and r["bookings_per_s"] >= f["target_per_s"] and not r["errors"]
    best = max((r["bookings_per_s"] for runs in f["results"].values() for r in runs.values()), default=0)
    print(f"target: >= {f['target_per_s']:g} bookings/s in every run, no error: {'PASS' if verdict else 'FAIL'}")
    for anchor in f["anchors"]:
        print(f"anchor {anchor['name']}: {anchor['per_s']:g}/s ({anchor['what']}); "
              f"our best {best:.0f}/s = {best / anchor['per_s']:.1f}x")  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    """Parse options, run, print the report and write the JSON figures."""
    parser = argparse.ArgumentParser(prog="python -m bench.booking_throughput", description=__doc__)
    parser.add_argument("--db", choices=["sqlite", "postgresql", "both"], default="both")
    parser.add_argument("--concurrency", type=int, nargs="+", default=[16, 64], help="concurrent clients per run")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds of each measured run")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of bookings before each run")
    parser.add_argument("--patients", type=int, default=256, help="a multiple of the 16 providers")
    parser.add_argument("--quick", action="store_true", help="2 s runs, 64 patients: for make bench-quick")
    args = parser.parse_args(argv)
    if args.quick:
        args.duration, args.warmup, args.patients = 2.0, 0.5, 64
    if args.patients % len(PROVIDERS) or args.patients < max(args.concurrency):
        parser.error(f"--patients must be a multiple of {len(PROVIDERS)} and at least the largest concurrency")
    args.backends = ["sqlite", "postgresql"] if args.db == "both" else [args.db]
    figures = uvloop.run(measure(args))
    show(figures)
    write_figures("booking_throughput", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
