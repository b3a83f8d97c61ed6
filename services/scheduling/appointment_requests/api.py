"""Appointment request routes: the desk's list of pending requests, and booking one from a chosen slot."""

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from services.scheduling.access import front_desk
from services.scheduling.appointment_requests import service
from services.scheduling.appointment_requests.schemas import AppointmentRequestOut, BookFromRequestIn
from services.scheduling.appointments.schemas import AppointmentOut
from shared.web import MAX_OFFSET, NewUowDep, UowDep

FrontDesk = front_desk("Appointment")
router = APIRouter(prefix="/appointment-requests", tags=["appointment requests"])


@router.get("", response_model=list[AppointmentRequestOut])
async def list_requests(
    uow: UowDep,
    actor: FrontDesk,
    location_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    status: Literal["proposed", "booked", "cancelled"] = "proposed",
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
):
    """Requests of the caller's locations in a status (default: proposed, the ones to book), oldest first."""
    return await service.list_requests(
        uow=uow, actor=actor, location_id=location_id, status=status, limit=limit, offset=offset
    )


@router.get("/{request_id}", response_model=AppointmentRequestOut)
async def get_request(request_id: str, uow: UowDep, actor: FrontDesk):
    """One appointment request."""
    return await service.get_request(uow=uow, request_id=request_id, actor=actor)


@router.post("/{request_id}/book", status_code=201, response_model=AppointmentOut)
async def book_request(request_id: str, body: BookFromRequestIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Book the request into the chosen slot (the same rules as a desk booking); the request becomes booked."""
    return await service.book_request(uow=uow, new_uow=new_uow, request_id=request_id, cmd=body, actor=actor)
