"""Use cases of sessions: refresh-token rotation, sign-out, revocation of access tokens (sign-in: signing_in.py)."""

import logging
import secrets
from datetime import datetime, timedelta

from sqlalchemy import delete, exists, false, or_, select, update

from services.gateway.sessions.domain import (
    GENERATION_CLAIM,
    LONGEST_ACCESS_TOKEN,
    SESSION_CLAIM,
    USER_ID_CLAIM,
    TokenPolicy,
    refresh_token_digest,
)
from services.gateway.sessions.models import RefreshToken, RevokedAccessToken, SignInThrottle
from services.gateway.sessions.schemas import TokensOut
from services.gateway.users.models import User
from shared.auth import issue_token
from shared.clock import utcnow
from shared.contracts.gateway import RevocationReason, TokensRevoked
from shared.db import insert_on_conflict
from shared.errors import Unauthorized
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.gateway.sessions")
# A source's failures are forgotten this long after its window opened, once it waits no more.
MAX_THROTTLE_MEMORY = timedelta(days=1)


async def refresh(*, uow: UnitOfWork, refresh_token: str, tokens: TokenPolicy) -> TokensOut:
    """Rotate a refresh token; presenting one already rotated revokes its whole family (it was copied)."""
    digest, now, issued = refresh_token_digest(refresh_token), utcnow(), None
    async with uow:
        rotated = await uow.session.execute(
            update(RefreshToken)
            .where(
                RefreshToken.token_hash == digest,
                RefreshToken.rotated_at.is_(None),
                RefreshToken.revoked_at.is_(None),
                RefreshToken.expires_at > now,
            )
            .values(rotated_at=now)
            .execution_options(synchronize_session=False)
        )
        row = await uow.session.get(RefreshToken, digest)
        if rotated.rowcount == 1:
            user = await uow.session.get(User, row.user_id)
            if user is not None and user.active:
                issued = await issue_tokens(uow, user, family_id=row.family_id, tokens=tokens, now=now)
            else:
                await _revoke_family(uow, row.family_id, now)
        elif row is not None and row.rotated_at is not None and row.revoked_at is None:
            log.warning("rotated refresh token reused; family revoked", extra={"user_id": row.user_id})
            await _revoke_family(uow, row.family_id, now)
            await _announce(
                uow,
                TokensRevoked(
                    reason=RevocationReason.REFRESH_REUSE,
                    session_id=row.family_id,
                    user_id=row.user_id,
                    honour_until=now + tokens.access_ttl,
                ),
            )
    if issued is None:
        raise Unauthorized("refresh token expired, revoked or unknown")
    return issued


async def sign_out(
    *,
    uow: UnitOfWork,
    user_id: str,
    token_id: str | None,
    session_id: str | None,
    token_expires_at: datetime,
    refresh_token: str | None,
) -> None:
    """Revoke the session (the token's own, or the refresh token's) and the access token presented.

    Every service hears of it on the revocation topic and refuses the token until it would expire anyway.
    """
    now = utcnow()
    async with uow:
        if refresh_token:
            row = await uow.session.get(RefreshToken, refresh_token_digest(refresh_token))
            if row is not None and row.user_id == user_id:
                await _revoke_family(uow, row.family_id, now)
        if session_id:
            await _revoke_family(uow, session_id, now, user_id=user_id)
        if token_id:
            await uow.session.execute(
                insert_on_conflict(uow.session, RevokedAccessToken)
                .values(jti=token_id, expires_at=token_expires_at)
                .on_conflict_do_nothing(index_elements=["jti"])
            )
        if token_id or session_id:
            await _announce(
                uow,
                TokensRevoked(
                    reason=RevocationReason.SIGN_OUT,
                    token_id=token_id,
                    session_id=session_id,
                    user_id=user_id,
                    honour_until=max(token_expires_at, now),
                ),
            )


async def is_revoked(
    *,
    uow: UnitOfWork,
    token_id: str | None,
    user_id: str | None = None,
    generation: int | None = None,
    session_id: str | None = None,
) -> bool:
    """Whether this access token was signed out, its session ended, or its user disabled or revoked since."""
    # One statement (was one per rule): it runs on every authenticated request the gateway proxies.
    refusals = []
    if token_id:
        refusals.append(exists().where(RevokedAccessToken.jti == token_id))
    if session_id:
        refusals.append(exists().where(RefreshToken.family_id == session_id, RefreshToken.revoked_at.is_not(None)))
    if user_id is None:  # a provider's user, or a token no local user was signed in for
        if not refusals:
            return False
        async with uow:
            return bool(await uow.session.scalar(select(or_(*refusals))))
    signed_out = or_(*refusals) if refusals else false()
    async with uow:
        user = (
            await uow.session.execute(
                select(signed_out.label("signed_out"), User.active, User.token_generation).where(User.id == user_id)
            )
        ).one_or_none()
    return user is None or bool(user.signed_out) or not user.active or user.token_generation != generation


async def purge_expired(*, uow: UnitOfWork) -> None:
    """Forget revocations and refresh tokens past their expiry: they are refused by their exp anyway."""
    now = utcnow()
    async with uow:
        await uow.session.execute(delete(RevokedAccessToken).where(RevokedAccessToken.expires_at <= now))
        await uow.session.execute(delete(RefreshToken).where(RefreshToken.expires_at <= now))
        await uow.session.execute(
            delete(SignInThrottle).where(
                SignInThrottle.window_start <= now - MAX_THROTTLE_MEMORY,
                (SignInThrottle.blocked_until.is_(None)) | (SignInThrottle.blocked_until <= now),
            )
        )


async def revoke_every_session(uow: UnitOfWork, user: User, now: datetime, *, reason: RevocationReason) -> None:
    """Refuse every token the user holds: refresh families revoked, older access tokens by their generation."""
    user.token_generation += 1  # the caller holds the user row locked
    await uow.session.execute(
        update(RefreshToken)
        .where(RefreshToken.user_id == user.id, RefreshToken.revoked_at.is_(None))
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )
    await _announce(
        uow,
        TokensRevoked(
            reason=reason,
            user_id=user.id,
            below_generation=user.token_generation,
            honour_until=now + LONGEST_ACCESS_TOKEN,
        ),
    )


async def _revoke_family(uow: UnitOfWork, family_id: str, now: datetime, *, user_id: str | None = None) -> None:
    owned = [RefreshToken.user_id == user_id] if user_id else []
    await uow.session.execute(
        update(RefreshToken)
        .where(RefreshToken.family_id == family_id, RefreshToken.revoked_at.is_(None), *owned)
        .values(revoked_at=now)
        .execution_options(synchronize_session=False)
    )


async def _announce(uow: UnitOfWork, revoked: TokensRevoked) -> None:
    # Keyed by user: one user's revocations stay in order on one partition.
    await uow.emit(revoked, subject=revoked.user_id or revoked.session_id or revoked.token_id)


async def issue_tokens(uow: UnitOfWork, user: User, *, family_id: str, tokens: TokenPolicy, now: datetime) -> TokensOut:
    refresh_token = secrets.token_urlsafe(32)
    uow.session.add(
        RefreshToken(
            token_hash=refresh_token_digest(refresh_token),
            family_id=family_id,
            user_id=user.id,
            issued_at=now,
            expires_at=now + tokens.refresh_ttl,
        )
    )
    # Services take `sub` as the actor: a linked user acts as their staff member (audit, "own" routes).
    access = issue_token(
        sub=user.staff_id or user.id,
        roles=list(user.roles),
        locations=list(user.locations),
        key=tokens.keys.current,
        issuer=tokens.issuer,
        ttl=tokens.access_ttl,
        extra_claims={USER_ID_CLAIM: user.id, GENERATION_CLAIM: user.token_generation, SESSION_CLAIM: family_id},
    )
    return TokensOut(
        access_token=access,
        expires_in=int(tokens.access_ttl.total_seconds()),
        refresh_token=refresh_token,
        refresh_expires_in=int(tokens.refresh_ttl.total_seconds()),
    )
