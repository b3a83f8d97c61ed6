"""Who may call the gateway: its own token or a trusted provider's, not revoked, within the user's rate."""

from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from services.gateway import sessions
from services.gateway.domain import GENERATION_CLAIM, KNOWN_ROLES, USER_ID_CLAIM
from services.gateway.oidc import OidcVerifier
from services.gateway.ratelimit import TokenBuckets
from services.gateway.settings import Settings
from shared.auth import Principal, Role, decode_token, issue_token
from shared.clock import utcnow
from shared.errors import Forbidden, Unauthorized

# The internal token minted for a provider's user lives no longer than this, whatever the provider's lifetime.
MINTED_TTL = timedelta(minutes=5)


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

    @property
    def account_id(self) -> str:
        """Whose session and rate this is: the gateway user, else the token's subject."""
        return self.user_id or self.principal.sub


class Authenticator:
    """Accepts the gateway's own HS256 tokens and, when configured, the OIDC provider's."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.oidc = OidcVerifier(settings) if settings.oidc_enabled else None

    async def authenticate(self, token: str) -> Caller:
        settings = self.settings
        if self.oidc is not None and self.oidc.issued_this(token):
            principal, expires_at, token_id = await self.oidc.verify(token)
            ttl = min(MINTED_TTL, expires_at - utcnow())
            minted = issue_token(sub=principal.sub, roles=sorted(principal.roles),
                                 locations=sorted(principal.locations), secret=settings.jwt_secret,
                                 issuer=settings.jwt_issuer, ttl=ttl)
            return Caller(principal, minted, token_id, expires_at)
        claims = decode_token(token, secret=settings.jwt_secret, issuer=settings.jwt_issuer)
        principal = Principal(sub=claims["sub"], roles=frozenset(claims.get("roles", [])),
                              locations=frozenset(claims.get("locations", [])))
        return Caller(principal, token, claims.get("jti"), datetime.fromtimestamp(claims["exp"], UTC),
                      claims.get(USER_ID_CLAIM), claims.get(GENERATION_CLAIM))


_bearer = HTTPBearer(auto_error=False)


def require_user(*roles: Role):
    """Dependency: a valid, unrevoked token with one of `roles` (any clinicops role when none given)."""
    allowed = ({str(r) for r in roles} | {Role.PRACTICE_ADMIN.value}) if roles else set(KNOWN_ROLES)

    async def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Caller:
        if credentials is None:
            raise Unauthorized("missing bearer token")
        state = request.app.state
        caller = await state.authenticator.authenticate(credentials.credentials)
        if not caller.principal.roles & allowed:
            raise Forbidden(f"requires one of the roles {sorted(allowed)}")
        if (caller.token_id or caller.user_id) and await sessions.is_revoked(
                uow=state.runtime.uow(), token_id=caller.token_id, user_id=caller.user_id,
                generation=caller.token_generation):
            raise Unauthorized("token revoked")
        state.user_limits.check(caller.account_id, who="this user")
        client_ip = request.client.host if request.client else None
        p = caller.principal
        return replace(caller, principal=Principal(p.sub, p.roles, p.locations, client_ip))

    dependency.allowed_roles = frozenset(allowed)  # read by the test that walks every route
    return dependency


def user_buckets(settings: Settings) -> TokenBuckets:
    return TokenBuckets(per_minute=settings.rate_limit_user_per_minute, burst=settings.rate_limit_user_burst)


AnyUser = Annotated[Caller, Depends(require_user())]
Admin = Annotated[Caller, Depends(require_user(Role.PRACTICE_ADMIN))]
# The dashboard spans staffing, billing and facilities: a manager's screen.
Manager = Annotated[Caller, Depends(require_user(Role.OFFICE_MANAGER))]
