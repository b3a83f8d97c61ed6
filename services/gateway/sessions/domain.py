"""Pure rules of identity: lockout, refresh-token digests, role scopes, what an access review takes away."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.auth import ALL_LOCATIONS, Role
from shared.contracts.staff import StaffRole

KNOWN_ROLES = frozenset(r.value for r in Role)
# Claims of the gateway's own access tokens, beside `sub` (the staff id when the user is linked to one).
USER_ID_CLAIM, GENERATION_CLAIM = "uid", "gen"

# Access reviews revoke a staff member's job role; this is the clinicops role that job signs in with.
ACCESS_ROLE_OF_STAFF_ROLE: dict[str, str] = {
    StaffRole.PHYSICIAN: Role.CLINICIAN, StaffRole.NURSE_PRACTITIONER: Role.CLINICIAN,
    StaffRole.PHYSICIAN_ASSISTANT: Role.CLINICIAN, StaffRole.REGISTERED_NURSE: Role.CLINICIAN,
    StaffRole.MEDICAL_ASSISTANT: Role.CLINICIAN, StaffRole.RECEPTIONIST: Role.FRONT_DESK,
    StaffRole.BILLER: Role.BILLER, StaffRole.OFFICE_MANAGER: Role.OFFICE_MANAGER,
    StaffRole.COMPLIANCE_OFFICER: Role.COMPLIANCE_OFFICER,
    StaffRole.FACILITIES_COORDINATOR: Role.FACILITIES_COORDINATOR,
}


@dataclass(frozen=True)
class FailureCount:
    """A user's failed sign-ins within the current window, and the lock they earned."""

    attempts: int
    window_start: datetime | None
    locked_until: datetime | None


@dataclass(frozen=True)
class LockoutPolicy:
    """`threshold` failures within `window` lock the account for `duration`."""

    threshold: int
    window: timedelta
    duration: timedelta

    @staticmethod
    def is_locked(locked_until: datetime | None, now: datetime) -> bool:
        return locked_until is not None and now < locked_until

    def after_failure(self, current: FailureCount, now: datetime) -> FailureCount:
        """The count after one more failure; a window that has passed starts over."""
        if current.window_start is None or now - current.window_start >= self.window:
            attempts, window_start = 1, now
        else:
            attempts, window_start = current.attempts + 1, current.window_start
        if attempts >= self.threshold:
            # The lock starts a fresh count, so a user who waits it out gets `threshold` tries again.
            return FailureCount(0, None, now + self.duration)
        return FailureCount(attempts, window_start, current.locked_until)


CLEARED = FailureCount(0, None, None)


def normalize_email(email: str) -> str:
    return email.strip().lower()


def refresh_token_digest(token: str) -> str:
    """What the database keeps of a refresh token: a leaked table does not sign anyone in."""
    return hashlib.sha256(token.encode()).hexdigest()


def unknown_roles(roles: list[str]) -> list[str]:
    return sorted(set(roles) - KNOWN_ROLES)


def grants_within(granted_by: frozenset[str], locations: list[str]) -> bool:
    """An admin hands out only locations inside their own scope; `*` only from a group-wide admin."""
    if ALL_LOCATIONS in granted_by:
        return True
    return ALL_LOCATIONS not in locations and set(locations) <= granted_by


@dataclass(frozen=True)
class RemainingAccess:
    """A user's roles and locations after a revocation; `kept_group_wide` when `*` could not be narrowed."""

    roles: list[str]
    locations: list[str]
    kept_group_wide: bool = False


def after_revocation(roles: list[str], locations: list[str], *, revoked_roles: list[str],
                     revoked_location_ids: list[str]) -> RemainingAccess:
    """Take staff job roles (or clinicops role names) and location ids away from a user's grants."""
    taken = {str(ACCESS_ROLE_OF_STAFF_ROLE.get(r, r)) for r in revoked_roles}
    kept_roles = sorted(set(roles) - taken)
    if ALL_LOCATIONS in locations:
        # `*` cannot say "all but these": an admin must narrow it by hand (the use case logs it).
        return RemainingAccess(kept_roles, list(locations), kept_group_wide=bool(revoked_location_ids))
    return RemainingAccess(kept_roles, sorted(set(locations) - set(revoked_location_ids)))
