"""Lockout after failed sign-ins and refresh-token digests: pure rules, no I/O."""

from datetime import datetime, timedelta

from services.gateway.sessions.domain import CLEARED, FailureCount, LockoutPolicy, refresh_token_digest
from shared.clock import utcnow

POLICY = LockoutPolicy(threshold=3, window=timedelta(minutes=15), duration=timedelta(minutes=10))
T0 = utcnow().replace(microsecond=0)  # the rules take `now` as an argument; any instant will do


def fail(count: FailureCount, at: datetime) -> FailureCount:
    return POLICY.after_failure(count, at)


def test_threshold_failures_within_the_window_lock_for_the_duration():
    count = fail(fail(CLEARED, T0), T0 + timedelta(minutes=1))
    assert (count.attempts, count.locked_until) == (2, None)
    locked = fail(count, T0 + timedelta(minutes=2))
    assert locked.locked_until == T0 + timedelta(minutes=12)
    assert POLICY.is_locked(locked.locked_until, T0 + timedelta(minutes=11))
    assert not POLICY.is_locked(locked.locked_until, T0 + timedelta(minutes=12))
    # Once the lock has run out, the user has the full number of tries again.
    assert fail(locked, T0 + timedelta(minutes=13)).attempts == 1


def test_failures_spread_beyond_the_window_start_over():
    count = fail(fail(CLEARED, T0), T0 + timedelta(minutes=5))
    later = fail(count, T0 + timedelta(minutes=16))
    assert (later.attempts, later.window_start, later.locked_until) == (1, T0 + timedelta(minutes=16), None)


def test_refresh_tokens_are_kept_as_sha256_digests():
    assert refresh_token_digest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
