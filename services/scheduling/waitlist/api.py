"""Waitlist HTTP routes: thin, each calls one use case."""

from fastapi import APIRouter, Response

from services.scheduling.access import front_desk, manager
from services.scheduling.appointments.schemas import AppointmentOut
from services.scheduling.waitlist import service as waitlist
from services.scheduling.waitlist.schemas import WaitlistEntryIn, WaitlistEntryOut, WaitlistOfferOut
from shared.fields import Instant
from shared.web import NewUowDep, UowDep

# Every route here touches a patient's data: a refused role is audited too.
FrontDesk = front_desk("WaitlistEntry")
Manager = manager("WaitlistEntry")
router = APIRouter(tags=["waitlist"])


@router.post("/waitlist", status_code=201, response_model=WaitlistEntryOut)
async def add_to_waitlist(body: WaitlistEntryIn, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Put a patient on the waitlist for an appointment type at a location within local dates."""
    return await waitlist.add_to_waitlist(uow=uow, new_uow=new_uow, cmd=body, actor=actor)


@router.get("/locations/{location_id}/waitlist", response_model=list[WaitlistEntryOut])
async def waiting_list(location_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Who waits at the location, best-ranked first, with the slot held for them if any."""
    return await waitlist.waiting_list(uow=uow, new_uow=new_uow, location_id=location_id, actor=actor)


@router.delete("/waitlist/{entry_id}", status_code=204)
async def withdraw(entry_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """Take a patient off the waitlist; a slot held for them goes to the next patient."""
    await waitlist.withdraw(uow=uow, new_uow=new_uow, entry_id=entry_id, actor=actor)
    return Response(status_code=204)


@router.post("/waitlist/offers/{offer_id}/accept", status_code=201, response_model=AppointmentOut)
async def accept_offer(offer_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The patient takes the held slot: it is booked for them (409 once the hold has expired)."""
    return await waitlist.accept_offer(uow=uow, new_uow=new_uow, offer_id=offer_id, actor=actor)


@router.post("/waitlist/offers/{offer_id}/decline", response_model=WaitlistOfferOut)
async def decline_offer(offer_id: str, uow: UowDep, new_uow: NewUowDep, actor: FrontDesk):
    """The patient does not want the slot; they keep waiting and the slot goes to the next patient."""
    return await waitlist.decline_offer(uow=uow, new_uow=new_uow, offer_id=offer_id, actor=actor)


@router.post("/locations/{location_id}/waitlist/expire-holds", response_model=list[WaitlistOfferOut])
async def expire_holds(location_id: str, uow: UowDep, actor: Manager, now: Instant | None = None):
    """Expire the location's holds that ran out by `now` (default: now) at once, without waiting for the job."""
    return await waitlist.expire_holds(uow=uow, now=now, location_id=location_id, actor=actor)
