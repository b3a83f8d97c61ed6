"""Who may call scheduling's routes: the role dependencies every router shares."""

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role, require_roles

FrontDesk = Annotated[Principal, Depends(require_roles(Role.FRONT_DESK, Role.OFFICE_MANAGER, Role.CLINICIAN))]
Clinician = Annotated[Principal, Depends(require_roles(Role.CLINICIAN))]
# Rewriting records (merges, types, errors) is a manager's call, not the front desk's.
Manager = Annotated[Principal, Depends(require_roles(Role.OFFICE_MANAGER))]
