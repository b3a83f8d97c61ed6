"""Billing's reports over claims, remittances, charges, payments and missed visits (read-only).

Reports hold no patient identifiers, only sums per payer, location, provider and code, so
reading them is not PHI access. Days and months are each location's local calendar days and
months (its timezone from `facilities.location`, UTC until known). Definitions: report_rules.
"""

from collections import defaultdict
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal

from sqlalchemy import and_, exists, or_, select, true

from services.billing.claim_models import Claim, ClaimLine
from shared.clock import local_date
from services.billing.ledger_models import MissedVisit as MissedVisitRow, Payment, Refund
from services.billing.locations import zones_of
from services.billing.models import Charge, Payer
from services.billing.remittance_models import Remittance, RemittanceClaimPayment
from services.billing.report_rules import (
    AGING_BUCKETS, MISSED_VISIT_DEFINITION, ZERO, MissedVisit, Receivable, aging, count_and_sum_by,
    missed_visit_cost, payer_outstanding, sum_by,
)
from services.billing.report_schemas import (
    AgingReport, AgingRow, CollectionsReport, CountedAmount, DenialReport, MissedVisitReport,
)
from shared.auth import ALL_LOCATIONS, Principal
from shared.errors import Unprocessable
from shared.uow import UnitOfWork

MISSED_KINDS = ("no_show", "late_cancel")


def locations_in_scope(actor: Principal, location_id: str | None) -> list[str] | None:
    """The locations a report covers: the one asked for, else all the caller may see (None: every one)."""
    if location_id:
        actor.ensure_location(location_id)
        return [location_id]
    return None if ALL_LOCATIONS in actor.locations else sorted(actor.locations)


def _within(column, scope: list[str] | None):
    return true() if scope is None else column.in_(scope)


def _period(start: date, end: date) -> tuple[datetime, datetime]:
    """A UTC window holding the local days start..end of every location (no offset is a day or more)."""
    if end < start:
        raise Unprocessable("end is before start", field="end")
    return (datetime.combine(start - timedelta(days=1), time(0), tzinfo=UTC),
            datetime.combine(end + timedelta(days=2), time(0), tzinfo=UTC))


class _LocalDays:
    """The local day of a moment at a location, and whether it lies in the report's period."""

    def __init__(self, zones: dict, start: date, end: date):
        self.zones, self.start, self.end = zones, start, end

    @classmethod
    async def load(cls, uow: UnitOfWork, locations, start: date, end: date) -> "_LocalDays":
        return cls(await zones_of(uow, locations), start, end)

    def day(self, moment: datetime, location_id: str) -> date:
        return local_date(moment, self.zones[location_id])

    def within(self, moment: datetime, location_id: str) -> bool:
        return self.start <= self.day(moment, location_id) <= self.end


async def ar_aging(*, uow: UnitOfWork, scope: list[str] | None, as_of: date | None, now: datetime) -> AgingReport:
    """Payer balances of claims in 0-30 ... 120+ day buckets since the date of service.

    Without `as_of`, each claim ages until today at its own location.
    """
    async with uow:
        rows = (await uow.session.execute(
            select(Claim.payer_id, Payer.name, Claim.location_id, Claim.date_of_service, Claim.total_charge,
                   Claim.paid_amount, Claim.adjustment_amount, Claim.patient_responsibility, Claim.prior_payer_amount)
            .join(Payer, Payer.id == Claim.payer_id)
            .where(_within(Claim.location_id, scope), Claim.date_of_service <= (as_of or date.max))
        )).all()
        zones = await zones_of(uow, {row.location_id for row in rows})
    today = {location_id: as_of or local_date(now, zone) for location_id, zone in zones.items()}
    rows = [row for row in rows if row.date_of_service <= today[row.location_id]]
    names = {row.payer_id: row.name for row in rows}
    receivables = [
        Receivable(r.payer_id, r.location_id, r.date_of_service,
                   payer_outstanding(r.total_charge, r.paid_amount, r.adjustment_amount, r.patient_responsibility,
                                     r.prior_payer_amount))
        for r in rows
    ]

    def table(group, name=lambda key: None) -> list[AgingRow]:
        cells = aging(receivables, as_of=today, group=group)
        return [AgingRow(key=key, name=name(key), total=row.pop("total"), buckets=row)
                for key, row in sorted(cells.items())]

    total = table(lambda r: "all")
    empty = AgingRow(key="all", buckets={name: ZERO for name, _ in AGING_BUCKETS}, total=ZERO)
    return AgingReport(as_of=as_of, as_of_by_location=today if as_of is None else {}, basis="date_of_service",
                       by_payer=table(lambda r: r.payer_id, names.get),
                       by_location=table(lambda r: r.location_id), total=total[0] if total else empty)


async def denials(*, uow: UnitOfWork, scope: list[str] | None, start: date, end: date) -> DenialReport:
    """Denied lines (or whole claims) adjudicated in the period, by CARC, payer and provider.

    Claims as they stand now: a denial later overturned and paid no longer counts.
    """
    since, until = _period(start, end)
    adjudicated = and_(_within(Claim.location_id, scope), Claim.adjudicated_at >= since, Claim.adjudicated_at < until)
    when = (Claim.adjudicated_at, Claim.location_id)
    async with uow:
        lines = (await uow.session.execute(
            select(ClaimLine.denial_carc, ClaimLine.charge_amount, Claim.payer_id, Claim.provider_id, *when)
            .join(Claim, Claim.id == ClaimLine.claim_id)
            .where(adjudicated, ClaimLine.denial_carc.is_not(None))
        )).all()
        denied_line = exists().where(ClaimLine.claim_id == Claim.id, ClaimLine.denial_carc.is_not(None))
        claims = (await uow.session.execute(
            select(Claim.denial_carc, Claim.total_charge, Claim.payer_id, Claim.provider_id, *when)
            # A partly paid claim's own CARC is its write-off reason; its denials are on its lines.
            .where(adjudicated, Claim.denial_carc.is_not(None), Claim.status != "partially_paid", ~denied_line)
        )).all()
        days = await _LocalDays.load(uow, {row.location_id for row in [*lines, *claims]}, start, end)
    denied = [tuple(row)[:4] for row in [*lines, *claims] if days.within(row.adjudicated_at, row.location_id)]

    def grouped(index: int) -> list[CountedAmount]:
        return [CountedAmount(key=key, count=count, amount=amount)
                for key, count, amount in count_and_sum_by((row[index], row[1]) for row in denied)]

    return DenialReport(start=start, end=end, by_carc=grouped(0), by_payer=grouped(2), by_provider=grouped(3))


async def collections(*, uow: UnitOfWork, scope: list[str] | None, start: date, end: date) -> CollectionsReport:
    """Revenue (charges by date of service) and collections (payer and patient, net of refunds) by month."""
    since, until = _period(start, end)
    async with uow:
        charges = (await uow.session.execute(
            select(Charge.date_of_service, Charge.location_id, Charge.provider_id, Charge.amount)
            .where(_within(Charge.location_id, scope), Charge.date_of_service >= start, Charge.date_of_service <= end)
        )).all()
        paid_on = or_(and_(Remittance.payment_date >= start, Remittance.payment_date <= end),
                      and_(Remittance.payment_date.is_(None), Remittance.imported_at >= since,
                           Remittance.imported_at < until))
        remitted = (await uow.session.execute(
            select(Remittance.payment_date, Remittance.imported_at, Claim.location_id, Claim.provider_id,
                   RemittanceClaimPayment.paid_amount)
            .join(RemittanceClaimPayment, RemittanceClaimPayment.remittance_id == Remittance.id)
            .join(Claim, Claim.id == RemittanceClaimPayment.claim_id)
            .where(_within(Claim.location_id, scope), paid_on)
        )).all()
        days = await _LocalDays.load(uow, {row.location_id for row in remitted}, start, end)
        patient = await _patient_collections(uow, scope, start, end)
    # The payer's payment date (BPR16) is already a calendar day; an import time is not.
    remitted = [(paid or days.day(imported, loc), loc, prov, amount) for paid, imported, loc, prov, amount in remitted
                if paid or days.within(imported, loc)]
    revenue = sum_by(((_month(d), loc, prov), amount) for d, loc, prov, amount in charges)
    payer = sum_by(((_month(day), loc, prov), amount) for day, loc, prov, amount in remitted)
    keys = sorted(set(revenue) | set(payer) | set(patient))
    rows = [dict(month=key[0], location_id=key[1], provider_id=key[2], revenue=revenue.get(key, ZERO),
                 payer_collections=payer.get(key, ZERO), patient_collections=patient.get(key, ZERO),
                 collections=payer.get(key, ZERO) + patient.get(key, ZERO))
            for key in keys]
    return CollectionsReport(start=start, end=end, rows=rows, revenue=sum((r["revenue"] for r in rows), ZERO),
                             collections=sum((r["collections"] for r in rows), ZERO))


async def _patient_collections(uow: UnitOfWork, scope, start: date, end: date) -> dict[tuple, Decimal]:
    # A patient payment counts for the provider of the visit it paid for, when it names one, and for
    # the month of the day it was taken at its location.
    since, until = _period(start, end)
    received = (await uow.session.execute(
        select(Payment.received_at, Payment.location_id, Payment.appointment_id, Payment.amount)
        .where(_within(Payment.location_id, scope), Payment.received_at >= since, Payment.received_at < until)
    )).all()
    refunded = (await uow.session.execute(
        select(Refund.refunded_at, Payment.location_id, Payment.appointment_id, -Refund.amount)
        .join(Payment, Payment.id == Refund.payment_id)
        .where(_within(Payment.location_id, scope), Refund.refunded_at >= since, Refund.refunded_at < until)
    )).all()
    days = await _LocalDays.load(uow, {row.location_id for row in [*received, *refunded]}, start, end)
    moves = [tuple(row) for row in [*received, *refunded] if days.within(row[0], row[1])]
    appointments = {appointment for _, _, appointment, _ in moves if appointment}
    providers = dict((await uow.session.execute(
        select(Charge.appointment_id, Charge.provider_id).where(Charge.appointment_id.in_(appointments)).distinct()
    )).all()) if appointments else {}
    return sum_by(((_month(days.day(at, loc)), loc, providers.get(appointment, "unattributed")), amount)
                  for at, loc, appointment, amount in moves)


async def missed_visits(*, uow: UnitOfWork, scope: list[str] | None, start: date, end: date) -> MissedVisitReport:
    """What no-shows and late cancellations scheduled in the period cost: fees charged and revenue lost."""
    since, until = _period(start, end)
    async with uow:
        missed = (await uow.session.execute(
            select(MissedVisitRow.appointment_id, MissedVisitRow.location_id, MissedVisitRow.provider_id,
                   MissedVisitRow.kind, MissedVisitRow.scheduled_start)
            .where(_within(MissedVisitRow.location_id, scope), MissedVisitRow.scheduled_start >= since,
                   MissedVisitRow.scheduled_start < until)
        )).all()
        days = await _LocalDays.load(uow, {row.location_id for row in missed}, start, end)
        missed = [row for row in missed if days.within(row.scheduled_start, row.location_id)]
        ids = [row.appointment_id for row in missed]
        fees = dict((await uow.session.execute(
            select(Charge.appointment_id, Charge.amount)
            .where(Charge.appointment_id.in_(ids), Charge.kind.in_(MISSED_KINDS))
        )).all()) if ids else {}
        visit_rows = (await uow.session.execute(
            select(Charge.location_id, Charge.provider_id, Charge.appointment_id, Charge.amount)
            .where(_within(Charge.location_id, scope), Charge.kind == "visit",
                   Charge.date_of_service >= start, Charge.date_of_service <= end)
        )).all()
    per_visit: dict[tuple[str, str, str], Decimal] = defaultdict(lambda: ZERO)
    for loc, prov, appointment, amount in visit_rows:
        per_visit[(loc, prov, appointment)] += amount
    visits: dict[tuple[str, str], tuple[int, Decimal]] = {}
    for (loc, prov, _), amount in per_visit.items():
        count, total = visits.get((loc, prov), (0, ZERO))
        visits[(loc, prov)] = (count + 1, total + amount)
    cost = missed_visit_cost(
        [MissedVisit(r.location_id, r.provider_id, r.kind, fees.get(r.appointment_id, ZERO)) for r in missed], visits)
    rows = [dict(location_id=loc, kind=kind, net_cost=row["revenue_lost"] - row["fees_charged"], **row)
            for (loc, kind), row in sorted(cost.items())]
    return MissedVisitReport(
        start=start, end=end, definition=MISSED_VISIT_DEFINITION, rows=rows,
        fees_charged=sum((r["fees_charged"] for r in rows), ZERO),
        revenue_lost=sum((r["revenue_lost"] for r in rows), ZERO))


def _month(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"
