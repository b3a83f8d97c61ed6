"""The gateway's token-signing keys (Ed25519) and the public key set every service verifies with.

Only the gateway holds a private key: it makes one on first start under its key directory
(or is given one there in production) and publishes the public halves as a JWKS. A service
can verify a token but never mint one. Rotation adds a key: new tokens are signed with the
newest, and a retired key stays published until every token it signed has expired.
"""

import base64
import hashlib
import json
import os
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import pairwise
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from shared.clock import utcnow

ALGORITHM = "EdDSA"


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@dataclass(frozen=True)
class SigningKey:
    """One Ed25519 key pair, named by its RFC 7638 thumbprint."""

    private: Ed25519PrivateKey
    created: datetime

    @property
    def x(self) -> str:
        raw = self.private.public_key().public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)
        return _b64url(raw)

    @property
    def kid(self) -> str:
        # RFC 7638: the thumbprint hashes the required members in lexicographic order, no spaces.
        canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": self.x}, separators=(",", ":"))
        return _b64url(hashlib.sha256(canonical.encode()).digest())

    def public_jwk(self) -> dict:
        return {"kty": "OKP", "crv": "Ed25519", "x": self.x, "kid": self.kid, "alg": ALGORITHM, "use": "sig"}


class KeyRing:
    """The key files of one directory: the newest signs, every still-valid one is published."""

    def __init__(self, directory: Path, *, token_lifetime: timedelta):
        self.directory = directory
        self.token_lifetime = token_lifetime
        self._stamp: int | None = None
        self.keys = self._load()

    @classmethod
    def open(cls, directory: Path, *, token_lifetime: timedelta) -> "KeyRing":
        """The ring in `directory`, with a first key made when it holds none."""
        ring = cls(directory, token_lifetime=token_lifetime)
        if not ring.keys:
            ring.rotate()
        return ring

    @property
    def current(self) -> SigningKey:
        self._reload_if_changed()  # `clinicops keys rotate` from another process adds a file
        return self.keys[-1]

    def rotate(self) -> SigningKey:
        """Make a new signing key; the previous one keeps verifying until its tokens expire."""
        key = SigningKey(Ed25519PrivateKey.generate(), utcnow())
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        pem = key.private.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        path = self.directory / f"{key.created.strftime('%Y%m%dT%H%M%S%f')}-{key.kid}.pem"
        # Created 0600 from the start: the private key is never readable by another user, even briefly.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as file:
            file.write(pem)
        self.keys = self._load()
        return key

    def published(self) -> list[SigningKey]:
        """The current key and each retired one whose tokens may still be unexpired."""
        self._reload_if_changed()
        now = utcnow()
        kept = [self.current]
        for older, newer in pairwise(self.keys):
            if newer.created + self.token_lifetime > now:
                kept.append(older)
        return kept

    def jwks(self) -> dict:
        return {"keys": [key.public_jwk() for key in self.published()]}

    def write_jwks(self, path: Path) -> Path:
        """The published keys as a JWKS file: what a service reads when given a path, not the gateway's URL."""
        path.write_text(json.dumps(self.jwks()))
        return path

    def _reload_if_changed(self) -> None:
        if self._directory_stamp() != self._stamp:
            self.keys = self._load()

    def _directory_stamp(self) -> int | None:
        try:
            return self.directory.stat().st_mtime_ns
        except FileNotFoundError:
            return None

    def _load(self) -> list[SigningKey]:
        self._stamp = self._directory_stamp()
        if not self.directory.is_dir():
            return []
        keys = []
        for path in sorted(self.directory.glob("*.pem")):
            private = serialization.load_pem_private_key(path.read_bytes(), password=None)
            if not isinstance(private, Ed25519PrivateKey):
                raise ValueError(f"{path} is not an Ed25519 private key")
            created = datetime.strptime(path.name.split("-", 1)[0], "%Y%m%dT%H%M%S%f").replace(tzinfo=utcnow().tzinfo)
            keys.append(SigningKey(private, created))
        return sorted(keys, key=lambda key: key.created)
