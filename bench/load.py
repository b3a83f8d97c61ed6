"""The HTTP side: prepare checked-in appointments, then complete them open-loop."""

import asyncio
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import httpx

from bench.pacing import Pacing, open_loop

VISIT = {  # as tests/e2e/flow.py: two CPT lines, so billing writes two charges per visit
    "diagnosis_codes": ["E11.9", "I10"],
    "service_lines": [
        {"cpt": "99213", "modifiers": ["25"], "diagnosis_pointers": [1, 2]},
        {"cpt": "83036", "modifiers": ["QW"], "units": 1, "diagnosis_pointers": [1]},
    ],
}
PATIENT = {"family_name": "Rivera", "given_name": "Ana", "birth_date": "1975-04-12", "sex": "female",
           "phone": "+1 555 010 2000", "location_id": "loc-a"}
FIRST_SLOT = datetime(2027, 1, 4, 14, tzinfo=UTC)


@dataclass(frozen=True)
class Sample:
    correlation_id: str
    t0: float  # time.time() just before the request was sent
    t_response: float
    status: int  # -1 when the request failed without a response


def client(base_url: str, token: str, connections: int = 200) -> httpx.AsyncClient:
    """A pooled client big enough that requests never queue for a connection."""
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    return httpx.AsyncClient(base_url=base_url, headers={"Authorization": f"Bearer {token}"},
                             limits=limits, timeout=60)


async def prepare(http: httpx.AsyncClient, count: int, concurrency: int = 8) -> list[str]:
    """`count` appointments in status arrived (patient registered, booked, checked in)."""
    gate = asyncio.Semaphore(concurrency)

    async def one(i: int) -> str:
        async with gate:
            patient = await _ok(http.post("/patients", json=PATIENT), 201)
            start = FIRST_SLOT + timedelta(minutes=20 * i)  # distinct slots: never a double booking
            booked = await _ok(http.post("/appointments", json={
                "patient_id": patient["id"], "provider_id": "prov-7", "location_id": "loc-a",
                "start": start.isoformat(), "end": (start + timedelta(minutes=20)).isoformat()}), 201)
            await _ok(http.post(f"/appointments/{booked['id']}/check-in"), 200)
            return booked["id"]

    return await asyncio.gather(*(one(i) for i in range(count)))


async def complete_all(http: httpx.AsyncClient, ids: list[str], *, rate: float, run_id: str) -> tuple[list[Sample], Pacing]:
    """POST /complete for each appointment, open-loop at `rate` per second."""
    samples: list[Sample] = []

    async def fire(i: int) -> None:
        cid = f"{run_id}-{i}"
        t0 = time.time()
        try:
            response = await http.post(f"/appointments/{ids[i]}/complete", json=VISIT,
                                       headers={"X-Correlation-ID": cid})
            status = response.status_code
        except httpx.HTTPError:
            status = -1
        samples.append(Sample(cid, t0, time.time(), status))

    pacing = await open_loop(rate, len(ids), fire)
    return sorted(samples, key=lambda s: s.t0), pacing


async def _ok(request, status: int) -> dict:
    response = await request
    if response.status_code != status:
        raise RuntimeError(f"{response.request.method} {response.request.url.path}: "
                           f"{response.status_code} {response.text[:300]}")
    return response.json()
