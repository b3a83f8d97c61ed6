"""Credential routes: thin, each calls one use case."""

from fastapi import APIRouter

from services.staff.access import CredentialKeeper, Manager
from services.staff.credentials import service as credentials
from services.staff.credentials.schemas import CredentialIn, CredentialOut, RenewalIn, SuspensionIn, VerificationIn
from shared.web import UowDep

router = APIRouter()


@router.post("/members/{staff_id}/credentials", status_code=201, response_model=CredentialOut, tags=["credentials"])
async def add_credential(staff_id: str, body: CredentialIn, uow: UowDep, actor: Manager):
    """Record a licence, registration or certification (a new state licence supersedes the old one)."""
    return await credentials.add(uow=uow, staff_id=staff_id, cmd=body, actor=actor)


@router.get("/members/{staff_id}/credentials", response_model=list[CredentialOut], tags=["credentials"])
async def list_credentials(staff_id: str, uow: UowDep, actor: CredentialKeeper):
    """A member's credentials (audited read)."""
    return await credentials.list_for_member(uow=uow, staff_id=staff_id, actor=actor)


@router.post("/credentials/{credential_id}/renew", response_model=CredentialOut, tags=["credentials"])
async def renew_credential(credential_id: str, body: RenewalIn, uow: UowDep, actor: Manager):
    """Move a current credential's expiry date."""
    return await credentials.renew(uow=uow, credential_id=credential_id, cmd=body, actor=actor)


@router.post("/credentials/{credential_id}/suspend", response_model=CredentialOut, tags=["credentials"])
async def suspend_credential(credential_id: str, body: SuspensionIn, uow: UowDep, actor: CredentialKeeper):
    """Suspend a credential, with the reason."""
    return await credentials.suspend(uow=uow, credential_id=credential_id, cmd=body, actor=actor)


@router.post("/credentials/{credential_id}/verify", response_model=CredentialOut, tags=["credentials"])
async def verify_credential(credential_id: str, body: VerificationIn, uow: UowDep, actor: CredentialKeeper):
    """Record the primary-source verification of a credential."""
    return await credentials.verify(uow=uow, credential_id=credential_id, cmd=body, actor=actor)
