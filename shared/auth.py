"""Verification of the gateway's JWT and role/location enforcement on every route."""

import itertools
import logging
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import timedelta
from enum import StrEnum
from typing import Annotated
from uuid import uuid4

import jwt
from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from shared.clock import utcnow
from shared.errors import Forbidden, Unauthorized
from shared.keys import ALGORITHM, SigningKey
from shared.public_keys import PublicKeys

ALL_LOCATIONS = "*"
log = logging.getLogger("clinicops.auth")


class Role(StrEnum):
    PRACTICE_ADMIN = "practice_admin"
    OFFICE_MANAGER = "office_manager"
    FRONT_DESK = "front_desk"
    CLINICIAN = "clinician"
    BILLER = "biller"
    COMPLIANCE_OFFICER = "compliance_officer"
    FACILITIES_COORDINATOR = "facilities_coordinator"


@dataclass(frozen=True)
class Principal:
    """The signed-in user as the gateway vouched for them."""

    sub: str
    roles: frozenset[str]
    locations: frozenset[str]
    source_ip: str | None = None

    def may_access(self, location_id: str) -> bool:
        return ALL_LOCATIONS in self.locations or location_id in self.locations

    def ensure_location(self, location_id: str) -> None:
        """Refuse data of a location outside the token's scope (no BOLA by changing ids)."""
        if not self.may_access(location_id):
            raise Forbidden(f"no access to location {location_id}", field="location_id")


def issue_token(
    *,
    sub: str,
    roles: list[str],
    locations: list[str],
    key: SigningKey,
    issuer: str = "clinicops-gateway",
    ttl: timedelta = timedelta(minutes=15),
    token_id: str | None = None,
    extra_claims: dict | None = None,
) -> str:
    """Sign an access token with the gateway's private key (tests sign with a test key of their own)."""
    now = utcnow()
    # jti: the gateway revokes a single access token at sign-out by this id.
    claims = {
        "sub": sub,
        "roles": roles,
        "locations": locations,
        "iss": issuer,
        "iat": now,
        "nbf": now,
        "exp": now + ttl,
        "jti": token_id or uuid4().hex,
    } | (extra_claims or {})
    return jwt.encode(claims, key.private, algorithm=ALGORITHM, headers={"kid": key.kid})


class VerifiedTokens:
    """Claims of tokens whose signature was checked, by token: each caller's next requests skip the Ed25519 check.

    A hit counts only while unexpired and while the same key object still verifies its kid (a key no longer
    published, or another key set, verifies afresh); revocations are checked by the callers on every request,
    as before. Bounded: the oldest entries go first.
    """

    def __init__(self, max_size: int = 10_000):
        self.max_size = max_size
        # (token, issuer) -> (claims, kid, the key that verified it, exp)
        self._claims: dict[tuple[str, str], tuple[dict, str, object, float]] = {}

    def get(self, token: str, issuer: str) -> tuple[dict, str, object] | None:
        entry = self._claims.get((token, issuer))
        if entry is None:
            return None
        if entry[3] <= time.time():
            del self._claims[(token, issuer)]
            return None
        return entry[:3]

    def put(self, token: str, issuer: str, claims: dict, kid: str, key: object) -> None:
        if len(self._claims) >= self.max_size:
            for stale in list(itertools.islice(self._claims, self.max_size // 10 or 1)):
                del self._claims[stale]
        self._claims[(token, issuer)] = (claims, kid, key, float(claims["exp"]))


_verified = VerifiedTokens()


async def decode_token(token: str, *, keys: PublicKeys, issuer: str) -> dict:
    """The verified claims of an access token; Unauthorized (401) when it is not valid.

    Only EdDSA with a published `kid` is accepted: an HS256 token (whatever its secret),
    `alg=none` or a key the gateway never published is refused before any claim is read.
    A token verified before is not verified again while it is unexpired and its key still published.
    """
    if (known := _verified.get(token, issuer)) is not None:
        claims, kid, verified_with = known
        if await keys.get(kid) is verified_with:
            return dict(claims)
    try:
        header = jwt.get_unverified_header(token)
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"invalid token: {exc}") from exc
    if header.get("alg") != ALGORITHM or not isinstance(header.get("kid"), str):
        raise Unauthorized(f"invalid token: only {ALGORITHM} tokens with a key id are accepted")
    key = await keys.get(header["kid"])
    if key is None:
        raise Unauthorized("invalid token: signed by a key the gateway does not publish")
    try:
        claims = jwt.decode(
            token, key, algorithms=[ALGORITHM], issuer=issuer, options={"require": ["sub", "exp", "iss", "jti"]}
        )
    except jwt.PyJWTError as exc:
        raise Unauthorized(f"invalid token: {exc}") from exc
    _verified.put(token, issuer, claims, header["kid"], key)
    return dict(claims)


def principal_of(claims: dict) -> Principal:
    return Principal(
        sub=claims["sub"], roles=frozenset(claims.get("roles", [])), locations=frozenset(claims.get("locations", []))
    )


_bearer = HTTPBearer(auto_error=False)


RefusalHook = Callable[[Request, "Principal"], Awaitable[None]]


def require_roles(*roles: Role, on_refusal: RefusalHook | None = None):
    """Dependency: a valid token holding one of `roles` (practice admins always pass).

    `on_refusal` runs before the 403 of a valid token with none of the roles: PHI routes
    audit that refusal (shared.audit.audit_role_refusal) as they audit a location refusal.
    """
    allowed = {str(r) for r in roles} | {Role.PRACTICE_ADMIN.value}

    async def dependency(
        request: Request,
        credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    ) -> Principal:
        if credentials is None:
            raise Unauthorized("missing bearer token")
        runtime = request.app.state.runtime
        claims = await decode_token(
            credentials.credentials, keys=runtime.public_keys, issuer=runtime.settings.jwt_issuer
        )
        if runtime.revocations.revoked.refuses(claims):
            raise Unauthorized("token revoked: signed out, session ended or access withdrawn")
        client_ip = request.client.host if request.client else None
        principal = replace(principal_of(claims), source_ip=client_ip)
        if not principal.roles & allowed:
            if on_refusal is not None:
                try:
                    await on_refusal(request, principal)
                except Exception:  # the refusal stands; an unwritable trail must not turn it into a 500
                    log.exception("refused access could not be audited", extra={"path": request.url.path})
            raise Forbidden(f"requires one of the roles {sorted(allowed)}")
        return principal

    dependency.allowed_roles = frozenset(allowed)  # read by the test that walks every route
    return dependency
