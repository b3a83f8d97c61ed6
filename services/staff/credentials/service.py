"""Credentials: licences, registrations and certifications, their verification, suspension and renewal."""

import uuid

from sqlalchemy import select, update

from services.staff.credentials.models import ACTIVE, SUSPENDED, Credential
from services.staff.credentials.schemas import CredentialIn, RenewalIn, SuspensionIn, VerificationIn
from services.staff.members import service as members
from services.staff.members.models import StaffMember
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.staff import CredentialAdded, CredentialKind, CredentialSuspended
from shared.errors import Conflict, NotFound, Unprocessable
from shared.uow import UnitOfWork

RESOURCE = "staff_credential"  # the audit trail's name for these records


async def add(*, uow: UnitOfWork, staff_id: str, cmd: CredentialIn, actor: Principal) -> Credential:
    """Record a credential; a new licence for a state replaces (supersedes) the member's current one."""
    async with uow:
        member = await members.load_member(uow, staff_id, actor)
        credential = Credential(
            id=str(uuid.uuid4()),
            staff_id=staff_id,
            status=ACTIVE,
            verification_status="unverified",
            created_at=utcnow(),
            **cmd.model_dump(),
        )
        if cmd.kind == CredentialKind.STATE_LICENSE:
            # The partial unique index refuses a second current licence if two renewals race.
            await uow.session.execute(
                update(Credential)
                .where(
                    Credential.staff_id == staff_id,
                    Credential.state == cmd.state,
                    Credential.kind == CredentialKind.STATE_LICENSE,
                    Credential.superseded_by.is_(None),
                )
                .values(superseded_by=credential.id)
            )
        await uow.add_unique(
            credential, conflict=f"a {cmd.state} licence of this member is being recorded already", field="state"
        )
        await _announce(uow, credential, member)
        await members.audit_member(uow, actor, "create", member, resource=RESOURCE, resource_id=credential.id)
        return credential


async def renew(*, uow: UnitOfWork, credential_id: str, cmd: RenewalIn, actor: Principal) -> Credential:
    """Move a current credential's expiry date; expiry notices start over for the new date."""
    async with uow:
        credential, member = await _load(uow, credential_id, actor)
        # Scheduling keeps an expired or suspended credential so: those are replaced, not renewed.
        if credential.status != ACTIVE or credential.superseded_by:
            raise Conflict(f"a {credential.status} credential is replaced by a new one, not renewed", field="status")
        if cmd.expires_on < credential.issued_on:
            raise Unprocessable("expiry before the issue date", field="expires_on")
        credential.expires_on = cmd.expires_on
        await _announce(uow, credential, member)  # the same credential with its new expiry
        await members.audit_member(uow, actor, "update", member, resource=RESOURCE, resource_id=credential.id)
        return credential


async def suspend(*, uow: UnitOfWork, credential_id: str, cmd: SuspensionIn, actor: Principal) -> Credential:
    """Suspend a credential (board action, lapse found on verification)."""
    async with uow:
        credential, member = await _load(uow, credential_id, actor)
        if credential.status == SUSPENDED:
            raise Conflict("the credential is suspended already", field="status")
        credential.status, credential.suspension_reason = SUSPENDED, cmd.reason
        await uow.emit(
            CredentialSuspended(
                credential_id=credential.id,
                staff_id=credential.staff_id,
                kind=credential.kind,
                state=credential.state,
                reason=cmd.reason,
            ),
            subject=credential.id,
            location_id=member.home_location_id,
        )
        await members.audit_member(uow, actor, "update", member, resource=RESOURCE, resource_id=credential.id)
        return credential


async def verify(*, uow: UnitOfWork, credential_id: str, cmd: VerificationIn, actor: Principal) -> Credential:
    """Record the primary-source verification of a credential and who did it."""
    async with uow:
        credential, member = await _load(uow, credential_id, actor)
        credential.verification_status, credential.verified_by, credential.verified_at = (
            cmd.outcome,
            actor.sub,
            utcnow(),
        )
        await members.audit_member(uow, actor, "update", member, resource=RESOURCE, resource_id=credential.id)
        return credential


async def list_for_member(*, uow: UnitOfWork, staff_id: str, actor: Principal) -> list[Credential]:
    """A member's credentials, current ones first; the read is audited."""
    async with uow:
        member = await members.load_member(uow, staff_id, actor)
        rows = await uow.session.scalars(
            select(Credential)
            .where(Credential.staff_id == staff_id)
            .order_by(Credential.superseded_by.is_not(None), Credential.kind, Credential.created_at)
        )
        await members.audit_member(uow, actor, "read", member, resource=RESOURCE)
        return list(rows.all())


async def _load(uow: UnitOfWork, credential_id: str, actor: Principal) -> tuple[Credential, StaffMember]:
    credential = await uow.session.get(Credential, credential_id, with_for_update=True)
    if credential is None:
        raise NotFound(f"credential {credential_id} not found", field="credential_id")
    return credential, await members.load_member(uow, credential.staff_id, actor)


async def _announce(uow: UnitOfWork, credential: Credential, member: StaffMember) -> None:
    await uow.emit(
        CredentialAdded(
            credential_id=credential.id,
            staff_id=credential.staff_id,
            kind=credential.kind,
            number=credential.number,
            issuer=credential.issuer,
            state=credential.state,
            issued_on=credential.issued_on,
            expires_on=credential.expires_on,
            verified=credential.verification_status == "verified",
        ),
        subject=credential.id,
        location_id=member.home_location_id,
    )
