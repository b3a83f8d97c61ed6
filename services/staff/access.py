"""Who may call staff's routes.

- office managers run staff: hiring, credentials, training records, shifts, time-off decisions;
- compliance officers read credentials and training, verify and suspend credentials, run the check;
- clinicians and the front desk may request time off for themselves (token `sub` = their staff id);
- practice admins pass every role check. Location scope applies on top of every role.
"""

from typing import Annotated

from fastapi import Depends

from shared.auth import ALL_LOCATIONS, Principal, Role, require_roles
from shared.errors import Forbidden

Manager = Annotated[Principal, Depends(require_roles(Role.OFFICE_MANAGER))]
CredentialKeeper = Annotated[Principal, Depends(require_roles(Role.OFFICE_MANAGER, Role.COMPLIANCE_OFFICER))]
TimeOffRequester = Annotated[Principal, Depends(require_roles(Role.OFFICE_MANAGER, Role.CLINICIAN, Role.FRONT_DESK))]

MANAGING_ROLES = frozenset({Role.OFFICE_MANAGER.value, Role.PRACTICE_ADMIN.value})


def ensure_group_wide(actor: Principal) -> None:
    """Group-wide operations (the daily check covers every location) need a group-wide token."""
    if ALL_LOCATIONS not in actor.locations:
        raise Forbidden("requires access to every location", field="location_id")


def ensure_self_or_manager(actor: Principal, staff_id: str) -> None:
    """Staff without a managing role act only for themselves."""
    if not actor.roles & MANAGING_ROLES and actor.sub != staff_id:
        raise Forbidden("only a manager acts for someone else", field="staff_id")
