"""Charges: a completed visit's CPT lines priced from the fee schedule, and missed-visit fees."""

import uuid

from sqlalchemy import bindparam, insert, select, update

from services.billing.charges.domain import charge_lines
from services.billing.charges.models import Charge
from services.billing.ledger import service as ledger
from services.billing.projections import service as projections
from services.billing.reference import domain as pricing
from services.billing.reference import service as reference
from services.billing.reference.models import MissedVisitFee
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import Principal
from shared.clock import local_date, utcnow
from shared.contracts.billing import ChargeCreated
from shared.contracts.scheduling import AppointmentCancelled, AppointmentCompleted, AppointmentNoShow
from shared.db import insert_on_conflict
from shared.uow import UnitOfWork

# Built once with parameters: a consumer runs it for every completed visit.
_CHARGED = select(Charge.id).where(Charge.appointment_id == bindparam("appointment_id")).limit(1)


async def charge_completed_visit(*, uow: UnitOfWork, visit: AppointmentCompleted) -> list[Charge]:
    """Record one priced charge per CPT line of a completed visit (inside the consumer's transaction); [] if charged."""
    if await uow.session.scalar(_CHARGED, {"appointment_id": visit.appointment_id}):
        return []  # another completion event of the same visit: the unique (visit, line) stands behind this
    now, lines = utcnow(), charge_lines(visit)
    schedule = await reference.fees(uow, visit.location_id, {line.cpt for line in lines})
    rows = [
        dict(
            id=str(uuid.uuid4()),
            appointment_id=visit.appointment_id,
            patient_id=visit.patient_id,
            provider_id=visit.provider_id,
            location_id=visit.location_id,
            kind="visit",
            date_of_service=visit.date_of_service,
            created_at=now,
            amount=pricing.price(schedule, line.cpt, line.modifiers, line.units),
            **vars(line),
        )
        for line in lines
    ]
    # One INSERT of the lines, not the session's unit of work (a third of the handler's time); the unique
    # (visit, line) refuses a concurrent second charging here, as a flush did.
    await uow.session.execute(insert(Charge), rows)
    charges = [Charge(**row) for row in rows]
    for charge in charges:
        await _emit_created(uow, charge)
    return charges


async def charge_no_show(*, uow: UnitOfWork, event: AppointmentNoShow) -> Charge | None:
    """The location's no-show fee, once per appointment, owed by the patient; nothing when none is set."""
    return await _charge_missed_visit(uow, event, "no_show")


async def charge_late_cancellation(*, uow: UnitOfWork, event: AppointmentCancelled) -> Charge | None:
    """The location's late-cancellation fee when the patient cancelled late; nothing otherwise."""
    if not event.late or event.cancelled_by != "patient":
        return None
    return await _charge_missed_visit(uow, event, "late_cancel")


async def _charge_missed_visit(
    uow: UnitOfWork, event: AppointmentNoShow | AppointmentCancelled, kind: str
) -> Charge | None:
    fees = await uow.session.get(MissedVisitFee, event.location_id)
    fee = getattr(fees, f"{kind}_fee", None) if fees else None
    if not fee:
        return None
    # Its date of service is the visit's local day at its location (UTC until the location's timezone is known).
    charge = dict(
        id=str(uuid.uuid4()),
        appointment_id=event.appointment_id,
        line_number=0,
        kind=kind,
        patient_id=event.patient_id,
        provider_id=event.provider_id,
        location_id=event.location_id,
        date_of_service=local_date(event.start, await projections.zone_of(uow, event.location_id)),
        cpt="",
        modifiers=[],
        units=1,
        diagnosis_codes=[],
        amount=fee,
        created_at=utcnow(),
    )
    # Line 0 is the appointment's one missed-visit fee: a second no-show or cancel event adds nothing.
    inserted = await uow.session.execute(
        insert_on_conflict(uow.session, Charge)
        .values(**charge)
        .on_conflict_do_nothing(index_elements=["appointment_id", "line_number"])
    )
    if inserted.rowcount != 1:
        return None
    row = Charge(**charge)
    await _emit_created(uow, row)
    await ledger.change_patient_balance(
        uow=uow,
        patient_id=row.patient_id,
        location_id=row.location_id,
        amount=fee,
        reason=f"{kind}_fee",
        source_id=f"charge:{row.id}",
    )
    return row


async def _emit_created(uow: UnitOfWork, charge: Charge) -> None:
    await uow.emit(
        ChargeCreated(
            charge_id=charge.id,
            appointment_id=charge.appointment_id,
            patient_id=charge.patient_id,
            provider_id=charge.provider_id,
            location_id=charge.location_id,
            date_of_service=charge.date_of_service,
            line_number=charge.line_number,
            cpt=charge.cpt,
            modifiers=charge.modifiers,
            units=charge.units,
            diagnosis_codes=charge.diagnosis_codes,
            kind=charge.kind,
            amount=charge.amount,
        ),
        subject=charge.id,
        location_id=charge.location_id,
    )


async def charges_of_appointment(
    *, uow: UnitOfWork, new_uow: UowFactory, appointment_id: str, actor: Principal
) -> list[Charge]:
    """The charges of one visit, in line order (audited, a refusal too: they are patient financial data)."""
    async with audit_denials(new_uow), uow:
        charges = list(
            (
                await uow.session.scalars(
                    select(Charge).where(Charge.appointment_id == appointment_id).order_by(Charge.line_number)
                )
            ).all()
        )
        for charge in charges:
            ensure_phi_access(
                actor,
                action="read",
                resource="Charge",
                resource_id=appointment_id,
                patient_id=charge.patient_id,
                location_id=charge.location_id,
            )
        if charges:
            first = charges[0]
            await record_phi_access(
                uow,
                actor=actor,
                action="read",
                resource="Charge",
                resource_id=appointment_id,
                patient_id=first.patient_id,
                location_id=first.location_id,
            )
    return charges


async def merge_patients(*, uow: UnitOfWork, duplicate_id: str, survivor_id: str) -> None:
    """The charges of a merged-away patient record now belong to its survivor (inside the consumer's transaction)."""
    await uow.session.execute(update(Charge).where(Charge.patient_id == duplicate_id).values(patient_id=survivor_id))
