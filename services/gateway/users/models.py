"""The users table: who signs in; no domain data."""

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.gateway.db import Base
from shared.db import UTCDateTime


class User(Base):
    """Someone who signs in; roles and locations go into their access tokens."""

    __tablename__ = "user_account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(254), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON)
    locations: Mapped[list[str]] = mapped_column(JSON)
    active: Mapped[bool] = mapped_column(default=True)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    failure_window_start: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # The staff member this user is: their tokens name the staff id, and access reviews reach them.
    staff_id: Mapped[str | None] = mapped_column(String(64), nullable=True, unique=True, index=True)
    # Part of every access token; bumping it refuses all tokens issued before (iat has only 1 s resolution).
    token_generation: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # The TOTP secret (base32) of a user whose roles need a second factor, and the last time step it
    # accepted: a code is good once.
    totp_secret: Mapped[str | None] = mapped_column(String(64), nullable=True)
    totp_last_step: Mapped[int | None] = mapped_column(Integer, nullable=True)


class RecoveryCode(Base):
    """One recovery code of a user, as its SHA-256: it signs in once, in place of a lost authenticator."""

    __tablename__ = "recovery_code"

    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True)
    digest: Mapped[str] = mapped_column(String(64), primary_key=True)
    used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
