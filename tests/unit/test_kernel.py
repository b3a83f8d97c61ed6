"""Shared kernel pieces: money, UTC times, tokens and location scope."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest

from shared.auth import Principal, issue_token, verify_token
from shared.db import Money, UTCDateTime
from shared.errors import Forbidden, Unauthorized

SECRET = "unit-test-secret-0123456789-0123456789"


def test_money_is_stored_as_exact_cents():
    money = Money()
    assert money.process_bind_param(Decimal("1234.56"), None) == 123456
    assert money.process_result_value(123456, None) == Decimal("1234.56")
    with pytest.raises(ValueError, match="fractions of a cent"):
        money.process_bind_param(Decimal("0.005"), None)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(datetime(2026, 1, 1), None)


def test_token_round_trip_and_location_scope():
    token = issue_token(sub="u1", roles=["front_desk"], locations=["loc-a"], secret=SECRET)
    principal = verify_token(token, secret=SECRET, issuer="clinicops-gateway")
    assert principal.roles == {"front_desk"}
    principal.ensure_location("loc-a")
    with pytest.raises(Forbidden):
        principal.ensure_location("loc-b")
    assert Principal("u2", frozenset(), frozenset({"*"})).may_access("anywhere")


@pytest.mark.parametrize("token", [
    issue_token(sub="u", roles=[], locations=[], secret=SECRET, ttl=timedelta(seconds=-1)),  # expired
    issue_token(sub="u", roles=[], locations=[], secret="another-secret-0123456789-abcdef"),  # forged
    issue_token(sub="u", roles=[], locations=[], secret=SECRET, issuer="someone-else"),
])
def test_bad_tokens_are_refused(token):
    with pytest.raises(Unauthorized):
        verify_token(token, secret=SECRET, issuer="clinicops-gateway")
