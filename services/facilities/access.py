"""Who may call facilities' routes: the role dependencies every router shares."""

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role, require_roles

# Opening a location creates the id every token's `locations` claim names: the group's call.
Admin = Annotated[Principal, Depends(require_roles())]
Manager = Annotated[Principal, Depends(require_roles(Role.FACILITIES_COORDINATOR, Role.OFFICE_MANAGER))]
# Anyone on staff may notice a broken device and report it.
AnyStaff = Annotated[Principal, Depends(require_roles(*Role))]
