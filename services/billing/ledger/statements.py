"""Patient statements: a period of the ledger between an opening and a closing balance."""

import csv
import io
from datetime import date
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from services.billing.db import ZERO
from services.billing.ledger.domain import StatementLine, local_days, reconcile
from services.billing.ledger.models import PatientLedgerEntry
from services.billing.ledger.schemas import StatementOut
from services.billing.projections import service as projections
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import local_date
from shared.errors import Unprocessable
from shared.uow import UnitOfWork


async def statement(
    *, uow: UnitOfWork, new_uow: UowFactory, patient_id: str, location_id: str, start: date, end: date, actor: Principal
) -> StatementOut:
    """The patient's ledger lines of [start, end] (the location's local days) that reconcile opening to closing."""
    if end < start:
        raise Unprocessable("end is before start", field="end")
    account = (PatientLedgerEntry.patient_id == patient_id, PatientLedgerEntry.location_id == location_id)
    async with audit_denials(new_uow), uow:
        ensure_phi_access(
            actor, action="read", resource="Statement", resource_id=None, patient_id=patient_id, location_id=location_id
        )
        zone = await projections.zone_of(uow, location_id)
        since, until = local_days(start, end, zone)
        before = await uow.session.scalar(
            select(PatientLedgerEntry)
            .where(*account, PatientLedgerEntry.posted_at < since)
            .order_by(PatientLedgerEntry.seq.desc())
            .limit(1)
        )
        # Bounded by seq, not by time: the lines are always a contiguous run that reconciles.
        last = await uow.session.scalar(
            select(func.max(PatientLedgerEntry.seq)).where(*account, PatientLedgerEntry.posted_at < until)
        )
        entries = list(
            (
                await uow.session.scalars(
                    select(PatientLedgerEntry)
                    .where(
                        *account,
                        PatientLedgerEntry.seq > (before.seq if before else 0),
                        PatientLedgerEntry.seq <= (last or 0),
                    )
                    .order_by(PatientLedgerEntry.seq)
                )
            ).all()
        )
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Statement",
            resource_id=None,
            patient_id=patient_id,
            location_id=location_id,
        )
    opening = before.balance_after if before else ZERO
    closing = reconcile(opening, [StatementLine(e.seq, e.amount, e.balance_after) for e in entries])
    return StatementOut(
        patient_id=patient_id,
        location_id=location_id,
        start=start,
        end=end,
        timezone=str(zone),
        opening_balance=opening,
        closing_balance=closing,
        charges=sum((e.amount for e in entries if e.amount > 0), ZERO),
        credits=sum((e.amount for e in entries if e.amount < 0), ZERO),
        lines=entries,
    )


def statement_csv(statement: StatementOut) -> str:
    """The statement as CSV: one row per ledger line (dated in the location's timezone) between the balances."""
    zone = ZoneInfo(statement.timezone)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["date", "description", "reference", "amount", "balance"])
    writer.writerow([statement.start.isoformat(), "opening balance", "", "", statement.opening_balance])
    for line in statement.lines:
        writer.writerow(
            [local_date(line.posted_at, zone).isoformat(), line.reason, line.source_id, line.amount, line.balance_after]
        )
    writer.writerow([statement.end.isoformat(), "closing balance", "", "", statement.closing_balance])
    return out.getvalue()
