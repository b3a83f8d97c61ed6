"""The gateway's own routes: sign-in, refresh, sign-out, users and the location dashboard."""

from datetime import date, timedelta

from fastapi import APIRouter, Request

from services.gateway import dashboard, sessions, users
from services.gateway.access import Admin, AnyUser, Manager
from services.gateway.dashboard_schemas import LocationDashboard
from services.gateway.domain import LockoutPolicy
from services.gateway.schemas import NewUser, RefreshIn, SignIn, SignOutIn, TokensOut, UserOut
from shared.web import UowDep

router = APIRouter(prefix="/api/v1")


def _token_policy(request: Request) -> sessions.TokenPolicy:
    s = request.app.state.runtime.settings
    return sessions.TokenPolicy(secret=s.jwt_secret, issuer=s.jwt_issuer,
                                access_ttl=timedelta(seconds=s.access_token_ttl_s),
                                refresh_ttl=timedelta(seconds=s.refresh_token_ttl_s))


def _lockout(request: Request) -> LockoutPolicy:
    s = request.app.state.runtime.settings
    return LockoutPolicy(threshold=s.lockout_threshold, window=timedelta(seconds=s.lockout_window_s),
                         duration=timedelta(seconds=s.lockout_duration_s))


@router.post("/auth/sign-in", response_model=TokensOut, tags=["auth"])
async def sign_in(body: SignIn, request: Request, uow: UowDep):
    """Email and password for a short-lived access token and a refresh token (401 alike for all refusals)."""
    return await sessions.sign_in(uow=uow, cmd=body, tokens=_token_policy(request), lockout=_lockout(request))


@router.post("/auth/refresh", response_model=TokensOut, tags=["auth"])
async def refresh(body: RefreshIn, request: Request, uow: UowDep):
    """A new token pair for a refresh token, which is used up; reusing it revokes the session."""
    return await sessions.refresh(uow=uow, refresh_token=body.refresh_token, tokens=_token_policy(request))


@router.post("/auth/sign-out", status_code=204, tags=["auth"])
async def sign_out(caller: AnyUser, uow: UowDep, body: SignOutIn | None = None) -> None:
    """Revoke this access token and, when given, the session of the refresh token."""
    await sessions.sign_out(uow=uow, user_id=caller.account_id, token_id=caller.token_id,
                            token_expires_at=caller.expires_at, refresh_token=body.refresh_token if body else None)


@router.post("/users", status_code=201, response_model=UserOut, tags=["users"])
async def create_user(body: NewUser, uow: UowDep, caller: Admin):
    """Add a user with roles and locations inside the admin's own scope."""
    return await users.create_user(uow=uow, cmd=body, actor=caller.principal)


@router.get("/users", response_model=list[UserOut], tags=["users"])
async def list_users(uow: UowDep, caller: Admin):
    """The users an admin may manage."""
    return await users.list_users(uow=uow, actor=caller.principal)


@router.get("/dashboard/locations/{location_id}", response_model=LocationDashboard, tags=["dashboard"])
async def location_dashboard(location_id: str, day: date, request: Request, caller: Manager):
    """A location's day from every service at once; `partial` with a reason per missing section."""
    return await dashboard.location_dashboard(
        upstreams=request.app.state.upstreams, location_id=location_id, day=day, caller=caller,
        timeout_s=request.app.state.runtime.settings.dashboard_timeout_s)
