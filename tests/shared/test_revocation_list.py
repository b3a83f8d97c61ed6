"""Which verified claims a service's revocation list refuses, and for how long."""

from datetime import timedelta

import pytest
from pydantic import ValidationError

from shared.clock import utcnow
from shared.contracts.gateway import RevocationReason, TokensRevoked
from shared.revocations import RevocationList

SOON = utcnow() + timedelta(minutes=15)


def _claims(**claims) -> dict:
    return {"jti": "t1", "sid": "s1", "uid": "u1", "gen": 3} | claims


def test_a_signed_out_token_is_refused_and_its_neighbours_are_not():
    revoked = RevocationList()
    revoked.add(TokensRevoked(reason=RevocationReason.SIGN_OUT, token_id="t1", honour_until=SOON))
    assert revoked.refuses(_claims())
    assert not revoked.refuses(_claims(jti="t2", sid="s2"))


def test_a_revoked_session_refuses_every_token_of_that_sign_in():
    revoked = RevocationList()
    revoked.add(TokensRevoked(reason=RevocationReason.REFRESH_REUSE, session_id="s1", honour_until=SOON))
    assert revoked.refuses(_claims(jti="any"))
    assert not revoked.refuses(_claims(jti="any", sid="s2"))


def test_a_user_revocation_refuses_older_generations_only_and_never_moves_back():
    revoked = RevocationList()
    revoked.add(TokensRevoked(reason=RevocationReason.TERMINATION, user_id="u1", below_generation=4, honour_until=SOON))
    revoked.add(
        TokensRevoked(reason=RevocationReason.ACCESS_REVIEW, user_id="u1", below_generation=2, honour_until=SOON)
    )  # arrives late, out of order
    assert revoked.refuses(_claims(gen=3))
    assert not revoked.refuses(_claims(jti="t9", sid="s9", gen=4))
    assert not revoked.refuses(_claims(jti="t9", sid="s9", uid="u2", gen=0))


def test_entries_are_forgotten_once_their_tokens_have_expired_anyway():
    revoked = RevocationList()
    revoked.add(TokensRevoked(reason=RevocationReason.SIGN_OUT, token_id="t1", session_id="s1", honour_until=SOON))
    revoked.forget_expired(SOON - timedelta(seconds=1))
    assert revoked.refuses(_claims())
    revoked.forget_expired(SOON)
    assert not revoked.refuses(_claims())


def test_a_revocation_that_names_nothing_is_not_an_event():
    with pytest.raises(ValidationError, match="names a token_id"):
        TokensRevoked(reason=RevocationReason.SIGN_OUT, user_id="u1", honour_until=SOON)
