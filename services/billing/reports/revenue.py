"""Revenue reports: collections against charges by local month, and what missed visits cost (read-only)."""

from collections import defaultdict
from datetime import date
from decimal import Decimal

from sqlalchemy import and_, or_, select

from services.billing.charges.models import Charge
from services.billing.claims.models import Claim
from services.billing.db import ZERO
from services.billing.ledger.models import Payment, Refund
from services.billing.projections.models import MissedVisit as MissedVisitRow
from services.billing.remittances.models import Remittance, RemittanceClaimPayment
from services.billing.reports.domain import MISSED_VISIT_DEFINITION, MissedVisit, missed_visit_cost, month_key, sum_by
from services.billing.reports.schemas import CollectionsReport, MissedVisitReport
from services.billing.reports.service import LocalDays, period, within_scope
from shared.uow import UnitOfWork

MISSED_KINDS = ("no_show", "late_cancel")


async def collections(*, uow: UnitOfWork, scope: list[str] | None, start: date, end: date) -> CollectionsReport:
    """Revenue (charges by date of service) and collections (payer and patient, net of refunds) by month."""
    since, until = period(start, end)
    async with uow:
        charges = (
            await uow.session.execute(
                select(Charge.date_of_service, Charge.location_id, Charge.provider_id, Charge.amount).where(
                    within_scope(Charge.location_id, scope),
                    Charge.date_of_service >= start,
                    Charge.date_of_service <= end,
                )
            )
        ).all()
        paid_on = or_(
            and_(Remittance.payment_date >= start, Remittance.payment_date <= end),
            and_(Remittance.payment_date.is_(None), Remittance.imported_at >= since, Remittance.imported_at < until),
        )
        remitted = (
            await uow.session.execute(
                select(
                    Remittance.payment_date,
                    Remittance.imported_at,
                    Claim.location_id,
                    Claim.provider_id,
                    RemittanceClaimPayment.paid_amount,
                )
                .join(RemittanceClaimPayment, RemittanceClaimPayment.remittance_id == Remittance.id)
                .join(Claim, Claim.id == RemittanceClaimPayment.claim_id)
                .where(within_scope(Claim.location_id, scope), paid_on)
            )
        ).all()
        days = await LocalDays.load(uow, {row.location_id for row in remitted}, start, end)
        patient = await _patient_collections(uow, scope, start, end)
    # The payer's payment date (BPR16) is already a calendar day; an import time is not.
    remitted = [
        (paid or days.day(imported, loc), loc, prov, amount)
        for paid, imported, loc, prov, amount in remitted
        if paid or days.within(imported, loc)
    ]
    revenue = sum_by(((month_key(d), loc, prov), amount) for d, loc, prov, amount in charges)
    payer = sum_by(((month_key(day), loc, prov), amount) for day, loc, prov, amount in remitted)
    keys = sorted(set(revenue) | set(payer) | set(patient))
    rows = [
        dict(
            month=key[0],
            location_id=key[1],
            provider_id=key[2],
            revenue=revenue.get(key, ZERO),
            payer_collections=payer.get(key, ZERO),
            patient_collections=patient.get(key, ZERO),
            collections=payer.get(key, ZERO) + patient.get(key, ZERO),
        )
        for key in keys
    ]
    return CollectionsReport(
        start=start,
        end=end,
        rows=rows,
        revenue=sum((r["revenue"] for r in rows), ZERO),
        collections=sum((r["collections"] for r in rows), ZERO),
    )


async def _patient_collections(uow: UnitOfWork, scope, start: date, end: date) -> dict[tuple, Decimal]:
    # A patient payment counts for the provider of the visit it paid for, when it names one, and for
    # the month of the day it was taken at its location.
    since, until = period(start, end)
    received = (
        await uow.session.execute(
            select(Payment.received_at, Payment.location_id, Payment.appointment_id, Payment.amount).where(
                within_scope(Payment.location_id, scope), Payment.received_at >= since, Payment.received_at < until
            )
        )
    ).all()
    refunded = (
        await uow.session.execute(
            select(Refund.refunded_at, Payment.location_id, Payment.appointment_id, -Refund.amount)
            .join(Payment, Payment.id == Refund.payment_id)
            .where(within_scope(Payment.location_id, scope), Refund.refunded_at >= since, Refund.refunded_at < until)
        )
    ).all()
    days = await LocalDays.load(uow, {row.location_id for row in [*received, *refunded]}, start, end)
    moves = [tuple(row) for row in [*received, *refunded] if days.within(row[0], row[1])]
    appointments = {appointment for _, _, appointment, _ in moves if appointment}
    providers = (
        dict(
            (
                await uow.session.execute(
                    select(Charge.appointment_id, Charge.provider_id)
                    .where(Charge.appointment_id.in_(appointments))
                    .distinct()
                )
            ).all()
        )
        if appointments
        else {}
    )
    return sum_by(
        ((month_key(days.day(at, loc)), loc, providers.get(appointment, "unattributed")), amount)
        for at, loc, appointment, amount in moves
    )


async def missed_visits(*, uow: UnitOfWork, scope: list[str] | None, start: date, end: date) -> MissedVisitReport:
    """What no-shows and late cancellations scheduled in the period cost: fees charged and revenue lost."""
    since, until = period(start, end)
    async with uow:
        missed = (
            await uow.session.execute(
                select(
                    MissedVisitRow.appointment_id,
                    MissedVisitRow.location_id,
                    MissedVisitRow.provider_id,
                    MissedVisitRow.kind,
                    MissedVisitRow.scheduled_start,
                ).where(
                    within_scope(MissedVisitRow.location_id, scope),
                    MissedVisitRow.scheduled_start >= since,
                    MissedVisitRow.scheduled_start < until,
                )
            )
        ).all()
        days = await LocalDays.load(uow, {row.location_id for row in missed}, start, end)
        missed = [row for row in missed if days.within(row.scheduled_start, row.location_id)]
        ids = [row.appointment_id for row in missed]
        fees = (
            dict(
                (
                    await uow.session.execute(
                        select(Charge.appointment_id, Charge.amount).where(
                            Charge.appointment_id.in_(ids), Charge.kind.in_(MISSED_KINDS)
                        )
                    )
                ).all()
            )
            if ids
            else {}
        )
        visit_rows = (
            await uow.session.execute(
                select(Charge.location_id, Charge.provider_id, Charge.appointment_id, Charge.amount).where(
                    within_scope(Charge.location_id, scope),
                    Charge.kind == "visit",
                    Charge.date_of_service >= start,
                    Charge.date_of_service <= end,
                )
            )
        ).all()
    per_visit: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
    for loc, prov, appointment, amount in visit_rows:
        per_visit[(loc, prov, appointment)] += amount
    visits: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for (loc, prov, _), amount in per_visit.items():
        count, total = visits.get((loc, prov), (0, ZERO))
        visits[(loc, prov)] = (count + 1, total + amount)
    cost = missed_visit_cost(
        [MissedVisit(r.location_id, r.provider_id, r.kind, fees.get(r.appointment_id, ZERO)) for r in missed], visits
    )
    rows = [
        dict(location_id=loc, kind=kind, net_cost=row["revenue_lost"] - row["fees_charged"], **row)
        for (loc, kind), row in sorted(cost.items())
    ]
    return MissedVisitReport(
        start=start,
        end=end,
        definition=MISSED_VISIT_DEFINITION,
        rows=rows,
        fees_charged=sum((r["fees_charged"] for r in rows), ZERO),
        revenue_lost=sum((r["revenue_lost"] for r in rows), ZERO),
    )
