"""Which bearer tokens the gateway accepts: its own EdDSA ones, a trusted provider's, and neither once revoked."""

from datetime import UTC, datetime, timedelta

from services.gateway.access import Caller
from services.gateway.sessions import service as sessions
from services.gateway.sessions.domain import GENERATION_CLAIM, SESSION_CLAIM, USER_ID_CLAIM
from services.gateway.sessions.oidc import OidcVerifier
from services.gateway.settings import Settings
from shared.auth import decode_token, issue_token, principal_of
from shared.clock import utcnow
from shared.keys import KeyRing
from shared.public_keys import PublicKeys
from shared.uow import UnitOfWork

# The internal token minted for a provider's user lives no longer than this, whatever the provider's lifetime.
MINTED_TTL = timedelta(minutes=5)


class Authenticator:
    """Accepts the gateway's own EdDSA tokens and, when configured, the OIDC provider's."""

    def __init__(self, settings: Settings, *, keys: KeyRing, public_keys: PublicKeys):
        self.settings = settings
        self.keys, self.public_keys = keys, public_keys
        self.oidc = OidcVerifier(settings) if settings.oidc_enabled else None

    async def authenticate(self, token: str) -> Caller:
        settings = self.settings
        if self.oidc is not None and self.oidc.issued_this(token):
            principal, expires_at, token_id = await self.oidc.verify(token)
            ttl = min(MINTED_TTL, expires_at - utcnow())
            minted = issue_token(
                sub=principal.sub,
                roles=sorted(principal.roles),
                locations=sorted(principal.locations),
                key=self.keys.current,
                issuer=settings.jwt_issuer,
                ttl=ttl,
            )
            return Caller(principal, minted, token_id, expires_at)
        claims = await decode_token(token, keys=self.public_keys, issuer=settings.jwt_issuer)
        return Caller(
            principal_of(claims),
            token,
            claims.get("jti"),
            datetime.fromtimestamp(claims["exp"], UTC),
            claims.get(USER_ID_CLAIM),
            claims.get(GENERATION_CLAIM),
            claims.get(SESSION_CLAIM),
        )

    @staticmethod
    async def is_revoked(caller: Caller, *, uow: UnitOfWork) -> bool:
        """Whether the caller's token was signed out, or its user disabled or revoked since it was issued."""
        return await sessions.is_revoked(
            uow=uow,
            token_id=caller.token_id,
            user_id=caller.user_id,
            generation=caller.token_generation,
            session_id=caller.session_id,
        )
