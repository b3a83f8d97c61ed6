"""Plays the staff and facilities services: publishes their events so scheduling learns a practice."""

import asyncio
import time
from datetime import datetime, timedelta

import httpx

from shared.contracts import EventPayload
from shared.contracts.facilities import LocationOpened, RoomCreated
from shared.contracts.staff import CredentialAdded, ShiftScheduled, StaffMemberHired
from shared.envelope import Envelope
from tests.support.dates import TUESDAY, days_ago, days_ahead, next_weekday
from tests.support.kafka_tools import produce

# Tuesday to Thursday at least two weeks out: weekdays inside opening hours, never a (Sunday) DST change.
SHIFT_DAYS = [(next_weekday(TUESDAY, weeks_ahead=2) + timedelta(days=n)).isoformat() for n in range(3)]
# The first shift day's 15:00-15:20 UTC: a slot every seeded provider can be booked for.
SLOT_START, SLOT_END = f"{SHIFT_DAYS[0]}T15:00:00Z", f"{SHIFT_DAYS[0]}T15:20:00Z"
HIRED_ON, ISSUED_ON, EXPIRES_ON = days_ago(2000), days_ago(1000), days_ahead(730)


async def publish(suite, payload: EventPayload, subject: str) -> None:
    envelope = Envelope(
        type=payload.event_type, source="/tests/upstream", subject=subject, data=payload.model_dump(mode="json")
    )
    await produce(
        suite.bootstrap,
        suite.topic(payload.topic()),
        envelope.kafka_value(),
        key=subject.encode(),
        headers=envelope.kafka_headers(),
    )


async def seed_practice(suite, *, location_id: str = "loc-a", providers=("prov-7",), rooms=("exam-1",)) -> None:
    """A California location with rooms, and physicians licensed, BLS-certified and on shift 14:00-23:00 UTC."""
    await publish(
        suite,
        LocationOpened(
            location_id=location_id,
            name="Main St",
            state="CA",
            timezone="America/Los_Angeles",
            cancellation_notice_hours=24,
        ),
        location_id,
    )
    for room in rooms:
        await publish(suite, RoomCreated(room_id=room, location_id=location_id, name=room, kind="exam"), room)
    for staff_id in providers:
        await hire_provider(suite, staff_id=staff_id, location_id=location_id)


async def hire_provider(suite, *, staff_id: str = "prov-7", location_id: str = "loc-a") -> None:
    """Staff's events only: a CA-licensed, BLS-certified physician on shift 14:00-23:00 UTC each shift day."""
    await publish(
        suite,
        StaffMemberHired(
            staff_id=staff_id,
            given_name="Dana",
            family_name="Lee",
            role="physician",
            npi="1234567893",
            home_location_id=location_id,
            location_ids=[location_id],
            hired_on=HIRED_ON,
        ),
        staff_id,
    )
    for kind, state in (("state_license", "CA"), ("bls", None)):
        await publish(
            suite,
            CredentialAdded(
                credential_id=f"{staff_id}-{kind}",
                staff_id=staff_id,
                kind=kind,
                number="A12345",
                issuer="Medical Board",
                state=state,
                issued_on=ISSUED_ON,
                expires_on=EXPIRES_ON,
            ),
            staff_id,
        )
    for day in SHIFT_DAYS:
        await publish(
            suite,
            ShiftScheduled(
                shift_id=f"{staff_id}-{day}",
                staff_id=staff_id,
                location_id=location_id,
                start=datetime.fromisoformat(f"{day}T14:00Z"),
                end=datetime.fromisoformat(f"{day}T23:00Z"),
            ),
            staff_id,
        )


async def wait_bookable(
    scheduling: httpx.AsyncClient,
    staff_id: str,
    *,
    location_id: str = "loc-a",
    start: str = SLOT_START,
    end: str = SLOT_END,
    timeout: float = 30.0,
) -> None:
    """Wait until scheduling's projections say the provider can be booked."""
    deadline, body = time.monotonic() + timeout, None
    while time.monotonic() < deadline:
        response = await scheduling.get(
            f"/providers/{staff_id}/bookability", params={"location_id": location_id, "start": start, "end": end}
        )
        body = response.json()
        if body.get("bookable"):
            return
        await asyncio.sleep(0.2)
    raise TimeoutError(f"{staff_id} never became bookable: {body}")
