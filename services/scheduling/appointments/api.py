"""Scheduling HTTP routes: thin, each calls one use case."""

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Header, Response
from pydantic import AwareDatetime

from services.scheduling import availability, booking, lifecycle, rescheduling, series, service, slot_search, views
from services.scheduling.access import Clinician, FrontDesk, Manager
from services.scheduling.schemas import (AppointmentChangeOut, AppointmentIn, AppointmentOut, AppointmentTypeIn,
                                         AppointmentTypeOut, BookabilityOut, CancellationIn, CompletionIn, DaySheetOut,
                                         RescheduleIn, SeriesIn, SlotOut)
from shared.web import NewUowDep, UowDep

router = APIRouter()


@router.post("/appointments", status_code=201, response_model=AppointmentOut, tags=["appointments"])
async def book_appointment(
    body: AppointmentIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk, response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=100)] = None,
):
    """Book an appointment; a retry with the same Idempotency-Key returns the first booking (200)."""
    appointment, created = await booking.book_appointment(
        uow=uow, new_uow=new_uow, cmd=body, actor=actor, idempotency_key=idempotency_key)
    if not created:
        response.status_code = 200
    return appointment


@router.get("/appointments/{appointment_id}", response_model=AppointmentOut, tags=["appointments"])
async def get_appointment(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """One appointment."""
    return await service.get_appointment(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.post("/appointments/{appointment_id}/check-in", response_model=AppointmentOut, tags=["appointments"])
async def check_in(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The patient has arrived (booked -> arrived)."""
    return await lifecycle.check_in(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.post("/appointments/{appointment_id}/complete", response_model=AppointmentOut, tags=["appointments"])
async def complete_appointment(appointment_id: str, body: CompletionIn, uow: UowDep, new_uow: NewUowDep,
                               actor: Clinician):
    """Complete the visit with CPT lines and ICD-10 codes (arrived -> fulfilled)."""
    return await lifecycle.complete(uow=uow, new_uow=new_uow, appointment_id=appointment_id, cmd=body, actor=actor)


@router.post("/appointments/{appointment_id}/cancel", response_model=AppointmentOut, tags=["appointments"])
async def cancel_appointment(appointment_id: str, body: CancellationIn, uow: UowDep, new_uow: NewUowDep,
                             actor: FrontDesk):
    """Cancel (booked -> cancelled); flagged late inside the location's notice window."""
    return await lifecycle.cancel(uow=uow, new_uow=new_uow, appointment_id=appointment_id, cmd=body, actor=actor)


@router.post("/appointments/{appointment_id}/no-show", response_model=AppointmentOut, tags=["appointments"])
async def mark_no_show(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The patient did not come (booked -> noshow), once the start time has passed."""
    return await lifecycle.no_show(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.get("/providers/{staff_id}/bookability", response_model=BookabilityOut, tags=["availability"])
async def provider_bookability(staff_id: str, location_id: str, start: AwareDatetime, end: AwareDatetime,
                               uow: UowDep, actor: FrontDesk):
    """Whether the provider can be booked at the location then, and if not, why."""
    return await availability.provider_bookability(uow=uow, staff_id=staff_id, location_id=location_id,
                                                   start=start, end=end, actor=actor)


@router.get("/locations/{location_id}/worklist", response_model=list[AppointmentOut], tags=["availability"])
async def worklist(location_id: str, uow: UowDep, actor: FrontDesk):
    """Future appointments of the location that need rescheduling, with the reasons."""
    return await availability.worklist(uow=uow, location_id=location_id, actor=actor)


@router.post("/locations/{location_id}/appointment-types", status_code=201, response_model=AppointmentTypeOut,
             tags=["availability"])
async def add_appointment_type(location_id: str, body: AppointmentTypeIn, uow: UowDep, actor: Manager):
    """Offer a new kind of appointment at the location."""
    return await availability.add_appointment_type(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/appointment-types", response_model=list[AppointmentTypeOut],
            tags=["availability"])
async def appointment_types(location_id: str, uow: UowDep, actor: FrontDesk):
    """The kinds of appointment the location offers."""
    return await availability.appointment_types(uow=uow, location_id=location_id, actor=actor)


@router.get("/slots", response_model=list[SlotOut], tags=["availability"])
async def open_slots(location_id: str, appointment_type_id: str, first_day: date, last_day: date, uow: UowDep,
                     actor: FrontDesk, provider_id: str | None = None):
    """Open slots between two local dates (inclusive), per provider and with the free rooms."""
    return await slot_search.search(uow=uow, location_id=location_id, appointment_type_id=appointment_type_id,
                                    first_day=first_day, last_day=last_day, provider_id=provider_id, actor=actor)


@router.post("/appointments/{appointment_id}/reschedule", response_model=AppointmentOut, tags=["appointments"])
async def reschedule(appointment_id: str, body: RescheduleIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Move a booked appointment to another time, provider or room; its history keeps the old one."""
    return await rescheduling.reschedule(uow=uow, new_uow=new_uow, appointment_id=appointment_id, cmd=body, actor=actor)


@router.get("/appointments/{appointment_id}/history", response_model=list[AppointmentChangeOut],
            tags=["appointments"])
async def appointment_history(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Where and when the appointment was before each reschedule."""
    return await views.history(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.post("/appointments/{appointment_id}/entered-in-error", response_model=AppointmentOut,
             tags=["appointments"])
async def enter_in_error(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Manager):
    """The appointment should never have existed; it frees its time."""
    return await lifecycle.enter_in_error(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.get("/locations/{location_id}/day-sheet", response_model=DaySheetOut, tags=["availability"])
async def day_sheet(location_id: str, day: date, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The location's appointments of one local day by provider, with its worklist."""
    return await views.day_sheet(uow=uow, new_uow=new_uow, location_id=location_id, day=day, actor=actor)


@router.post("/appointment-series", status_code=201, response_model=list[AppointmentOut], tags=["appointments"])
async def book_series(body: SeriesIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Book a recurring series (every N days or weeks, until a date or for a count), all or none."""
    return await series.book_series(uow=uow, new_uow=new_uow, cmd=body, actor=actor)
