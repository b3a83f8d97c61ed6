"""Signing in: the password, the per-source throttle and the account-wide lock, then a new session."""

import asyncio
import logging
import uuid
from datetime import datetime

from sqlalchemy import select

from services.gateway.sessions import service as sessions
from services.gateway.sessions.domain import CLEARED, FailureCount, LockoutPolicy, SourceThrottle, TokenPolicy
from services.gateway.sessions.models import SignInThrottle
from services.gateway.sessions.schemas import SignIn, TokensOut
from services.gateway.users import domain as users
from services.gateway.users import passwords
from services.gateway.users.models import User
from shared.clock import utcnow
from shared.errors import Unauthorized
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.gateway.sessions")
REFUSED = "wrong email or password, or the account is locked"


async def sign_in(
    *,
    uow: UnitOfWork,
    cmd: SignIn,
    tokens: TokenPolicy,
    lockout: LockoutPolicy,
    throttle: SourceThrottle,
    source: str | None,
) -> TokensOut:
    """Check the password against the locked user row: count the failure, or open a session (a refresh family).

    A source that failed too often against this account waits (growing delays) without its password
    even being checked; the account-wide lock needs many more failures, from anywhere.
    """
    now, issued, source = utcnow(), None, (source or "unknown")[:45]
    async with uow:
        # The row lock makes concurrent attempts on one account count one after the other.
        user = await uow.session.scalar(
            select(User).where(User.email == users.normalize_email(cmd.email), User.active).with_for_update()
        )
        pair = user and await uow.session.get(SignInThrottle, (user.id, source))
        waiting = pair is not None and LockoutPolicy.is_locked(pair.blocked_until, now)
        locked = user is not None and (waiting or LockoutPolicy.is_locked(user.locked_until, now))
        # argon2 runs in a thread; an unknown email costs as long as a wrong password.
        password_ok = not locked and await asyncio.to_thread(
            passwords.verify_password, user and user.password_hash, cmd.password
        )
        if user is None or locked:
            pass
        elif not password_ok:
            count = lockout.after_failure(
                FailureCount(user.failed_attempts, user.failure_window_start, user.locked_until), now
            )
            if count.locked_until != user.locked_until:
                log.warning("account locked", extra={"user_id": user.id})
            _store_count(user, count)
            _count_source_failure(uow, user, source, pair, throttle, now)
        else:
            _store_count(user, CLEARED)
            if pair is not None:
                await uow.session.delete(pair)
            if passwords.needs_rehash(user.password_hash):
                user.password_hash = passwords.hash_password(cmd.password)
            issued = await sessions.issue_tokens(uow, user, family_id=str(uuid.uuid4()), tokens=tokens, now=now)
    if issued is None:
        raise Unauthorized(REFUSED)
    return issued


def _count_source_failure(
    uow: UnitOfWork, user: User, source: str, pair: SignInThrottle | None, throttle: SourceThrottle, now: datetime
) -> None:
    current = FailureCount(pair.failures, pair.window_start, pair.blocked_until) if pair else CLEARED
    count = throttle.after_failure(current, now)
    if count.locked_until is not None:
        log.warning(
            "sign-in throttled for one source", extra={"user_id": user.id, "source": source, "failures": count.attempts}
        )
    if pair is None:
        uow.session.add(
            SignInThrottle(
                user_id=user.id,
                source=source,
                failures=count.attempts,
                window_start=count.window_start,
                blocked_until=count.locked_until,
            )
        )
    else:
        pair.failures, pair.window_start, pair.blocked_until = count.attempts, count.window_start, count.locked_until


def _store_count(user: User, count: FailureCount) -> None:
    user.failed_attempts, user.failure_window_start, user.locked_until = (
        count.attempts,
        count.window_start,
        count.locked_until,
    )
