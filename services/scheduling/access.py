"""Who may call scheduling's routes: the role dependencies every router shares."""

from typing import Annotated

from fastapi import Depends, Header

from shared.audit import phi_roles
from shared.auth import Principal, Role, require_roles


def _caller(*roles: Role, phi: str | None):
    # On a PHI route a role refusal is a denied access in the trail, like a refusal by location.
    return phi_roles(*roles, resource=phi) if phi else Annotated[Principal, Depends(require_roles(*roles))]


def front_desk(phi: str | None = None):
    """The desk's roles; with `phi` (the resource, e.g. "Patient") a refused role is audited."""
    return _caller(Role.FRONT_DESK, Role.OFFICE_MANAGER, Role.CLINICIAN, phi=phi)


def clinician(phi: str | None = None):
    return _caller(Role.CLINICIAN, phi=phi)


def manager(phi: str | None = None):
    """Rewriting records (merges, types, errors) is a manager's call, not the front desk's."""
    return _caller(Role.OFFICE_MANAGER, phi=phi)


FrontDesk, Manager = front_desk(), manager()  # routes that touch no patient's data (types, slots)

# An emergency justification; sending it asks to open a record outside the caller's locations.
BreakGlassHeader = Annotated[
    str | None,
    Header(
        alias="X-Break-Glass",
        min_length=10,
        max_length=500,
        description="Break-glass: the emergency reason to open a record of another location "
        "(clinicians and practice admins only; audited and alerted to compliance).",
    ),
]

# The 403 of a route that takes the break-glass header, as its OpenAPI response documents it.
BREAK_GLASS_REFUSED = {
    "description": "The patient is outside the caller's locations and the glass was not broken, "
    "or the caller's role may not break it (audited as a denied access)."
}
