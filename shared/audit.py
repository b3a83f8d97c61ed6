"""PHI-access audit: every read or write of PHI emits an event through the outbox."""

from shared.auth import Principal
from shared.contracts.audit import PhiAccessed, audit_event_type
from shared.db import utcnow
from shared.uow import UnitOfWork


async def record_phi_access(
    uow: UnitOfWork,
    *,
    actor: Principal,
    action: str,
    resource: str,
    resource_id: str | None,
    patient_id: str | None,
    location_id: str | None,
    outcome: str = "success",
) -> None:
    """Emit `<service>.audit.phi_accessed` in the caller's transaction."""
    service = uow.source.rsplit("/", 1)[-1]
    event = PhiAccessed(
        actor=actor.sub,
        actor_roles=sorted(actor.roles),
        action=action,
        resource=resource,
        resource_id=resource_id,
        patient_id=patient_id,
        location_id=location_id,
        outcome=outcome,
        occurred_at=utcnow(),
        source_ip=actor.source_ip,
        actor_locations=sorted(actor.locations),
    )
    await uow.emit(event, subject=patient_id or resource_id or actor.sub,
                   location_id=location_id, event_type=audit_event_type(service))
