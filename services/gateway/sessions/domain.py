"""Pure rules of sessions: lockout after failed sign-ins, refresh-token digests, the claims of our tokens."""

import hashlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from shared.keys import KeyRing
from shared.revocations import GENERATION_CLAIM, SESSION_CLAIM, USER_ID_CLAIM

__all__ = ["GENERATION_CLAIM", "SESSION_CLAIM", "USER_ID_CLAIM"]
# A revocation of every token of a user is kept this long by the services: no access token lives longer
# (settings refuse a longer access_token_ttl_s).
LONGEST_ACCESS_TOKEN = timedelta(hours=24)


@dataclass(frozen=True)
class FailureCount:
    """A user's failed sign-ins within the current window, and the lock they earned."""

    attempts: int
    window_start: datetime | None
    locked_until: datetime | None


@dataclass(frozen=True)
class LockoutPolicy:
    """`threshold` failures within `window` lock the account for `duration`."""

    threshold: int
    window: timedelta
    duration: timedelta

    @staticmethod
    def is_locked(locked_until: datetime | None, now: datetime) -> bool:
        return locked_until is not None and now < locked_until

    def after_failure(self, current: FailureCount, now: datetime) -> FailureCount:
        """The count after one more failure; a window that has passed starts over."""
        if current.window_start is None or now - current.window_start >= self.window:
            attempts, window_start = 1, now
        else:
            attempts, window_start = current.attempts + 1, current.window_start
        if attempts >= self.threshold:
            # The lock starts a fresh count, so a user who waits it out gets `threshold` tries again.
            return FailureCount(0, None, now + self.duration)
        return FailureCount(attempts, window_start, current.locked_until)


CLEARED = FailureCount(0, None, None)


@dataclass(frozen=True)
class SourceThrottle:
    """Failures of one account from one source: past `threshold`, each one doubles that source's wait.

    The wait is per (account, source): an attacker at one address slows only themselves, and the
    user signs in from anywhere else. The account-wide LockoutPolicy, with a far higher threshold,
    still stops guessing spread over many addresses.
    """

    threshold: int
    window: timedelta
    first_delay: timedelta
    longest_delay: timedelta

    def after_failure(self, current: FailureCount, now: datetime) -> FailureCount:
        if current.window_start is None or now - current.window_start >= self.window:
            attempts, window_start = 1, now
        else:
            attempts, window_start = current.attempts + 1, current.window_start
        if attempts < self.threshold:
            return FailureCount(attempts, window_start, None)
        delay = min(self.first_delay * 2 ** (attempts - self.threshold), self.longest_delay)
        return FailureCount(attempts, window_start, now + delay)


@dataclass(frozen=True)
class TokenPolicy:
    """How the gateway's own tokens are signed (the newest key of its ring), and how long each kind lives."""

    keys: KeyRing
    issuer: str
    access_ttl: timedelta
    refresh_ttl: timedelta


def refresh_token_digest(token: str) -> str:
    """What the database keeps of a refresh token: a leaked table does not sign anyone in."""
    return hashlib.sha256(token.encode()).hexdigest()
