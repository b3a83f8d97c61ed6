"""Appointment routes: thin, each calls one use case."""

from typing import Annotated

from fastapi import APIRouter, Header, Response

from services.scheduling.access import BREAK_GLASS_REFUSED, BreakGlassHeader, clinician, front_desk, manager
from services.scheduling.appointments import booking, lifecycle, rescheduling, service, views
from services.scheduling.appointments.schemas import (
    AppointmentChangeOut,
    AppointmentIn,
    AppointmentOut,
    CancellationIn,
    CompletionIn,
    RescheduleIn,
)
from shared.web import NewUowDep, UowDep

# Every route here touches a patient's data: a refused role is audited too.
Clinician = clinician("Appointment")
FrontDesk = front_desk("Appointment")
Manager = manager("Appointment")
router = APIRouter()


@router.post("/appointments", status_code=201, response_model=AppointmentOut, tags=["appointments"])
async def book_appointment(
    body: AppointmentIn,
    uow: UowDep,
    new_uow: NewUowDep,
    actor: FrontDesk,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=100)] = None,
):
    """Book an appointment; a retry with the same Idempotency-Key returns the first booking (200)."""
    appointment, created = await booking.book_appointment(
        uow=uow, new_uow=new_uow, cmd=body, actor=actor, idempotency_key=idempotency_key
    )
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
async def complete_appointment(
    appointment_id: str, body: CompletionIn, uow: UowDep, new_uow: NewUowDep, actor: Clinician
):
    """Complete the visit with CPT lines and ICD-10 codes (arrived -> fulfilled)."""
    return await lifecycle.complete(uow=uow, new_uow=new_uow, appointment_id=appointment_id, cmd=body, actor=actor)


@router.post("/appointments/{appointment_id}/cancel", response_model=AppointmentOut, tags=["appointments"])
async def cancel_appointment(
    appointment_id: str, body: CancellationIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk
):
    """Cancel (booked -> cancelled); flagged late inside the location's notice window."""
    return await lifecycle.cancel(uow=uow, new_uow=new_uow, appointment_id=appointment_id, cmd=body, actor=actor)


@router.post("/appointments/{appointment_id}/no-show", response_model=AppointmentOut, tags=["appointments"])
async def mark_no_show(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The patient did not come (booked -> noshow), once the start time has passed."""
    return await lifecycle.no_show(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.post("/appointments/{appointment_id}/reschedule", response_model=AppointmentOut, tags=["appointments"])
async def reschedule(appointment_id: str, body: RescheduleIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Move a booked appointment to another time, provider or room; its history keeps the old one."""
    return await rescheduling.reschedule(uow=uow, new_uow=new_uow, appointment_id=appointment_id, cmd=body, actor=actor)


@router.get("/appointments/{appointment_id}/history", response_model=list[AppointmentChangeOut], tags=["appointments"])
async def appointment_history(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Where and when the appointment was before each reschedule."""
    return await views.history(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.post("/appointments/{appointment_id}/entered-in-error", response_model=AppointmentOut, tags=["appointments"])
async def enter_in_error(appointment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Manager):
    """The appointment should never have existed; it frees its time."""
    return await lifecycle.enter_in_error(uow=uow, new_uow=new_uow, appointment_id=appointment_id, actor=actor)


@router.get(
    "/patients/{patient_id}/appointments",
    response_model=list[AppointmentOut],
    tags=["patients"],
    responses={403: BREAK_GLASS_REFUSED},
)
async def patient_appointments(
    patient_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk, break_glass: BreakGlassHeader = None
):
    """The patient's appointments at the caller's locations, latest first; all of them when breaking the glass.

    `X-Break-Glass: <reason>` works as on `GET /patients/{patient_id}`.
    """
    return await views.patient_appointments(
        uow=uow, new_uow=new_uow, patient_id=patient_id, actor=actor, break_glass=break_glass
    )
