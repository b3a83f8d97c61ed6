"""The HTTP side: prepare checked-in appointments, then complete them open-loop."""

import asyncio
import contextlib
import time
from dataclasses import dataclass
from datetime import timedelta

import httpx

from bench.pacing import Pacing, open_loop
from tests.support.dates import next_monday_at

VISIT = {  # as tests/e2e/flow.py: two CPT lines, so billing writes two charges per visit
    "diagnosis_codes": ["E11.9", "I10"],
    "service_lines": [
        {"cpt": "99213", "modifiers": ["25"], "diagnosis_pointers": [1, 2]},
        {"cpt": "83036", "modifiers": ["QW"], "units": 1, "diagnosis_pointers": [1]},
    ],
}
PATIENT = {
    "family_name": "Rivera",
    "given_name": "Ana",
    "birth_date": "1975-04-12",
    "sex": "female",
    "phone": "+1 555 010 2000",
    "location_id": "loc-a",
}
# Monday 14:00 UTC at least two weeks out, computed from now: the bench runs on any day.
FIRST_SLOT = next_monday_at(14, tz="UTC", weeks_ahead=2)
SLOT_MINUTES = 20


@dataclass(frozen=True)
class Sample:
    """One /complete request as the client saw it."""

    correlation_id: str
    t0: float  # time.time() just before the request was sent
    t_response: float
    status: int  # -1 when the request failed without a response


@contextlib.asynccontextmanager
async def clients(base_url: str, token: str, *, count: int = 10, connections: int = 20):
    """`count` pooled clients, 200 connections in all by default: requests go round-robin."""
    # httpcore's pool bookkeeping is quadratic in its connections and scans every queued request:
    # under a backlog one pool of 200 took 0.8 of a core, stealing CPU from the services it loads.
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    async with contextlib.AsyncExitStack() as stack:
        yield [
            await stack.enter_async_context(
                httpx.AsyncClient(
                    base_url=base_url, headers={"Authorization": f"Bearer {token}"}, limits=limits, timeout=60
                )
            )
            for _ in range(count)
        ]


async def prepare(http: httpx.AsyncClient, count: int, concurrency: int = 8) -> list[str]:
    """`count` appointments in status arrived (patient registered, booked, checked in)."""
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> str:
        async with gate:
            patient = await _ok(http.post("/patients", json=PATIENT), 201)
            start = FIRST_SLOT + timedelta(minutes=SLOT_MINUTES * i)  # distinct slots: never a double booking
            booked = await _ok(
                http.post(
                    "/appointments",
                    json={
                        "patient_id": patient["id"],
                        "provider_id": "prov-7",
                        "location_id": "loc-a",
                        "start": start.isoformat(),
                        "end": (start + timedelta(minutes=SLOT_MINUTES)).isoformat(),
                    },
                ),
                201,
            )
            await _ok(http.post(f"/appointments/{booked['id']}/check-in"), 200)
            return booked["id"]

    return await asyncio.gather(*(one(i) for i in range(count)))


async def complete_all(
    https: list[httpx.AsyncClient], ids: list[str], *, rate: float, run_id: str
) -> tuple[list[Sample], Pacing]:
    """POST /complete for each appointment, open-loop at `rate` per second, spread over the clients."""
    samples: list[Sample] = []

    async def fire(i: int) -> None:
        cid = f"{run_id}-{i}"
        t0 = time.time()
        try:
            response = await https[i % len(https)].post(
                f"/appointments/{ids[i]}/complete", json=VISIT, headers={"X-Correlation-ID": cid}
            )
            status = response.status_code
        except httpx.HTTPError:
            status = -1
        samples.append(Sample(cid, t0, time.time(), status))

    pacing = await open_loop(rate, len(ids), fire)
    return sorted(samples, key=lambda s: s.t0), pacing


async def _ok(request, status: int) -> dict:
    response = await request
    if response.status_code != status:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text[:300]}"
        )
    return response.json()
