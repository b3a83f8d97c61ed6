"""The appointments: booked by the desk, checked in, completed by their clinician, missed or cancelled.

Scheduling takes bookings in the past (a booking checks the provider's shift and credentials on that day,
not the clock), and check-in and completion check no time either: so the past four weeks are booked and
completed now, each visit dated by its start. What the services stamp themselves (completed_at,
updated_at) says when the demo ran, not when the visit was.
"""

from datetime import timedelta

from clinicops.demo.agenda import VISIT_MINUTES, Visit, waitlist
from clinicops.demo.client import gather_bounded
from clinicops.demo.context import Demo

REASONS = ("patient is travelling", "feeling better", "work conflict", "transport fell through")


def _start(demo: Demo, visit: Visit):
    if visit.day_offset == 0:
        return demo.anchor(visit.location_id) + timedelta(minutes=visit.minute)
    return demo.local(visit.location_id, visit.day_offset, visit.minute)


def todays_fit(demo: Demo, visit: Visit) -> bool:
    """Whether scheduling can take today's visit: a no-show must have started (not so in a day's first hour)."""
    return visit.day_offset != 0 or visit.outcome != "noshow" or _start(demo, visit) <= demo.now


async def book_all(demo: Demo, visits: list[Visit]) -> dict[str, str]:
    """Every visit booked with its provider, room and type; the visit's key makes a retry book nothing twice."""
    booked: dict[str, str] = {}

    async def book(visit: Visit) -> None:
        start = _start(demo, visit)
        body = {
            "patient_id": demo.patient_ids[visit.patient_key],
            "provider_id": demo.staff_ids[visit.provider.key],
            "location_id": visit.location_id,
            "room_id": visit.provider.room_id,
            "appointment_type_id": demo.type_ids[(visit.location_id, visit.kind)],
            "start": start.isoformat(),
            "end": (start + timedelta(minutes=VISIT_MINUTES)).isoformat(),
        }
        # A 409 while scheduling is still projecting the roster's shifts from staff's events.
        made = await demo.session(f"desk:{visit.location_id}").until_known(
            "/scheduling/appointments", body, waiting=(409,), headers={"Idempotency-Key": visit.key}
        )
        booked[visit.key] = made["id"]
        demo.count("appointments booked")

    await gather_bounded((book(v) for v in visits), limit=12)
    return booked


async def play_out(demo: Demo, visits: list[Visit], booked: dict[str, str]) -> None:
    """Each visit moved to its outcome: fulfilled (checked in, then completed with codes), no-show, cancelled."""

    async def play(visit: Visit, index: int) -> None:
        desk = demo.session(f"desk:{visit.location_id}")
        appointment = booked[visit.key]
        if visit.outcome in ("fulfilled", "arrived", "in_room"):
            await desk.post(f"/scheduling/appointments/{appointment}/check-in")
        if visit.outcome == "fulfilled":
            clinician = demo.session(f"clinician:{visit.provider.key}")
            await clinician.post(f"/scheduling/appointments/{appointment}/complete", visit.completion)
        elif visit.outcome == "noshow":
            await desk.post(f"/scheduling/appointments/{appointment}/no-show")
        elif visit.outcome == "cancelled":
            await desk.post(
                f"/scheduling/appointments/{appointment}/cancel",
                {"by": "patient", "reason": REASONS[index % len(REASONS)]},
            )
        demo.count(f"{'today' if visit.day_offset == 0 else 'past' if visit.day_offset < 0 else 'future'} "
                   f"{visit.outcome}")  # fmt: skip

    await gather_bounded((play(v, i) for i, v in enumerate(visits)), limit=12)


async def fill_waitlist(demo: Demo, visits: list[Visit]) -> None:
    """Patients waiting for an earlier visit: today's cancellations offer them the freed time."""
    for location_id, patient_key, earliest, latest in waitlist(demo.practice, visits):
        today = demo.today(location_id)
        await demo.session(f"desk:{location_id}").post(
            "/scheduling/waitlist",
            {
                "patient_id": demo.patient_ids[patient_key],
                "location_id": location_id,
                "appointment_type_id": demo.type_ids[(location_id, "Office visit")],
                "earliest": str(today + timedelta(days=earliest)),
                "latest": str(today + timedelta(days=latest)),
                "priority": (earliest * 7) % 10,
            },
        )
        demo.count("waitlist entries")
