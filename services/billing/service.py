"""Billing use cases: each one is one transaction, its events written to the outbox."""

import uuid

from sqlalchemy import select

from services.billing.domain import charge_lines
from services.billing.models import Charge
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.contracts.billing import ChargeCreated
from shared.contracts.scheduling import AppointmentCompleted
from shared.db import utcnow
from shared.uow import UnitOfWork


async def charge_completed_visit(*, uow: UnitOfWork, visit: AppointmentCompleted) -> list[Charge]:
    """Record one charge per CPT line of a completed visit (inside the consumer's transaction)."""
    now = utcnow()
    charges = [
        Charge(
            id=str(uuid.uuid4()), appointment_id=visit.appointment_id, patient_id=visit.patient_id,
            provider_id=visit.provider_id, location_id=visit.location_id,
            date_of_service=visit.date_of_service, created_at=now, **vars(line),
        )
        for line in charge_lines(visit)
    ]
    uow.session.add_all(charges)
    for charge in charges:
        await uow.emit(
            ChargeCreated(charge_id=charge.id, appointment_id=charge.appointment_id,
                          patient_id=charge.patient_id, provider_id=charge.provider_id,
                          location_id=charge.location_id, date_of_service=charge.date_of_service,
                          line_number=charge.line_number, cpt=charge.cpt, modifiers=charge.modifiers,
                          units=charge.units, diagnosis_codes=charge.diagnosis_codes),
            subject=charge.id, location_id=charge.location_id,
        )
    return charges


async def charges_of_appointment(*, uow: UnitOfWork, appointment_id: str, actor: Principal) -> list[Charge]:
    """The charges of one visit, in line order (audited: they are patient financial data)."""
    async with uow:
        charges = list(
            (await uow.session.scalars(
                select(Charge).where(Charge.appointment_id == appointment_id).order_by(Charge.line_number)
            )).all()
        )
        for location_id in {c.location_id for c in charges}:
            actor.ensure_location(location_id)
        if charges:
            first = charges[0]
            await record_phi_access(uow, actor=actor, action="read", resource="Charge",
                                    resource_id=appointment_id, patient_id=first.patient_id,
                                    location_id=first.location_id)
    return charges
