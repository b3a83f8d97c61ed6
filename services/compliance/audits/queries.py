"""Questions asked of the trail: who accessed a patient's record, what a user accessed, CSV export."""

import csv
import io
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from services.compliance.audits.domain import CHAINED_FIELDS, OPTIONAL_CHAINED_FIELDS
from services.compliance.audits.models import AuditRecord
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import ALL_LOCATIONS, Principal
from shared.uow import UnitOfWork

CSV_COLUMNS = [f for f in CHAINED_FIELDS if f != "prev_hash"] + list(OPTIONAL_CHAINED_FIELDS) + ["hash"]


@dataclass(frozen=True)
class TrailQuery:
    patient_id: str | None = None
    actor: str | None = None
    location_id: str | None = None
    action: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    limit: int = 500
    offset: int = 0


def _statement(query: TrailQuery, actor: Principal):
    statement = select(AuditRecord).order_by(AuditRecord.occurred_at, AuditRecord.sequence)
    if query.location_id:
        actor.ensure_location(query.location_id)
    if ALL_LOCATIONS not in actor.locations:
        # Records of other locations stay hidden; so do those with no location (group-wide).
        statement = statement.where(AuditRecord.location_id.in_(sorted(actor.locations)))
    for column, value in (
        (AuditRecord.patient_id, query.patient_id),
        (AuditRecord.actor, query.actor),
        (AuditRecord.location_id, query.location_id),
        (AuditRecord.action, query.action),
        (AuditRecord.outcome, query.outcome),
    ):
        if value is not None:
            statement = statement.where(column == value)
    if query.since:
        statement = statement.where(AuditRecord.occurred_at >= query.since)
    if query.until:
        statement = statement.where(AuditRecord.occurred_at < query.until)
    return statement


async def search(*, uow: UnitOfWork, query: TrailQuery, actor: Principal, export: bool = False) -> list[AuditRecord]:
    """Trail records matching the filters, oldest first; an accounting of a patient's access is audited."""
    statement = _statement(query, actor)
    if not export:
        statement = statement.limit(query.limit).offset(query.offset)
    async with uow:
        records = list((await uow.session.scalars(statement)).all())
        if query.patient_id or export:
            await record_phi_access(
                uow,
                actor=actor,
                action="export" if export else "read",
                resource="AccessTrail",
                resource_id=None,
                patient_id=query.patient_id,
                location_id=query.location_id,
            )
    return records


async def accounting(*, uow: UnitOfWork, new_uow: UowFactory, query: TrailQuery, actor: Principal) -> list[AuditRecord]:
    """One patient's accounting of access; refused (and audited) when the patient belongs to another location.

    The trail knows a patient's locations from the records about them: an officer of location A
    asking for a patient whose records lie at B gets 403, not an empty list that confirms the id.
    """
    async with audit_denials(new_uow):
        async with new_uow() as check:  # the request's own unit of work is for the read below
            held_at = (
                await check.session.scalars(
                    select(AuditRecord.location_id)
                    .distinct()
                    .where(AuditRecord.patient_id == query.patient_id, AuditRecord.location_id.is_not(None))
                )
            ).all()
        for location_id in sorted(held_at):
            ensure_phi_access(
                actor,
                action="read",
                resource="AccessTrail",
                resource_id=None,
                patient_id=query.patient_id,
                location_id=location_id,
            )
    return await search(uow=uow, query=query, actor=actor)


def to_csv(records: list[AuditRecord]) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    for record in records:
        row = []
        for name in CSV_COLUMNS:
            value = getattr(record, name)
            if isinstance(value, list):
                value = " ".join(value)
            elif isinstance(value, datetime):
                value = value.isoformat()
            row.append("" if value is None else value)
        writer.writerow(row)
    return out.getvalue()
