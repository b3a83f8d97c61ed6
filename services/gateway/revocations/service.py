"""Use cases run by events: an access review's revocation and a termination reach the staff member's user."""

import logging

from sqlalchemy import select

from services.gateway.revocations.domain import after_revocation
from services.gateway.sessions import service as sessions
from services.gateway.users.models import User
from shared.clock import utcnow
from shared.contracts.compliance import AccessRevoked
from shared.contracts.gateway import RevocationReason
from shared.contracts.staff import StaffMemberTerminated
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.gateway.revocations")


async def apply_access_revocation(*, uow: UnitOfWork, event: AccessRevoked) -> None:
    """Take the revoked roles and locations from the linked user and refuse every token they hold."""
    user = await _linked_user(uow, event.staff_id, event_type=event.event_type)
    if user is None:
        return
    remaining = after_revocation(
        user.roles, user.locations, revoked_roles=event.revoked_roles, revoked_location_ids=event.revoked_location_ids
    )
    if remaining.kept_group_wide:
        log.warning(
            "group-wide user keeps '*' despite revoked locations; narrow it by hand",
            extra={"user_id": user.id, "staff_id": event.staff_id, "revoked_location_ids": event.revoked_location_ids},
        )
    user.roles, user.locations = remaining.roles, remaining.locations
    await sessions.revoke_every_session(uow, user, utcnow(), reason=RevocationReason.ACCESS_REVIEW)
    log.info("access revoked", extra={"user_id": user.id, "staff_id": event.staff_id, "campaign_id": event.campaign_id})


async def disable_terminated(*, uow: UnitOfWork, event: StaffMemberTerminated) -> None:
    """A terminated staff member's user signs in no more, and what they hold is refused."""
    user = await _linked_user(uow, event.staff_id, event_type=event.event_type)
    if user is None:
        return
    user.active = False
    await sessions.revoke_every_session(uow, user, utcnow(), reason=RevocationReason.TERMINATION)
    log.info("user disabled on termination", extra={"user_id": user.id, "staff_id": event.staff_id})


async def _linked_user(uow: UnitOfWork, staff_id: str, *, event_type: str) -> User | None:
    # Locked: a concurrent sign-in must not issue a token with the generation being bumped.
    user = await uow.session.scalar(select(User).where(User.staff_id == staff_id).with_for_update())
    if user is None:
        log.info(
            "no user linked to this staff member; nothing to revoke",
            extra={"staff_id": staff_id, "event_type": event_type},
        )
    return user
