"""Billing HTTP routes for reference data: thin, each calls one use case."""

from fastapi import APIRouter

from services.billing.access import Biller
from services.billing.reference import service as reference
from services.billing.reference.schemas import (
    BillingProfileIn,
    BillingProfileOut,
    FeeIn,
    FeeOut,
    MissedVisitFeesIn,
    MissedVisitFeesOut,
    PayerIn,
    PayerOut,
    RateIn,
    RateOut,
)
from shared.web import UowDep

router = APIRouter()


@router.post("/payers", status_code=201, response_model=PayerOut, tags=["payers"])
async def create_payer(body: PayerIn, uow: UowDep, actor: Biller):
    """Add a payer (X12 payer id, address, timely-filing limit)."""
    return await reference.create_payer(uow=uow, cmd=body, actor=actor)


@router.get("/payers", response_model=list[PayerOut], tags=["payers"])
async def list_payers(uow: UowDep, actor: Biller):
    """Every payer."""
    return await reference.list_payers(uow=uow, actor=actor)


@router.put("/payers/{payer_id}/contracted-rates", response_model=list[RateOut], tags=["payers"])
async def set_contracted_rates(payer_id: str, body: list[RateIn], uow: UowDep, actor: Biller):
    """Replace what the payer allows per CPT code."""
    return await reference.set_contracted_rates(uow=uow, payer_id=payer_id, cmd=body, actor=actor)


@router.get("/payers/{payer_id}/contracted-rates", response_model=list[RateOut], tags=["payers"])
async def contracted_rates(payer_id: str, uow: UowDep, actor: Biller):
    """What the payer allows per CPT code."""
    return await reference.contracted_rates(uow=uow, payer_id=payer_id, actor=actor)


@router.put("/locations/{location_id}/fee-schedule", response_model=list[FeeOut], tags=["fees"])
async def set_fee_schedule(location_id: str, body: list[FeeIn], uow: UowDep, actor: Biller):
    """Replace the location's charge per CPT code (and modifier)."""
    return await reference.set_fee_schedule(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/fee-schedule", response_model=list[FeeOut], tags=["fees"])
async def fee_schedule(location_id: str, uow: UowDep, actor: Biller):
    """The location's charge per CPT code."""
    return await reference.fee_schedule(uow=uow, location_id=location_id, actor=actor)


@router.put("/locations/{location_id}/billing-profile", response_model=BillingProfileOut, tags=["fees"])
async def set_billing_profile(location_id: str, body: BillingProfileIn, uow: UowDep, actor: Biller):
    """Set the billing provider (group NPI, tax id, address) the location's claims name."""
    return await reference.set_billing_profile(uow=uow, location_id=location_id, cmd=body, actor=actor)


@router.get("/locations/{location_id}/billing-profile", response_model=BillingProfileOut, tags=["fees"])
async def billing_profile(location_id: str, uow: UowDep, actor: Biller):
    """The location's billing provider."""
    return await reference.billing_profile(uow=uow, location_id=location_id, actor=actor)


@router.put("/locations/{location_id}/missed-visit-fees", response_model=MissedVisitFeesOut, tags=["fees"])
async def set_missed_visit_fees(location_id: str, body: MissedVisitFeesIn, uow: UowDep, actor: Biller):
    """Set the location's no-show and late-cancellation fees (null: none)."""
    return await reference.set_missed_visit_fees(uow=uow, location_id=location_id, cmd=body, actor=actor)
