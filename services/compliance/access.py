"""Who may call compliance's routes: compliance officers (practice admins always pass)."""

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role, require_roles

# The trail, incidents and staff compliance are a compliance officer's business only.
Officer = Annotated[Principal, Depends(require_roles(Role.COMPLIANCE_OFFICER))]
