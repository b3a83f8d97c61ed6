"""Pure rules of revocation: what an access review takes away from a user's roles and locations."""

from dataclasses import dataclass

from shared.auth import ALL_LOCATIONS, Role
from shared.contracts.staff import StaffRole

# Access reviews revoke a staff member's job role; this is the clinicops role that job signs in with.
ACCESS_ROLE_OF_STAFF_ROLE: dict[str, str] = {
    StaffRole.PHYSICIAN: Role.CLINICIAN,
    StaffRole.NURSE_PRACTITIONER: Role.CLINICIAN,
    StaffRole.PHYSICIAN_ASSISTANT: Role.CLINICIAN,
    StaffRole.REGISTERED_NURSE: Role.CLINICIAN,
    StaffRole.MEDICAL_ASSISTANT: Role.CLINICIAN,
    StaffRole.RECEPTIONIST: Role.FRONT_DESK,
    StaffRole.BILLER: Role.BILLER,
    StaffRole.OFFICE_MANAGER: Role.OFFICE_MANAGER,
    StaffRole.COMPLIANCE_OFFICER: Role.COMPLIANCE_OFFICER,
    StaffRole.FACILITIES_COORDINATOR: Role.FACILITIES_COORDINATOR,
}


@dataclass(frozen=True)
class RemainingAccess:
    """A user's roles and locations after a revocation; `kept_group_wide` when `*` could not be narrowed."""

    roles: list[str]
    locations: list[str]
    kept_group_wide: bool = False


def after_revocation(
    roles: list[str], locations: list[str], *, revoked_roles: list[str], revoked_location_ids: list[str]
) -> RemainingAccess:
    """Take staff job roles (or clinicops role names) and location ids away from a user's grants."""
    taken = {str(ACCESS_ROLE_OF_STAFF_ROLE.get(r, r)) for r in revoked_roles}
    kept_roles = sorted(set(roles) - taken)
    if ALL_LOCATIONS in locations:
        # `*` cannot say "all but these": an admin must narrow it by hand (the use case logs it).
        return RemainingAccess(kept_roles, list(locations), kept_group_wide=bool(revoked_location_ids))
    return RemainingAccess(kept_roles, sorted(set(locations) - set(revoked_location_ids)))
