"""Inbox's declarative base and metadata; what several features' models and HTTP models share."""

from pydantic import Field
from sqlalchemy import BigInteger, Integer

from shared.messaging_tables import service_base

Base = service_base()
metadata = Base.metadata

# The ids the API takes (tasks, locations, users, patients): every feature's requests bound them alike.
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:@-]{0,63}$"
Id = Field(min_length=1, max_length=64, pattern=ID_PATTERN)
OptionalId = Field(None, min_length=1, max_length=64, pattern=ID_PATTERN)

# BIGINT on PostgreSQL; INTEGER on SQLite so that it stays the rowid alias (and autoincrements).
SerialId = BigInteger().with_variant(Integer(), "sqlite")
