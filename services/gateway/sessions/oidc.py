"""Trusting an external OpenID Connect provider: its RS256/ES256 tokens, checked against its JWKS."""

import asyncio
from datetime import UTC, datetime

import jwt

from services.gateway.access import KNOWN_ROLES
from services.gateway.settings import Settings
from shared.auth import ALL_LOCATIONS, Principal
from shared.errors import Unauthorized

ALGORITHMS = ["RS256", "ES256"]


class OidcVerifier:
    """Verifies a provider's token and maps its claims to clinicops roles and locations."""

    def __init__(self, settings: Settings):
        self.issuer = settings.oidc_issuer
        self.audience = settings.oidc_audience or None
        self.roles_claim = settings.oidc_roles_claim
        self.locations_claim = settings.oidc_locations_claim
        self.role_map = settings.oidc_role_map
        # Keys are cached; an unknown kid makes PyJWKClient fetch the set again (key rotation).
        self.jwks = jwt.PyJWKClient(settings.oidc_jwks_url, cache_keys=True, lifespan=300, timeout=5)

    def issued_this(self, token: str) -> bool:
        """Whether the token claims to come from the provider (its signature is checked by verify)."""
        try:
            header = jwt.get_unverified_header(token)
            claims = jwt.decode(token, options={"verify_signature": False})
        except jwt.PyJWTError:
            return False
        return header.get("alg") in ALGORITHMS and claims.get("iss") == self.issuer

    async def verify(self, token: str) -> tuple[Principal, datetime, str | None]:
        """The principal, the token's expiry and its jti; Unauthorized when anything is off."""
        try:
            # PyJWKClient fetches over blocking urllib: keep it off the event loop.
            key = await asyncio.to_thread(self.jwks.get_signing_key_from_jwt, token)
            claims = jwt.decode(
                token,
                key.key,
                algorithms=ALGORITHMS,
                issuer=self.issuer,
                audience=self.audience,
                options={"require": ["sub", "exp", "iss"], "verify_aud": self.audience is not None},
            )
        except (jwt.PyJWTError, jwt.PyJWKClientError) as exc:
            raise Unauthorized(f"invalid provider token: {exc}") from exc
        principal = Principal(sub=str(claims["sub"]), roles=self.roles_of(claims), locations=self.locations_of(claims))
        return principal, datetime.fromtimestamp(claims["exp"], UTC), claims.get("jti")

    def roles_of(self, claims: dict) -> frozenset[str]:
        """Mapped provider roles plus any that already are clinicops role names; others are dropped."""
        names = _as_list(_claim(claims, self.roles_claim))
        return frozenset(r for r in (self.role_map.get(n, n) for n in names) if r in KNOWN_ROLES)

    def locations_of(self, claims: dict) -> frozenset[str]:
        locations = _as_list(_claim(claims, self.locations_claim))
        return frozenset([ALL_LOCATIONS]) if ALL_LOCATIONS in locations else frozenset(locations)


def _claim(claims: dict, path: str):
    """A claim by dotted path, e.g. `realm_access.roles` (Keycloak)."""
    value = claims
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def _as_list(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return value.split()  # OAuth scopes style: space separated
    return [str(v) for v in value]
