"""Events the gateway publishes: every service consumes them to refuse revoked tokens.

Identifiers only. A revocation names one access token (`token_id`, the jti), one session
(`session_id`, the refresh family every access token of that sign-in carries as `sid`), or
every token a user was issued before a generation (`user_id` + `below_generation`).
"""

from datetime import datetime
from enum import StrEnum

from pydantic import model_validator

from shared.contracts import EventPayload


class RevocationReason(StrEnum):
    SIGN_OUT = "sign_out"
    REFRESH_REUSE = "refresh_reuse"  # a rotated refresh token came back: the session was copied
    USER_DISABLED = "user_disabled"
    ACCESS_REVIEW = "access_review"
    TERMINATION = "termination"


class TokensRevoked(EventPayload):
    """Tokens no service may honour any more; `honour_until` is when the last of them expires anyway."""

    event_type = "gateway.token.revoked"

    reason: RevocationReason
    token_id: str | None = None
    session_id: str | None = None
    user_id: str | None = None
    below_generation: int | None = None
    honour_until: datetime

    @model_validator(mode="after")
    def _names_something(self) -> "TokensRevoked":
        if not (self.token_id or self.session_id or (self.user_id and self.below_generation is not None)):
            raise ValueError("a revocation names a token_id, a session_id, or a user_id with below_generation")
        return self
