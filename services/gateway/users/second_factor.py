"""Time-based one-time passwords (RFC 6238) and recovery codes for the roles that can do the most harm.

A practice admin grants every access and a compliance officer reads every trail: a password
alone is not enough for them. Pure functions; the secret and the digests live on the user.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime

import pyotp

from shared.auth import Role

ROLES_NEEDING_IT = frozenset({Role.PRACTICE_ADMIN.value, Role.COMPLIANCE_OFFICER.value})
STEP_S = 30  # RFC 6238's default time step; authenticator apps assume it
RECOVERY_CODES = 10
ISSUER = "clinicops"


@dataclass(frozen=True)
class Enrollment:
    """Shown once, when the user is made: the secret for the authenticator app and the recovery codes."""

    secret: str
    uri: str
    recovery_codes: list[str]


def needs_second_factor(roles: list[str]) -> bool:
    return bool(ROLES_NEEDING_IT & set(roles))


def enroll(email: str) -> Enrollment:
    secret = pyotp.random_base32()
    codes = [f"{secrets.token_hex(3)}-{secrets.token_hex(3)}" for _ in range(RECOVERY_CODES)]
    return Enrollment(secret, pyotp.TOTP(secret).provisioning_uri(name=email, issuer_name=ISSUER), codes)


def recovery_digest(code: str) -> str:
    """What the database keeps of a recovery code; dashes, spaces and case do not matter."""
    normalized = code.strip().lower().replace("-", "").replace(" ", "")
    return hashlib.sha256(normalized.encode()).hexdigest()


def accepted_step(secret: str, code: str, *, now: datetime, last_step: int | None) -> int | None:
    """The time step `code` is valid for (one step of clock drift either way), or None.

    A step at or before the last one accepted is refused: a code seen once (over a shoulder,
    in a proxy log) cannot sign in again (RFC 6238, section 5.2).
    """
    totp, current = pyotp.TOTP(secret), int(now.timestamp()) // STEP_S
    for step in (current - 1, current, current + 1):
        if (last_step is None or step > last_step) and hmac.compare_digest(totp.at(step * STEP_S), code.strip()):
            return step
    return None
