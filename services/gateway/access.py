"""Who may call the gateway: a token the app's authenticator accepts, not revoked, within the user's rate."""

from dataclasses import dataclass, replace
from datetime import datetime
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.auth import Principal, Role
from shared.errors import Forbidden, Unauthorized

# Every clinicops role: what a route given no roles serves, and the provider roles worth keeping.
KNOWN_ROLES = frozenset(r.value for r in Role)


@dataclass(frozen=True)
class Caller:
    """An authenticated request: who, and the internal bearer token to pass upstream."""

    principal: Principal
    bearer: str
    token_id: str | None
    expires_at: datetime
    # The gateway user behind the token (its `sub` may be their staff id); None for a provider's user.
    user_id: str | None = None
    token_generation: int | None = None
    session_id: str | None = None  # the sign-in (refresh family) the token belongs to

    @property
    def account_id(self) -> str:
        """Whose session and rate this is: the gateway user, else the token's subject."""
        return self.user_id or self.principal.sub


_bearer = HTTPBearer(auto_error=False)


def require_user(*roles: Role):
    """Dependency: a valid, unrevoked token with one of `roles` (any clinicops role when none given)."""
    allowed = frozenset(({str(r) for r in roles} | {Role.PRACTICE_ADMIN.value}) if roles else KNOWN_ROLES)

    async def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Caller:
        return await authenticated(request, credentials, allowed)

    dependency.allowed_roles = allowed  # read by the test that walks every route
    return dependency


async def authenticated(
    request: Request, credentials: HTTPAuthorizationCredentials | None, allowed: frozenset[str]
) -> Caller:
    """The caller of a request with one of the `allowed` roles: 401 without a valid, unrevoked token, 403, 429."""
    if credentials is None:
        raise Unauthorized("missing bearer token")
    # The authenticator and the user buckets are the sessions' and rate limits' own, put on the state by
    # app.py: reached there, this module imports no feature, so every feature's routes may import it.
    state = request.app.state
    caller = await state.authenticator.authenticate(credentials.credentials)
    if not caller.principal.roles & allowed:
        raise Forbidden(f"requires one of the roles {sorted(allowed)}")
    if (caller.token_id or caller.user_id) and await state.authenticator.is_revoked(caller, uow=state.runtime.uow()):
        raise Unauthorized("token revoked")
    state.user_limits.check(caller.account_id, who="this user")
    client_ip = request.client.host if request.client else None
    p = caller.principal
    return replace(caller, principal=Principal(p.sub, p.roles, p.locations, client_ip))


async def any_user(request: Request) -> Caller:
    """`AnyUser` outside FastAPI's dependency solving: the proxy's plain route calls it first thing."""
    return await authenticated(request, await _bearer(request), KNOWN_ROLES)


AnyUser = Annotated[Caller, Depends(require_user())]
Admin = Annotated[Caller, Depends(require_user(Role.PRACTICE_ADMIN))]
# The dashboard spans staffing, billing and facilities: a manager's screen.
Manager = Annotated[Caller, Depends(require_user(Role.OFFICE_MANAGER))]
