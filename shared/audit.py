"""PHI-access audit: every read or write of PHI emits an event through the outbox, refusals too."""

from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Annotated

from fastapi import Depends, Request

from shared.auth import Principal, RefusalHook, Role, require_roles
from shared.clock import utcnow
from shared.contracts.audit import PhiAccessed, audit_event_type
from shared.errors import Forbidden
from shared.uow import UnitOfWork

UowFactory = Callable[[], UnitOfWork]  # fresh units of work, e.g. ServiceRuntime.uow

# Who may open a record outside their locations in an emergency (HIPAA break-glass).
BREAK_GLASS_ROLES = frozenset({Role.CLINICIAN.value, Role.PRACTICE_ADMIN.value})


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
    break_glass: bool = False,
    reason: str | None = None,
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
        break_glass=break_glass,
        reason=reason,
        actor_locations=sorted(actor.locations),
    )
    await uow.emit(
        event,
        subject=patient_id or resource_id or actor.sub,
        location_id=location_id,
        event_type=audit_event_type(service),
    )


class PhiAccessDenied(Forbidden):
    """The 403 of a refused PHI access; it carries the attempt so it can be audited after the rollback."""

    def __init__(self, message: str, *, attempt: dict):
        super().__init__(message, field="location_id")
        self.attempt = attempt  # an attribute, not a detail: it must not reach the response body


def ensure_phi_access(
    actor: Principal,
    *,
    action: str,
    resource: str,
    resource_id: str | None,
    patient_id: str | None,
    location_id: str,
    break_glass: str | None = None,
) -> bool:
    """`actor.ensure_location` for one PHI record; True when only the break-glass reason let the actor in."""
    if actor.may_access(location_id):
        return False
    attempt = dict(
        actor=actor,
        action=action,
        resource=resource,
        resource_id=resource_id,
        patient_id=patient_id,
        location_id=location_id,
        reason=break_glass,
    )
    if break_glass is None:
        raise PhiAccessDenied(f"no access to location {location_id}", attempt=attempt)
    if not actor.roles & BREAK_GLASS_ROLES:
        raise PhiAccessDenied(
            f"no access to location {location_id}: only clinicians and practice admins may break the glass",
            attempt=attempt,
        )
    return True


async def record_denied_access(
    new_uow: UowFactory,
    *,
    actor: Principal,
    action: str,
    resource: str,
    resource_id: str | None,
    patient_id: str | None,
    location_id: str | None,
    reason: str | None = None,
) -> None:
    """Audit a refused access in a unit of work of its own: the request's transaction rolled back."""
    async with new_uow() as uow:
        await record_phi_access(
            uow,
            actor=actor,
            action=action,
            resource=resource,
            resource_id=resource_id,
            patient_id=patient_id,
            location_id=location_id,
            outcome="denied",
            reason=reason,
        )


@asynccontextmanager
async def audit_denials(new_uow: UowFactory) -> AsyncIterator[None]:
    """Record a PhiAccessDenied raised inside as a denied access, then let it propagate (as a 403).

    Enter it before the use case's unit of work (`async with audit_denials(new_uow), uow:`) so
    the transaction has rolled back and released its connection when the denial is written.
    """
    try:
        yield
    except PhiAccessDenied as denied:
        await record_denied_access(new_uow, **denied.attempt)
        raise


_ACTIONS = {"GET": "read", "HEAD": "read", "POST": "create", "PUT": "update", "PATCH": "update", "DELETE": "delete"}


def audit_role_refusal(resource: str) -> RefusalHook:
    """A `require_roles(on_refusal=...)` hook: a role refused on a PHI route is a denied access in the trail."""

    async def record(request: Request, actor: Principal) -> None:
        params = request.path_params
        record_id = next((v for k, v in params.items() if k.endswith("_id") and k != "location_id"), None)
        action = _ACTIONS.get(request.method, "read")
        if action == "create" and record_id is not None:
            action = "update"  # a POST on one record (/patients/{id}/merge) changes it, it creates nothing
        await record_denied_access(
            request.app.state.runtime.uow,
            actor=actor,
            action=action,
            resource=resource,
            resource_id=record_id or params.get("location_id"),
            patient_id=params.get("patient_id") or (record_id if resource == "Patient" else None),
            location_id=params.get("location_id"),
            reason=f"role not allowed: {request.method} {request.url.path}",
        )

    return record


def phi_roles(*roles: Role, resource: str):
    """The dependency of a PHI route: `roles` let in, and any other role's refusal audited as a denied access."""
    return Annotated[Principal, Depends(require_roles(*roles, on_refusal=audit_role_refusal(resource)))]
