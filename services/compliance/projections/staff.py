"""Compliance's copy of the staff service's members, credentials and training, and the alerts they raise and resolve.

Each `on_*` use case runs in the consumer's transaction and is an upsert: events of one member
arrive on several topics, so any order must leave the same rows behind.
"""

import uuid

from sqlalchemy import select

from services.compliance.alerts import service as alerts
from services.compliance.alerts.domain import AlertKind
from services.compliance.projections.models import StaffCredential, StaffMember, StaffTraining
from shared.clock import utc_today
from shared.contracts import staff
from shared.envelope import Envelope
from shared.projection import get_or_add, newer_snapshot
from shared.uow import UnitOfWork


async def _member(uow: UnitOfWork, staff_id: str) -> StaffMember:
    return await get_or_add(uow.session, StaffMember, staff_id, location_ids=[], active=True)


async def on_member_hired(*, uow: UnitOfWork, event: staff.StaffMemberHired, envelope: Envelope) -> None:
    """Record a member, or replace them with this snapshot (also handles `.updated`)."""
    member = await newer_snapshot(uow, StaffMember, event.staff_id, envelope, location_ids=[], active=True)
    if member is None:
        return
    member.name, member.role = f"{event.given_name} {event.family_name}", event.role.value
    member.home_location_id, member.location_ids = event.home_location_id, list(event.location_ids)
    member.manager_id = event.manager_id
    member.active = member.terminated_on is None
    await uow.session.flush()
    await alerts.fill_locations(uow=uow, subject=event.staff_id, location_id=event.home_location_id)


on_member_updated = on_member_hired


async def on_member_terminated(*, uow: UnitOfWork, event: staff.StaffMemberTerminated, envelope: Envelope) -> None:
    """A terminated member leaves the matrix; their staff alerts no longer call for action."""
    member = await _member(uow, event.staff_id)
    member.active, member.terminated_on = False, event.terminated_on
    for kind in (AlertKind.CREDENTIAL_EXPIRED, AlertKind.CREDENTIAL_SUSPENDED, AlertKind.TRAINING_OVERDUE):
        await alerts.resolve_matching(
            uow=uow, kind=kind, subject=event.staff_id, key_prefix="", resolution="member terminated"
        )


def _credential_key(staff_id: str, kind: str, state: str | None) -> str:
    return f"credential:{staff_id}:{kind}:{state or '-'}:"


async def _credential(uow: UnitOfWork, event) -> StaffCredential:
    credential = await uow.session.get(StaffCredential, event.credential_id)
    if credential is None:
        credential = StaffCredential(credential_id=event.credential_id, status="active")
        uow.session.add(credential)
    credential.staff_id, credential.kind, credential.state = event.staff_id, event.kind.value, event.state
    return credential


async def on_credential_added(*, uow: UnitOfWork, event: staff.CredentialAdded, envelope: Envelope) -> None:
    """Record a credential; a current one resolves the alerts of its kind (a renewal)."""
    credential = await _credential(uow, event)
    credential.expires_on = event.expires_on
    if credential.status == "active" and (event.expires_on is None or event.expires_on >= utc_today()):
        for kind in (AlertKind.CREDENTIAL_EXPIRED, AlertKind.CREDENTIAL_SUSPENDED):
            await alerts.resolve_matching(
                uow=uow,
                kind=kind,
                subject=event.staff_id,
                key_prefix=_credential_key(event.staff_id, event.kind, event.state),
                resolution=f"renewed by credential {event.credential_id}",
            )


async def on_credential_expiring(*, uow: UnitOfWork, event: staff.CredentialExpiring, envelope: Envelope) -> None:
    """Show the credential as expiring in the matrix."""
    credential = await _credential(uow, event)
    credential.expires_on = event.expires_on
    if credential.status == "active":
        credential.status = "expiring"


async def _has_current_replacement(uow: UnitOfWork, credential: StaffCredential) -> bool:
    """A renewal may be processed before the old credential's expiry: then nothing is lapsed."""
    today = utc_today()
    others = await uow.session.scalars(
        select(StaffCredential).where(
            StaffCredential.staff_id == credential.staff_id,
            StaffCredential.kind == credential.kind,
            StaffCredential.credential_id != credential.credential_id,
            StaffCredential.status.in_(("active", "expiring")),
        )
    )
    return any(o.state == credential.state and (o.expires_on is None or o.expires_on >= today) for o in others)


async def _lapse(uow: UnitOfWork, event, status: str, kind: AlertKind, details: dict) -> None:
    credential = await _credential(uow, event)
    credential.status = status
    if await _has_current_replacement(uow, credential):
        return
    member = await uow.session.get(StaffMember, event.staff_id)
    await alerts.raise_alert(
        uow=uow,
        kind=kind,
        dedupe_key=f"{_credential_key(event.staff_id, event.kind, event.state)}{event.credential_id}:{status}",
        subject=event.staff_id,
        location_id=member.home_location_id if member else None,
        details={"credential_id": event.credential_id, "credential_kind": event.kind.value, "state": event.state}
        | details,
    )


async def on_credential_expired(*, uow: UnitOfWork, event: staff.CredentialExpired, envelope: Envelope) -> None:
    """An expired credential raises an alert until a current one of its kind is added."""
    credential = await _credential(uow, event)
    credential.expires_on = credential.expires_on or event.expired_on
    await _lapse(uow, event, "expired", AlertKind.CREDENTIAL_EXPIRED, {"expired_on": event.expired_on.isoformat()})


async def on_credential_suspended(*, uow: UnitOfWork, event: staff.CredentialSuspended, envelope: Envelope) -> None:
    """A suspended credential raises an alert until a current one of its kind is added."""
    await _lapse(uow, event, "suspended", AlertKind.CREDENTIAL_SUSPENDED, {"reason": event.reason})


async def _training(uow: UnitOfWork, staff_id: str, course_code: str) -> StaffTraining:
    training = await uow.session.scalar(
        select(StaffTraining).where(StaffTraining.staff_id == staff_id, StaffTraining.course_code == course_code)
    )
    if training is None:
        training = StaffTraining(id=str(uuid.uuid4()), staff_id=staff_id, course_code=course_code)
        uow.session.add(training)
    return training


async def on_training_completed(*, uow: UnitOfWork, event: staff.TrainingCompleted, envelope: Envelope) -> None:
    """Record a completion; it resolves the course's overdue alerts."""
    training = await _training(uow, event.staff_id, event.course_code)
    if training.completed_on is None or event.completed_on >= training.completed_on:
        training.completed_on, training.valid_until = event.completed_on, event.valid_until
    await alerts.resolve_matching(
        uow=uow,
        kind=AlertKind.TRAINING_OVERDUE,
        subject=event.staff_id,
        key_prefix=f"training:{event.staff_id}:{event.course_code}:",
        resolution=f"completed on {event.completed_on.isoformat()}",
    )


async def on_training_overdue(*, uow: UnitOfWork, event: staff.TrainingOverdue, envelope: Envelope) -> None:
    """Overdue training raises an alert, unless a completion on or after the due date is known."""
    training = await _training(uow, event.staff_id, event.course_code)
    training.overdue_since = max(filter(None, (training.overdue_since, event.due_on)), default=event.due_on)
    if training.completed_on and training.completed_on >= event.due_on:
        return
    member = await uow.session.get(StaffMember, event.staff_id)
    await alerts.raise_alert(
        uow=uow,
        kind=AlertKind.TRAINING_OVERDUE,
        dedupe_key=f"training:{event.staff_id}:{event.course_code}:{event.due_on.isoformat()}",
        subject=event.staff_id,
        location_id=member.home_location_id if member else None,
        details={"course_code": event.course_code, "due_on": event.due_on.isoformat()},
    )
