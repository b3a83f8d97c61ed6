"""An external provider's RS256 tokens, checked against its JWKS from a local HTTP server (no network)."""

from datetime import timedelta

import jwt
import pytest

from services.gateway.sessions.authenticator import Authenticator
from services.gateway.settings import Settings
from shared.auth import decode_token, issue_token, principal_of
from shared.clock import utcnow
from shared.errors import Unauthorized
from shared.public_keys import PublicKeys
from tests.gateway.oidc_provider import OTHER_KEY, SETTINGS, provider_token, serving_jwks
from tests.support.keys import JWKS_FILE, RING


@pytest.fixture(scope="module")
def authenticator():
    with serving_jwks() as jwks_url:
        yield Authenticator(
            Settings(oidc_jwks_url=jwks_url, **SETTINGS), keys=RING, public_keys=PublicKeys.from_source(str(JWKS_FILE))
        )


async def test_a_provider_token_is_mapped_and_exchanged_for_a_short_internal_token(authenticator):
    caller = await authenticator.authenticate(provider_token())
    assert caller.principal.roles == {"office_manager"}  # unmapped provider roles are dropped
    assert caller.principal.locations == {"loc-a"}
    assert caller.token_id == "ext-jti-1"  # revocable at sign-out like a local token
    internal = principal_of(
        await decode_token(caller.bearer, keys=PublicKeys.from_source(str(JWKS_FILE)), issuer="clinicops-gateway")
    )
    assert (internal.sub, internal.roles, internal.locations) == ("ext-42", {"office_manager"}, {"loc-a"})
    assert (
        jwt.decode(caller.bearer, options={"verify_signature": False})["exp"]
        <= (utcnow() + timedelta(minutes=5, seconds=5)).timestamp()
    )


@pytest.mark.parametrize(
    "bad",
    [
        {"key": OTHER_KEY},
        {"aud": "someone-else"},
        {"exp": utcnow() - timedelta(minutes=1)},
    ],
)
async def test_a_forged_foreign_or_expired_provider_token_is_refused(authenticator, bad):
    key = bad.pop("key", None)
    with pytest.raises(Unauthorized):
        await authenticator.authenticate(provider_token(**({"key": key} if key else {}), **bad))


async def test_another_issuer_is_not_trusted_and_local_tokens_still_work(authenticator):
    with pytest.raises(Unauthorized):
        await authenticator.authenticate(provider_token(iss="https://evil.example.test"))
    local = issue_token(sub="u1", roles=["biller"], locations=["loc-b"], key=RING.current)
    assert (await authenticator.authenticate(local)).principal.roles == {"biller"}
