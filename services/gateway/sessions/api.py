"""Routes of sessions: sign-in, refresh and sign-out."""

from datetime import timedelta

from fastapi import APIRouter, Request

from services.gateway.access import AnyUser
from services.gateway.sessions import service as sessions
from services.gateway.sessions import signing_in
from services.gateway.sessions.domain import LockoutPolicy, SourceThrottle, TokenPolicy
from services.gateway.sessions.schemas import RefreshIn, SignIn, SignOutIn, TokensOut
from shared.web import UowDep

router = APIRouter(prefix="/api/v1")


def _token_policy(request: Request) -> TokenPolicy:
    s = request.app.state.runtime.settings
    return TokenPolicy(
        keys=request.app.state.keys,
        issuer=s.jwt_issuer,
        access_ttl=timedelta(seconds=s.access_token_ttl_s),
        refresh_ttl=timedelta(seconds=s.refresh_token_ttl_s),
    )


def _throttle(request: Request) -> SourceThrottle:
    s = request.app.state.runtime.settings
    return SourceThrottle(
        threshold=s.throttle_threshold,
        window=timedelta(seconds=s.throttle_window_s),
        first_delay=timedelta(seconds=s.throttle_first_delay_s),
        longest_delay=timedelta(seconds=s.throttle_longest_delay_s),
    )


def _lockout(request: Request) -> LockoutPolicy:
    s = request.app.state.runtime.settings
    return LockoutPolicy(
        threshold=s.lockout_threshold,
        window=timedelta(seconds=s.lockout_window_s),
        duration=timedelta(seconds=s.lockout_duration_s),
    )


REFUSED = {401: {"description": "Wrong email, password or one-time code, or a locked account: alike, by design."}}
SPENT = {401: {"description": "The refresh token is unknown, expired, or was used before (its session is ended)."}}


@router.post("/auth/sign-in", response_model=TokensOut, tags=["auth"], responses=REFUSED)
async def sign_in(body: SignIn, request: Request, uow: UowDep):
    """Email and password for a short-lived access token and a refresh token (401 alike for all refusals)."""
    source = request.client.host if request.client else None
    return await signing_in.sign_in(
        uow=uow,
        cmd=body,
        tokens=_token_policy(request),
        lockout=_lockout(request),
        throttle=_throttle(request),
        source=source,
    )


@router.post("/auth/refresh", response_model=TokensOut, tags=["auth"], responses=SPENT)
async def refresh(body: RefreshIn, request: Request, uow: UowDep):
    """A new token pair for a refresh token, which is used up; reusing it revokes the session."""
    return await sessions.refresh(uow=uow, refresh_token=body.refresh_token, tokens=_token_policy(request))


@router.post("/auth/sign-out", status_code=204, tags=["auth"])
async def sign_out(caller: AnyUser, uow: UowDep, body: SignOutIn | None = None) -> None:
    """Revoke this access token and its session (and, when given, the refresh token's)."""
    await sessions.sign_out(
        uow=uow,
        user_id=caller.account_id,
        token_id=caller.token_id,
        session_id=caller.session_id,
        token_expires_at=caller.expires_at,
        refresh_token=body.refresh_token if body else None,
    )
