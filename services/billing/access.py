"""Who may call billing's routes: the role dependencies every router shares."""

from typing import Annotated

from fastapi import Depends

from shared.auth import Principal, Role, require_roles

# Payers, prices, coverage, charges, claims, remittances: the billing office and its manager.
Biller = Annotated[Principal, Depends(require_roles(Role.BILLER, Role.OFFICE_MANAGER))]
