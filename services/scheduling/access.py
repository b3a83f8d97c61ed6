"""Who may call scheduling's routes: the role dependencies every router shares."""

from typing import Annotated

from fastapi import Depends, Header

from shared.auth import Principal, Role, require_roles

FrontDesk = Annotated[Principal, Depends(require_roles(Role.FRONT_DESK, Role.OFFICE_MANAGER, Role.CLINICIAN))]
Clinician = Annotated[Principal, Depends(require_roles(Role.CLINICIAN))]
# Rewriting records (merges, types, errors) is a manager's call, not the front desk's.
Manager = Annotated[Principal, Depends(require_roles(Role.OFFICE_MANAGER))]

# An emergency justification; sending it asks to open a record outside the caller's locations.
BreakGlassHeader = Annotated[str | None, Header(
    alias="X-Break-Glass", min_length=10, max_length=500,
    description="Break-glass: the emergency reason to open a record of another location "
                "(clinicians and practice admins only; audited and alerted to compliance).")]

# The 403 of a route that takes the break-glass header, as its OpenAPI response documents it.
BREAK_GLASS_REFUSED = {"description": "The patient is outside the caller's locations and the glass was not broken, "
                                      "or the caller's role may not break it (audited as a denied access)."}
