"""Bookability: may a provider be booked at a location then, by what staff and facilities told us.

The rules on a provider and their credentials are pure (no I/O); `bookability` gathers their inputs.
"""

from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.scheduling.projections.models import Credential, CredentialStatus, Location, Provider, Shift, TimeOff
from shared.clock import local_date
from shared.contracts.staff import CredentialKind, StaffRole

# Roles that see patients under their own licence; everyone else is never bookable.
PROVIDER_ROLES = frozenset({StaffRole.PHYSICIAN, StaffRole.NURSE_PRACTITIONER, StaffRole.PHYSICIAN_ASSISTANT})


def in_force(credential: Credential, *, on: date) -> bool:
    """Active and not past its expiry date on day `on` (a credential is valid through `expires_on`)."""
    unexpired = credential.expires_on is None or on <= credential.expires_on
    return credential.status == CredentialStatus.ACTIVE and unexpired


def missing_credentials(
    credentials: Iterable[Credential], *, state: str, on: date, requires_dea: bool = False
) -> list[str]:
    """What a provider lacks to practise in `state` on day `on`; empty when nothing is missing."""
    valid = [c for c in credentials if in_force(c, on=on)]
    missing = []
    if not any(c.kind == CredentialKind.STATE_LICENSE and c.state == state for c in valid):
        missing.append(f"no active {state} state licence on {on}")
    # A DEA registration is per state; one recorded without a state is taken as valid anywhere.
    if requires_dea and not any(c.kind == CredentialKind.DEA and c.state in (None, state) for c in valid):
        missing.append(f"no active DEA registration for {state} on {on}")
    if not any(c.kind == CredentialKind.BLS for c in valid):
        missing.append(f"no active BLS certification on {on}")
    return missing


def provider_problems(provider: Provider | None, *, location_id: str, on: date) -> list[str]:
    """Why this member cannot see patients at the location on day `on`, credentials aside."""
    if provider is None or provider.role not in PROVIDER_ROLES:
        return ["not an active provider"]
    problems = []
    if provider.terminated_on is not None and provider.terminated_on <= on:
        problems.append(f"terminated on {provider.terminated_on}")
    if location_id not in provider.location_ids:
        problems.append(f"not assigned to location {location_id}")
    return problems


async def bookability(
    *,
    session: AsyncSession,
    staff_id: str,
    location_id: str,
    start: datetime,
    end: datetime,
    requires_dea: bool = False,
) -> list[str]:
    """Why the provider cannot be booked at the location for [start, end); empty when they can."""
    if end <= start:
        raise ValueError("end must be after start")
    location = await session.get(Location, location_id)
    if location is None:
        return [f"unknown location {location_id}"]  # no state, so no licence rule to apply
    on = local_date(start, location.timezone)
    provider = await session.get(Provider, staff_id)
    reasons = provider_problems(provider, location_id=location_id, on=on)
    if reasons == ["not an active provider"]:
        return reasons
    covering_shift = (
        select(Shift.shift_id)
        .where(
            Shift.staff_id == staff_id,
            Shift.location_id == location_id,
            Shift.cancelled.is_(False),
            Shift.start <= start,
            Shift.end >= end,
        )
        .limit(1)
    )
    if await session.scalar(covering_shift) is None:
        reasons.append(f"no shift at {location_id} covering {start.isoformat()} to {end.isoformat()}")
    overlapping_time_off = (
        select(TimeOff.time_off_id)
        .where(TimeOff.staff_id == staff_id, TimeOff.start < end, TimeOff.end > start)
        .limit(1)
    )
    if await session.scalar(overlapping_time_off) is not None:
        reasons.append("on approved time off")
    credentials = await session.scalars(select(Credential).where(Credential.staff_id == staff_id))
    return reasons + missing_credentials(credentials.all(), state=location.state, on=on, requires_dea=requires_dea)
