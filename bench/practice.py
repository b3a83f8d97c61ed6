"""The practice the benchmark books into, told to scheduling as staff and facilities would.

Scheduling books only a provider it knows to be licensed and on shift at a location it knows,
so the bench publishes those services' contract events (as tests/support/upstream.py does)
rather than running two more services that would share the two cores it measures.
"""

from datetime import datetime, timedelta

from shared.contracts.facilities import LocationOpened
from shared.contracts.staff import CredentialAdded, ShiftScheduled, StaffMemberHired
from tests.support.upstream import (
    EXPIRES_ON,
    HIRED_ON,
    ISSUED_ON,
    publish,
    wait_bookable,
)

LOCATION, PROVIDER = "loc-a", "prov-7"


async def open_practice(stack, scheduling_client, *, first_slot: datetime, slots: int, minutes: int) -> None:
    """A California location and a licensed physician on one shift covering every slot of the run."""
    end = first_slot + timedelta(minutes=minutes * slots)
    await publish(
        stack,
        LocationOpened(location_id=LOCATION, name="Bench St", state="CA", timezone="America/Los_Angeles"),
        LOCATION,
    )
    await publish(
        stack,
        StaffMemberHired(
            staff_id=PROVIDER,
            given_name="Dana",
            family_name="Lee",
            role="physician",
            npi="1234567893",
            home_location_id=LOCATION,
            location_ids=[LOCATION],
            hired_on=HIRED_ON,
        ),
        PROVIDER,
    )
    for kind, state in (("state_license", "CA"), ("bls", None)):
        await publish(
            stack,
            CredentialAdded(
                credential_id=f"{PROVIDER}-{kind}",
                staff_id=PROVIDER,
                kind=kind,
                number="A12345",
                issuer="Medical Board",
                state=state,
                issued_on=ISSUED_ON,
                expires_on=EXPIRES_ON,
            ),
            PROVIDER,
        )
    await publish(
        stack,
        ShiftScheduled(
            shift_id=f"{PROVIDER}-bench", staff_id=PROVIDER, location_id=LOCATION, start=first_slot, end=end
        ),
        PROVIDER,
    )
    await wait_bookable(
        scheduling_client,
        PROVIDER,
        location_id=LOCATION,
        start=first_slot.isoformat(),
        end=(first_slot + timedelta(minutes=minutes)).isoformat(),
    )
