"""Policy routes: versions and who has (and has not) attested to each."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.compliance.access import AnyStaff, Officer
from services.compliance.policies import service as policies
from services.compliance.policies.schemas import (
    AttestationIn,
    AttestationOut,
    PolicyIn,
    PolicyOut,
    PolicyVersionIn,
    PolicyVersionOut,
)
from shared.web import UowDep

router = APIRouter(tags=["policies"])


@router.post("/policies", status_code=201, response_model=PolicyOut)
async def create_policy(body: PolicyIn, uow: UowDep, actor: Officer):
    """Create a policy, e.g. the HIPAA privacy policy or the OSHA exposure control plan."""
    return await policies.create_policy(uow=uow, cmd=body, actor=actor)


@router.get("/policies", response_model=list[PolicyOut])
async def list_policies(uow: UowDep, actor: Officer):
    """Every policy with its versions, newest first."""
    return [
        PolicyOut(id=p.id, code=p.code, title=p.title, versions=[PolicyVersionOut.model_validate(v) for v in versions])
        for p, versions in await policies.list_policies(uow=uow, actor=actor)
    ]


@router.post("/policies/{policy_id}/versions", status_code=201, response_model=PolicyVersionOut)
async def publish_version(policy_id: str, body: PolicyVersionIn, uow: UowDep, actor: Officer):
    """Publish the next version; everyone in its scope must attest to it."""
    return await policies.publish_version(uow=uow, policy_id=policy_id, cmd=body, actor=actor)


@router.post("/policy-versions/{version_id}/attestations", status_code=201, response_model=AttestationOut)
async def attest(version_id: str, body: AttestationIn, uow: UowDep, actor: Officer):
    """Record a staff member's attestation on their behalf (e.g. signed on paper)."""
    return await policies.attest(uow=uow, version_id=version_id, cmd=body, actor=actor)


@router.post("/policy-versions/{version_id}/attest", status_code=201, response_model=AttestationOut)
async def attest_self(version_id: str, uow: UowDep, actor: AnyStaff):
    """The signed-in staff member attests to the version for themselves (no officer needed)."""
    return await policies.attest_self(uow=uow, version_id=version_id, actor=actor)


@router.get("/policy-versions/{version_id}/attestations")
async def attestation_status(
    version_id: str, location_id: Annotated[str, Query(min_length=1)], uow: UowDep, actor: Officer
) -> dict:
    """Who at a location has attested to the version, and who has not."""
    return await policies.attestation_status(uow=uow, version_id=version_id, location_id=location_id, actor=actor)
