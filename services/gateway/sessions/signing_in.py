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
from services.gateway.users import passwords, second_factor
from services.gateway.users.models import RecoveryCode, User
from shared.clock import utcnow
from shared.errors import Unauthorized
from shared.uow import UnitOfWork

log = logging.getLogger("clinicops.gateway.sessions")
REFUSED = "wrong email, password or one-time password, or the account is locked"


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
        # One answer for a wrong password and a wrong code: a refusal never says which half was right.
        password_ok = password_ok and await _second_factor_ok(uow, user, cmd.otp, now)
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


async def _second_factor_ok(uow: UnitOfWork, user: User, code: str | None, now: datetime) -> bool:
    """No secret: nothing asked. Else a fresh TOTP code, or an unused recovery code (then used up)."""
    if user.totp_secret is None:
        return True
    if not code:
        return False
    step = second_factor.accepted_step(user.totp_secret, code, now=now, last_step=user.totp_last_step)
    if step is not None:
        user.totp_last_step = step  # the user row is locked: two sign-ins cannot both take this step
        return True
    recovery = await uow.session.get(RecoveryCode, (user.id, second_factor.recovery_digest(code)))
    if recovery is None or recovery.used_at is not None:
        return False
    recovery.used_at = now
    log.warning("recovery code used", extra={"user_id": user.id})
    return True


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
