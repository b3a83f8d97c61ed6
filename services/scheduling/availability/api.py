"""Availability routes: thin, each calls one use case."""

from fastapi import APIRouter, Response
from pydantic import TypeAdapter

from services.scheduling.access import FrontDesk, Manager, front_desk
from services.scheduling.appointments.schemas import AppointmentOut
from services.scheduling.availability import service as availability
from services.scheduling.availability import slot_search
from services.scheduling.availability.domain import OpenSlot
from services.scheduling.availability.schemas import (
    AppointmentTypeIn,
    AppointmentTypeOut,
    BookabilityOut,
    ProviderOut,
    SlotOut,
)
from shared.fields import Day, Instant
from shared.web import UowDep

OPEN_SLOTS = TypeAdapter(list[OpenSlot])
WorklistDesk = front_desk("Appointment")  # the worklist names patients: a refused role is audited
router = APIRouter()


@router.get("/providers/{staff_id}/bookability", response_model=BookabilityOut, tags=["availability"])
async def provider_bookability(
    staff_id: str, location_id: str, start: Instant, end: Instant, uow: UowDep, actor: FrontDesk
):
    """Whether the provider can be booked at the location then, and if not, why."""
    return await availability.provider_bookability(
        uow=uow, staff_id=staff_id, location_id=location_id, start=start, end=end, actor=actor
    )


@router.get("/locations/{location_id}/providers", response_model=list[ProviderOut], tags=["availability"])
async def location_providers(location_id: str, uow: UowDep, actor: FrontDesk):
    """The clinicians who can be booked at the location, by name: the schedule's columns."""
    return await availability.location_providers(uow=uow, location_id=location_id, actor=actor)


@router.get("/locations/{location_id}/worklist", response_model=list[AppointmentOut], tags=["availability"])
async def worklist(location_id: str, uow: UowDep, actor: WorklistDesk):
    """Future appointments of the location that need rescheduling, with the reasons."""
    return await availability.worklist(uow=uow, location_id=location_id, actor=actor)


@router.post(
    "/locations/{location_id}/appointment-types",
    status_code=201,
    response_model=AppointmentTypeOut,
    tags=["availability"],
)
async def add_appointment_type(location_id: str, body: AppointmentTypeIn, uow: UowDep, actor: Manager):
    """Offer a new kind of appointment at the location."""
    return await availability.add_appointment_type(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get(
    "/locations/{location_id}/appointment-types", response_model=list[AppointmentTypeOut], tags=["availability"]
)
async def appointment_types(location_id: str, uow: UowDep, actor: FrontDesk):
    """The kinds of appointment the location offers."""
    return await availability.appointment_types(uow=uow, location_id=location_id, actor=actor)


@router.get("/slots", response_model=list[SlotOut], tags=["availability"])
async def open_slots(
    location_id: str,
    appointment_type_id: str,
    first_day: Day,
    last_day: Day,
    uow: UowDep,
    actor: FrontDesk,
    provider_id: str | None = None,
):
    """Open slots between two local dates (inclusive), per provider and with the free rooms."""
    found = await slot_search.search(
        uow=uow,
        location_id=location_id,
        appointment_type_id=appointment_type_id,
        first_day=first_day,
        last_day=last_day,
        provider_id=provider_id,
        actor=actor,
    )
    # A week holds thousands of slots, made by the server itself: serialized once in pydantic-core, as SlotOut
    # documents them, rather than each validated again as a SlotOut first.
    return Response(OPEN_SLOTS.dump_json(found), media_type="application/json")
