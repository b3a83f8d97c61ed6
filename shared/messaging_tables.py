"""The outbox and processed-event tables every service carries in its own database."""

from dataclasses import dataclass

from sqlalchemy import JSON, BigInteger, Column, Index, Integer, LargeBinary, MetaData, String, Table, text
from sqlalchemy.orm import DeclarativeBase

from shared.db import UTCDateTime, new_metadata

# BIGINT on PostgreSQL; plain INTEGER on SQLite so that it stays the rowid alias.
_Id = BigInteger().with_variant(Integer(), "sqlite")


@dataclass(frozen=True)
class MessagingTables:
    outbox: Table
    processed_events: Table


def add_messaging_tables(metadata: MetaData) -> MessagingTables:
    """Add `outbox` and `processed_event` to a service's metadata."""
    outbox = Table(
        "outbox",
        metadata,
        Column("id", _Id, primary_key=True, autoincrement=True),
        Column("event_id", String(64), nullable=False, unique=True),
        Column("topic", String(255), nullable=False),
        Column("key", String(255), nullable=False),
        Column("headers", JSON, nullable=False),
        Column("payload", LargeBinary, nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
        Column("published_at", UTCDateTime, nullable=True),
    )
    # The relay only ever looks for what is left to publish: keep that index tiny.
    Index(
        "ix_outbox_unpublished",
        outbox.c.id,
        postgresql_where=text("published_at IS NULL"),
        sqlite_where=text("published_at IS NULL"),
    )
    processed = Table(
        "processed_event",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("event_type", String(255), nullable=False),
        Column("processed_at", UTCDateTime, nullable=False),
    )
    return MessagingTables(outbox=outbox, processed_events=processed)


def service_base() -> type[DeclarativeBase]:
    """A service's declarative base: its own metadata, with the outbox and processed-event tables."""
    metadata = new_metadata()
    add_messaging_tables(metadata)
    return type("Base", (DeclarativeBase,), {"metadata": metadata, "__abstract__": True})
