"""The gateway's Ed25519 keys: thumbprint kids, private files, rotation, and what verification refuses."""

import base64
import stat
from datetime import timedelta

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared import keys as key_module
from shared.auth import decode_token, issue_token
from shared.clock import utcnow
from shared.errors import Unauthorized
from shared.keys import KeyRing, SigningKey
from shared.public_keys import PublicKeys

ISSUER = "clinicops-gateway"
# The secret every earlier clinicops release signed with: a token made with it must be refused.
PUBLISHED_DEV_SECRET = "clinicops-dev-secret-change-me-0123456789"


def _keys_of(ring: KeyRing) -> PublicKeys:
    async def fetch() -> dict:
        return ring.jwks()

    return PublicKeys(fetch)


def test_the_kid_is_the_rfc_7638_thumbprint_of_rfc_8037s_example_key():
    d = base64.urlsafe_b64decode("nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=")
    key = SigningKey(Ed25519PrivateKey.from_private_bytes(d), utcnow())
    assert key.x == "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"
    assert key.kid == "kPrK_qmxVWaYVA9wwBF6Iuo3vVzz7TxHCTwXBygrS4k"
    assert set(key.public_jwk()) == {"kty", "crv", "x", "kid", "alg", "use"}  # no "d": nothing private


def test_a_first_start_makes_one_private_key_readable_by_its_owner_only(tmp_path):
    ring = KeyRing.open(tmp_path / "keys", token_lifetime=timedelta(minutes=15))
    files = list((tmp_path / "keys").glob("*.pem"))
    assert len(files) == 1 and ring.current.kid in files[0].name
    assert stat.S_IMODE(files[0].stat().st_mode) == 0o600
    assert KeyRing.open(tmp_path / "keys", token_lifetime=timedelta(minutes=15)).current.kid == ring.current.kid


async def test_a_token_of_the_current_key_verifies_and_names_its_kid(tmp_path):
    ring = KeyRing.open(tmp_path, token_lifetime=timedelta(minutes=15))
    token = issue_token(sub="u1", roles=["biller"], locations=["loc-a"], key=ring.current)
    assert jwt.get_unverified_header(token) == {"alg": "EdDSA", "kid": ring.current.kid, "typ": "JWT"}
    claims = await decode_token(token, keys=_keys_of(ring), issuer=ISSUER)
    assert claims["sub"] == "u1" and claims["roles"] == ["biller"] and claims["jti"]


async def test_forged_tokens_are_refused(tmp_path):
    ring = KeyRing.open(tmp_path / "gateway", token_lifetime=timedelta(minutes=15))
    stranger = KeyRing.open(tmp_path / "stranger", token_lifetime=timedelta(minutes=15))
    keys = _keys_of(ring)
    claims = {
        "sub": "x",
        "roles": ["practice_admin"],
        "locations": ["*"],
        "iss": ISSUER,
        "jti": "j",
        "exp": utcnow() + timedelta(minutes=5),
    }
    forged = {
        "HS256 with the published development secret": jwt.encode(
            claims, PUBLISHED_DEV_SECRET, algorithm="HS256", headers={"kid": ring.current.kid}
        ),
        "alg none": jwt.encode(claims, None, algorithm="none", headers={"kid": ring.current.kid}),
        "a key the gateway never published": issue_token(
            sub="x", roles=["practice_admin"], locations=["*"], key=stranger.current
        ),
        "the stranger's key under the gateway's kid": jwt.encode(
            claims, stranger.current.private, algorithm="EdDSA", headers={"kid": ring.current.kid}
        ),
        "no kid": jwt.encode(claims, ring.current.private, algorithm="EdDSA"),
        "expired": issue_token(sub="x", roles=["biller"], locations=["*"], key=ring.current, ttl=timedelta(seconds=-1)),
        "not a token": "abc.def.ghi",
    }
    for name, token in forged.items():
        with pytest.raises(Unauthorized):
            await decode_token(token, keys=keys, issuer=ISSUER)
        assert name


async def test_rotation_keeps_the_old_key_until_its_tokens_expire(tmp_path, monkeypatch):
    ring = KeyRing.open(tmp_path, token_lifetime=timedelta(minutes=15))
    old = ring.current
    old_token = issue_token(sub="u1", roles=["biller"], locations=["*"], key=old)
    new = ring.rotate()
    assert ring.current.kid == new.kid != old.kid
    assert {k["kid"] for k in ring.jwks()["keys"]} == {old.kid, new.kid}
    keys = _keys_of(ring)
    assert (await decode_token(old_token, keys=keys, issuer=ISSUER))["sub"] == "u1"
    later = utcnow() + timedelta(minutes=16)
    monkeypatch.setattr(key_module, "utcnow", lambda: later)
    assert [k["kid"] for k in ring.jwks()["keys"]] == [new.kid]


def test_clinicops_keys_rotate_adds_a_key_the_running_ring_signs_with_next(tmp_path, monkeypatch, capsys):
    from clinicops import cli

    directory = tmp_path / "keys" / "gateway"
    ring = KeyRing.open(directory, token_lifetime=timedelta(minutes=15))  # the gateway's ring, already running
    first = ring.current.kid
    monkeypatch.setenv("GATEWAY_SIGNING_KEY_DIR", str(directory))
    assert cli.main(["--var", str(tmp_path), "keys", "rotate"]) == 0
    assert len(list(directory.glob("*.pem"))) == 2
    assert ring.current.kid != first and ring.current.kid in capsys.readouterr().out
    assert {k["kid"] for k in ring.jwks()["keys"]} == {first, ring.current.kid}


async def test_a_service_learns_a_rotated_key_but_unknown_kids_fetch_at_most_once_per_interval(tmp_path, monkeypatch):
    from shared import public_keys

    ring = KeyRing.open(tmp_path, token_lifetime=timedelta(minutes=15))
    fetches = []

    async def fetch() -> dict:
        fetches.append(1)
        return ring.jwks()

    keys = PublicKeys(fetch)
    assert await keys.get(ring.current.kid) is not None and len(fetches) == 1
    for _ in range(20):  # forged kids: one fetch within the interval, not twenty
        assert await keys.get("no-such-kid") is None
    assert len(fetches) <= 2
    newer = ring.rotate()
    monkeypatch.setattr(public_keys, "REFRESH_INTERVAL_S", 0.0)  # as if the interval had passed
    assert await keys.get(newer.kid) is not None  # learnt on first sight
