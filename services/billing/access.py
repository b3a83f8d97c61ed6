"""Who may call billing's routes: the role dependencies every router shares (practice admins always pass)."""

from typing import Annotated

from fastapi import Depends

from shared.audit import phi_roles
from shared.auth import Principal, Role, require_roles
from shared.errors import Forbidden

# Payers, prices, coverage, charges, claims, remittances, payments, expenses and reports: the billing office
# and its manager.
Biller = Annotated[Principal, Depends(require_roles(Role.BILLER, Role.OFFICE_MANAGER))]
# The front desk takes the copay at check-in; everything else about money is the back office's.
CheckInDesk = Annotated[Principal, Depends(require_roles(Role.FRONT_DESK, Role.BILLER, Role.OFFICE_MANAGER))]


def biller(phi: str):
    """The billing office on a route of a patient's data (`phi`, e.g. "Claim"): other roles' refusals are audited."""
    return phi_roles(Role.BILLER, Role.OFFICE_MANAGER, resource=phi)


def check_in_desk(phi: str):
    return phi_roles(Role.FRONT_DESK, Role.BILLER, Role.OFFICE_MANAGER, resource=phi)


_BACK_OFFICE = {Role.BILLER.value, Role.OFFICE_MANAGER.value, Role.PRACTICE_ADMIN.value}


def ensure_may_post(actor: Principal, kind: str) -> None:
    """The front desk alone may post copays only."""
    if kind != "copay" and not actor.roles & _BACK_OFFICE:
        raise Forbidden("the front desk posts copays only; other payments are the back office's", field="kind")
