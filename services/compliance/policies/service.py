"""Versioned policies and the attestations each new version requires."""

import uuid
from datetime import date

from sqlalchemy import func, select

from services.compliance.policies.models import Attestation, Policy, PolicyVersion
from services.compliance.policies.schemas import AttestationIn, PolicyIn, PolicyVersionIn
from services.compliance.projections import locations
from services.compliance.projections.models import StaffMember
from services.compliance.staff_records import service as staff_records
from shared.auth import ALL_LOCATIONS, Principal
from shared.clock import utcnow
from shared.errors import Forbidden, NotFound, Unprocessable
from shared.uow import UnitOfWork


def _ensure_scope(actor: Principal, location_ids: list[str]) -> None:
    """A group-wide policy (no locations) needs a group-wide officer; otherwise each location."""
    if not location_ids and ALL_LOCATIONS not in actor.locations:
        raise Unprocessable("a policy for every location needs group-wide access", field="body.scope_location_ids")
    for location_id in location_ids:
        actor.ensure_location(location_id)


async def create_policy(*, uow: UnitOfWork, cmd: PolicyIn, actor: Principal) -> Policy:
    """Create a policy (its versions follow)."""
    async with uow:
        policy = Policy(id=str(uuid.uuid4()), code=cmd.code, title=cmd.title, created_at=utcnow())
        await uow.add_unique(policy, conflict=f"policy {cmd.code} exists", field="body.code")
    return policy


async def list_policies(*, uow: UnitOfWork, actor: Principal) -> list[tuple[Policy, list[PolicyVersion]]]:
    """Every policy with its versions, newest version first."""
    async with uow:
        policies = (await uow.session.scalars(select(Policy).order_by(Policy.code))).all()
        versions = (await uow.session.scalars(select(PolicyVersion).order_by(PolicyVersion.version.desc()))).all()
    return [(p, [v for v in versions if v.policy_id == p.id]) for p in policies]


async def publish_version(*, uow: UnitOfWork, policy_id: str, cmd: PolicyVersionIn, actor: Principal) -> PolicyVersion:
    """Publish the next version; everyone in its scope must attest to it."""
    _ensure_scope(actor, cmd.scope_location_ids)
    async with uow:
        if await uow.session.get(Policy, policy_id) is None:
            raise NotFound(f"no policy {policy_id}")
        latest = await uow.session.scalar(
            select(func.max(PolicyVersion.version)).where(PolicyVersion.policy_id == policy_id)
        )
        version = PolicyVersion(
            id=str(uuid.uuid4()),
            policy_id=policy_id,
            version=(latest or 0) + 1,
            summary=cmd.summary,
            document_url=cmd.document_url,
            effective_on=cmd.effective_on,
            scope_roles=list(cmd.scope_roles),
            scope_location_ids=list(cmd.scope_location_ids),
            published_by=actor.sub,
            published_at=utcnow(),
        )
        # Two publishers racing for one number: the unique (policy, version) decides.
        await uow.add_unique(version, conflict="another version was published at the same time; retry")
    return version


async def _version(uow: UnitOfWork, version_id: str) -> PolicyVersion:
    version = await uow.session.get(PolicyVersion, version_id)
    if version is None:
        raise NotFound(f"no policy version {version_id}")
    return version


def _in_scope(version: PolicyVersion, member: StaffMember) -> bool:
    return (not version.scope_roles or member.role in version.scope_roles) and (
        not version.scope_location_ids or set(member.location_ids) & set(version.scope_location_ids)
    )


async def _record(
    uow: UnitOfWork, version: PolicyVersion, member: StaffMember, attested_on: date | None, actor: Principal
) -> Attestation:
    """Attested on the given day (never a future one at the member's home location), by default today there."""
    if attested_on is not None and attested_on > await locations.latest_date_at(uow, member.home_location_id):
        raise Unprocessable("an attestation cannot be dated in the future", field="body.attested_on")
    attestation = Attestation(
        id=str(uuid.uuid4()),
        policy_version_id=version.id,
        staff_id=member.staff_id,
        attested_on=attested_on or await locations.today_at(uow, member.home_location_id),
        recorded_by=actor.sub,
        recorded_at=utcnow(),
    )
    await uow.add_unique(
        attestation, conflict=f"{member.staff_id} already attested to this version", field="body.staff_id"
    )
    return attestation


async def attest(*, uow: UnitOfWork, version_id: str, cmd: AttestationIn, actor: Principal) -> Attestation:
    """Record that a staff member attested to a version (once), on their behalf."""
    async with uow:
        version = await _version(uow, version_id)
        member = await uow.session.get(StaffMember, cmd.staff_id)
        if member is None or not member.active:
            raise Unprocessable(f"no active staff member {cmd.staff_id}", field="body.staff_id")
        actor.ensure_location(member.home_location_id)
        if not _in_scope(version, member):
            raise Unprocessable("the member is outside the version's scope", field="body.staff_id")
        return await _record(uow, version, member, cmd.attested_on, actor)


async def attest_self(*, uow: UnitOfWork, version_id: str, actor: Principal) -> Attestation:
    """The signed-in staff member attests to a version for themselves, today (once)."""
    async with uow:
        version = await _version(uow, version_id)
        # The gateway puts a linked user's staff id in `sub`; the member's own record is theirs,
        # whatever locations the token covers.
        member = await uow.session.get(StaffMember, actor.sub)
        if member is None or not member.active:
            raise Forbidden("your sign-in is not linked to an active staff member", field="sub")
        if not _in_scope(version, member):
            raise Unprocessable("this policy version does not apply to you", field="path.version_id")
        return await _record(uow, version, member, None, actor)


async def attestation_status(*, uow: UnitOfWork, version_id: str, location_id: str, actor: Principal) -> dict:
    """Who at a location has attested to a version and who has not."""
    actor.ensure_location(location_id)
    async with uow:
        version = await _version(uow, version_id)
        members = [m for m in await staff_records.members_at(uow, location_id) if _in_scope(version, m)]
        done = {
            a.staff_id: a
            for a in await uow.session.scalars(select(Attestation).where(Attestation.policy_version_id == version_id))
        }
    return {
        "policy_version_id": version_id,
        "version": version.version,
        "location_id": location_id,
        "attested": [
            {"staff_id": m.staff_id, "name": m.name, "attested_on": done[m.staff_id].attested_on}
            for m in members
            if m.staff_id in done
        ],
        "pending": [
            {"staff_id": m.staff_id, "name": m.name, "role": m.role} for m in members if m.staff_id not in done
        ],
    }
