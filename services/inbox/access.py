"""Who may call the inbox's routes.

- everyone on staff works tasks: their role's pools at their locations, and what they own;
- office managers (and practice admins, who pass every role check) see every pool at their
  locations, assign and reassign, and edit the due rules. Location scope applies on top of every role.
"""

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role, require_roles

AnyStaff = Annotated[Principal, Depends(require_roles(*Role))]
Manager = Annotated[Principal, Depends(require_roles(Role.OFFICE_MANAGER))]
