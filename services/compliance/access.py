"""Who may call compliance's routes: compliance officers (practice admins always pass), and the
people concerned for their own part: any staff member attests for themselves, a manager decides
the access-review items of their own staff. Every read stays with officers."""

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role, require_roles

# The trail, incidents and staff compliance are a compliance officer's business only.
Officer = Annotated[Principal, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
# Attesting to a policy: whoever signs in does it for themselves (the token's sub is their staff id).
AnyStaff = Annotated[Principal, Depends(require_roles(*Role))]
# Review decisions: officers for anyone, office managers for their own staff (checked on the item).
ReviewDecider = Annotated[Principal, Depends(require_roles(Role.COMPLIANCE_OFFICER, Role.OFFICE_MANAGER))]


def oversees_compliance(actor: Principal) -> bool:
    return bool(actor.roles & {Role.COMPLIANCE_OFFICER.value, Role.PRACTICE_ADMIN.value})
