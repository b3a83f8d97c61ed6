"""Billing's reports over claims, remittances, charges, payments and missed visits (read-only).

Reports hold no patient identifiers, only sums per payer, location, provider and code, so
reading them is not PHI access. Days and months are each location's local calendar days and
months (its timezone from `facilities.location`, UTC until known). Definitions: domain.py.
This module: who a report covers, its period, A/R aging and denials; revenue.py: the rest.
"""

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import and_, exists, select, true

from services.billing.claims.models import Claim, ClaimLine
from services.billing.db import ZERO
from services.billing.projections import service as projections
from services.billing.reference.models import Payer
from services.billing.reports.domain import AGING_BUCKETS, Receivable, aging, count_and_sum_by, payer_outstanding
from services.billing.reports.schemas import AgingReport, AgingRow, CountedAmount, DenialReport
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import local_date
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


def locations_in_scope(actor: Principal, location_id: str | None) -> list[str] | None:
    """The locations a report covers: the one asked for, else all the caller may see (None: every one)."""
    if location_id:
        actor.ensure_location(location_id)
        return [location_id]
    return None if ALL_LOCATIONS in actor.locations else sorted(actor.locations)


def within_scope(column, scope: list[str] | None):
    return true() if scope is None else column.in_(scope)


def period(start: date, end: date) -> tuple[datetime, datetime]:
    """A UTC window holding the local days start..end of every location (no offset is a day or more)."""
    if end < start:
        raise Unprocessable("end is before start", field="end")
    return (
        datetime.combine(start - timedelta(days=1), time(0), tzinfo=UTC),
        datetime.combine(end + timedelta(days=2), time(0), tzinfo=UTC),
    )


class LocalDays:
    """The local day of a moment at a location, and whether it lies in the report's period."""

    def __init__(self, zones: dict, start: date, end: date):
        self.zones, self.start, self.end = zones, start, end

    @classmethod
    async def load(cls, uow: UnitOfWork, locations, start: date, end: date) -> "LocalDays":
        return cls(await projections.zones_of(uow, locations), start, end)

    def day(self, moment: datetime, location_id: str) -> date:
        return local_date(moment, self.zones[location_id])

    def within(self, moment: datetime, location_id: str) -> bool:
        return self.start <= self.day(moment, location_id) <= self.end


async def ar_aging(*, uow: UnitOfWork, scope: list[str] | None, as_of: date | None, now: datetime) -> AgingReport:
    """Payer balances of claims in 0-30 ... 120+ day buckets since the date of service.

    Without `as_of`, each claim ages until today at its own location.
    """
    async with uow:
        rows = (
            await uow.session.execute(
                select(
                    Claim.payer_id,
                    Payer.name,
                    Claim.location_id,
                    Claim.date_of_service,
                    Claim.total_charge,
                    Claim.paid_amount,
                    Claim.adjustment_amount,
                    Claim.patient_responsibility,
                    Claim.prior_payer_amount,
                )
                .join(Payer, Payer.id == Claim.payer_id)
                .where(within_scope(Claim.location_id, scope), Claim.date_of_service <= (as_of or date.max))
            )
        ).all()
        zones = await projections.zones_of(uow, {row.location_id for row in rows})
    today = {location_id: as_of or local_date(now, zone) for location_id, zone in zones.items()}
    rows = [row for row in rows if row.date_of_service <= today[row.location_id]]
    names = {row.payer_id: row.name for row in rows}
    receivables = [
        Receivable(
            r.payer_id,
            r.location_id,
            r.date_of_service,
            payer_outstanding(
                r.total_charge, r.paid_amount, r.adjustment_amount, r.patient_responsibility, r.prior_payer_amount
            ),
        )
        for r in rows
    ]

    def table(group, name=lambda key: None) -> list[AgingRow]:
        cells = aging(receivables, as_of=today, group=group)
        return [
            AgingRow(key=key, name=name(key), total=row.pop("total"), buckets=row) for key, row in sorted(cells.items())
        ]

    total = table(lambda r: "all")
    empty = AgingRow(key="all", buckets={name: ZERO for name, _ in AGING_BUCKETS}, total=ZERO)
    return AgingReport(
        as_of=as_of,
        as_of_by_location=today if as_of is None else {},
        basis="date_of_service",
        by_payer=table(lambda r: r.payer_id, names.get),
        by_location=table(lambda r: r.location_id),
        total=total[0] if total else empty,
    )


async def denials(*, uow: UnitOfWork, scope: list[str] | None, start: date, end: date) -> DenialReport:
    """Denied lines (or whole claims) adjudicated in the period, by CARC, payer and provider.

    Claims as they stand now: a denial later overturned and paid no longer counts.
    """
    since, until = period(start, end)
    adjudicated = and_(
        within_scope(Claim.location_id, scope), Claim.adjudicated_at >= since, Claim.adjudicated_at < until
    )
    when = (Claim.adjudicated_at, Claim.location_id)
    async with uow:
        lines = (
            await uow.session.execute(
                select(ClaimLine.denial_carc, ClaimLine.charge_amount, Claim.payer_id, Claim.provider_id, *when)
                .join(Claim, Claim.id == ClaimLine.claim_id)
                .where(adjudicated, ClaimLine.denial_carc.is_not(None))
            )
        ).all()
        denied_line = exists().where(ClaimLine.claim_id == Claim.id, ClaimLine.denial_carc.is_not(None))
        claims = (
            await uow.session.execute(
                select(Claim.denial_carc, Claim.total_charge, Claim.payer_id, Claim.provider_id, *when)
                # A partly paid claim's own CARC is its write-off reason; its denials are on its lines.
                .where(adjudicated, Claim.denial_carc.is_not(None), Claim.status != "partially_paid", ~denied_line)
            )
        ).all()
        days = await LocalDays.load(uow, {row.location_id for row in [*lines, *claims]}, start, end)
    denied = [tuple(row)[:4] for row in [*lines, *claims] if days.within(row.adjudicated_at, row.location_id)]

    def grouped(index: int) -> list[CountedAmount]:
        return [
            CountedAmount(key=key, count=count, amount=amount)
            for key, count, amount in count_and_sum_by((row[index], row[1]) for row in denied)
        ]

    return DenialReport(start=start, end=end, by_carc=grouped(0), by_payer=grouped(2), by_provider=grouped(3))
