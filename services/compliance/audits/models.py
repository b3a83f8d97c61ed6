"""The PHI access trail's tables.

The trail is append-only: no code path updates `audit_record`, and triggers
(migration 2, both backends) refuse UPDATE, TRUNCATE, and DELETE of any record after the
chain's genesis: only the retention purge, which moves the genesis first, removes records.
Batch-mode (table-copying) SQLite migrations of audit_record would drop those triggers.
"""

from datetime import datetime

from sqlalchemy import JSON, BigInteger, Boolean, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from services.compliance.db import Base
from shared.db import UTCDateTime

_Sequence = BigInteger().with_variant(Integer(), "sqlite")


class AuditRecord(Base):
    """One PHI access, linked to the record before it by that record's hash."""

    __tablename__ = "audit_record"

    sequence: Mapped[int] = mapped_column(_Sequence, primary_key=True, autoincrement=False)
    event_id: Mapped[str] = mapped_column(String(64), unique=True)
    service: Mapped[str] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(100), index=True)
    actor_roles: Mapped[list] = mapped_column(JSON)
    actor_locations: Mapped[list] = mapped_column(JSON)
    action: Mapped[str] = mapped_column(String(16))
    resource: Mapped[str] = mapped_column(String(64))
    resource_id: Mapped[str | None] = mapped_column(String(64))
    patient_id: Mapped[str | None] = mapped_column(String(64), index=True)
    location_id: Mapped[str | None] = mapped_column(String(64), index=True)
    outcome: Mapped[str] = mapped_column(String(16))
    occurred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    source_ip: Mapped[str | None] = mapped_column(String(64))
    break_glass: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(Text)  # the break-glass justification, when given
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # Unique: two records claiming the same predecessor would fork the chain.
    prev_hash: Mapped[str] = mapped_column(String(64), unique=True)
    hash: Mapped[str] = mapped_column(String(64))


class ChainHead(Base):
    """The single row every append locks, so the chain stays linear across instances.

    `genesis_*` is the last record the retention purge removed: verification starts there.
    """

    __tablename__ = "audit_chain_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    sequence: Mapped[int] = mapped_column(_Sequence)
    hash: Mapped[str] = mapped_column(String(64))
    genesis_sequence: Mapped[int] = mapped_column(_Sequence)
    genesis_hash: Mapped[str] = mapped_column(String(64))


class AuditAnchor(Base):
    """A published (sequence, hash) of the chain; a rewritten trail no longer matches it."""

    __tablename__ = "audit_anchor"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    sequence: Mapped[int] = mapped_column(_Sequence, index=True)
    head_hash: Mapped[str] = mapped_column(String(64))
    anchored_at: Mapped[datetime] = mapped_column(UTCDateTime)
