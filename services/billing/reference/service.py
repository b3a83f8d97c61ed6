"""Billing's reference data: payers and their contracted rates, each location's fees and billing profile."""

import uuid
from decimal import Decimal

from sqlalchemy import bindparam, delete, select

from services.billing.reference.models import BillingProfile, ContractedRate, FeeScheduleEntry, MissedVisitFee, Payer
from services.billing.reference.schemas import BillingProfileIn, FeeIn, MissedVisitFeesIn, PayerIn, RateIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import NotFound, Unprocessable
from shared.uow import UnitOfWork


async def create_payer(*, uow: UnitOfWork, cmd: PayerIn, actor: Principal) -> Payer:
    """Add a payer; its X12 payer id is unique."""
    payer = Payer(id=str(uuid.uuid4()), created_at=utcnow(), **cmd.model_dump(mode="json"))
    async with uow:
        await uow.add_unique(payer, conflict=f"a payer with X12 id {cmd.x12_payer_id} exists", field="x12_payer_id")
    return payer


async def list_payers(*, uow: UnitOfWork, actor: Principal) -> list[Payer]:
    """Every payer, by name."""
    async with uow:
        return list((await uow.session.scalars(select(Payer).order_by(Payer.name, Payer.id))).all())


async def get_payer(uow: UnitOfWork, payer_id: str, field: str = "payer_id") -> Payer:
    payer = await uow.session.get(Payer, payer_id)
    if payer is None:
        raise NotFound(f"payer {payer_id} not found", field=field)
    return payer


def _distinct(codes: list[tuple[str, str]], field: str) -> None:
    if len(set(codes)) != len(codes):
        raise Unprocessable("a CPT code and modifier appear twice", field=field)


async def set_contracted_rates(
    *, uow: UnitOfWork, payer_id: str, cmd: list[RateIn], actor: Principal
) -> list[ContractedRate]:
    """Replace a payer's contracted (allowed) amounts."""
    _distinct([(r.cpt, r.modifier) for r in cmd], "body")
    async with uow:
        await get_payer(uow, payer_id)
        await uow.session.execute(delete(ContractedRate).where(ContractedRate.payer_id == payer_id))
        rates = [ContractedRate(id=str(uuid.uuid4()), payer_id=payer_id, **r.model_dump()) for r in cmd]
        uow.session.add_all(rates)
    return rates


async def contracted_rates(*, uow: UnitOfWork, payer_id: str, actor: Principal) -> list[ContractedRate]:
    """A payer's contracted amounts, by code."""
    async with uow:
        await get_payer(uow, payer_id)
        return list(
            (
                await uow.session.scalars(
                    select(ContractedRate)
                    .where(ContractedRate.payer_id == payer_id)
                    .order_by(ContractedRate.cpt, ContractedRate.modifier)
                )
            ).all()
        )


async def set_fee_schedule(
    *, uow: UnitOfWork, location_id: str, cmd: list[FeeIn], actor: Principal
) -> list[FeeScheduleEntry]:
    """Replace a location's fee schedule; charges already made keep their amounts."""
    actor.ensure_location(location_id)
    _distinct([(f.cpt, f.modifier) for f in cmd], "body")
    async with uow:
        await uow.session.execute(delete(FeeScheduleEntry).where(FeeScheduleEntry.location_id == location_id))
        entries = [FeeScheduleEntry(id=str(uuid.uuid4()), location_id=location_id, **f.model_dump()) for f in cmd]
        uow.session.add_all(entries)
    return entries


async def fee_schedule(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[FeeScheduleEntry]:
    """A location's fee schedule, by code."""
    actor.ensure_location(location_id)
    async with uow:
        return list(
            (
                await uow.session.scalars(
                    select(FeeScheduleEntry)
                    .where(FeeScheduleEntry.location_id == location_id)
                    .order_by(FeeScheduleEntry.cpt, FeeScheduleEntry.modifier)
                )
            ).all()
        )


async def set_billing_profile(
    *, uow: UnitOfWork, location_id: str, cmd: BillingProfileIn, actor: Principal
) -> BillingProfile:
    """Set the billing provider a location's claims name."""
    actor.ensure_location(location_id)
    async with uow:
        profile = await uow.session.get(BillingProfile, location_id, with_for_update=True)
        if profile is None:
            profile = BillingProfile(location_id=location_id)
            uow.session.add(profile)
        for name, value in cmd.model_dump(mode="json").items():
            setattr(profile, name, value)
        profile.updated_at = utcnow()
    return profile


async def billing_profile(*, uow: UnitOfWork, location_id: str, actor: Principal) -> BillingProfile:
    """A location's billing provider."""
    actor.ensure_location(location_id)
    async with uow:
        profile = await uow.session.get(BillingProfile, location_id)
    if profile is None:
        raise NotFound(f"location {location_id} has no billing profile", field="location_id")
    return profile


async def set_missed_visit_fees(
    *, uow: UnitOfWork, location_id: str, cmd: MissedVisitFeesIn, actor: Principal
) -> MissedVisitFee:
    """Set (or clear, with null) a location's no-show and late-cancellation fees."""
    actor.ensure_location(location_id)
    async with uow:
        fees = await uow.session.get(MissedVisitFee, location_id, with_for_update=True)
        if fees is None:
            fees = MissedVisitFee(location_id=location_id)
            uow.session.add(fees)
        fees.no_show_fee, fees.late_cancel_fee, fees.updated_at = cmd.no_show_fee, cmd.late_cancel_fee, utcnow()
    return fees


# The three columns, not entities (nothing here is changed), built once: every completed visit prices its lines.
_FEES = select(FeeScheduleEntry.cpt, FeeScheduleEntry.modifier, FeeScheduleEntry.amount).where(
    FeeScheduleEntry.location_id == bindparam("location_id"),
    FeeScheduleEntry.cpt.in_(bindparam("cpts", expanding=True)),
)


async def fees(uow: UnitOfWork, location_id: str, cpts: set[str]) -> dict[tuple[str, str], Decimal]:
    """The location's prices of these codes, by (code, modifier)."""
    rows = await uow.session.execute(_FEES, {"location_id": location_id, "cpts": sorted(cpts)})
    return {(row.cpt, row.modifier): row.amount for row in rows}


async def contracted(uow: UnitOfWork, payer_id: str, cpts: set[str]) -> dict[tuple[str, str], Decimal]:
    """The payer's contracted allowed amounts of these codes, by (code, modifier)."""
    rows = await uow.session.scalars(
        select(ContractedRate).where(ContractedRate.payer_id == payer_id, ContractedRate.cpt.in_(cpts))
    )
    return {(row.cpt, row.modifier): row.allowed_amount for row in rows}
