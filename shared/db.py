"""Async database access for SQLite (embedded) and PostgreSQL, and column types both share."""

from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from sqlalchemy import BigInteger, DateTime, MetaData, event, text
from sqlalchemy.dialects.postgresql import ExcludeConstraint
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine, async_sessionmaker, create_async_engine
from sqlalchemy.types import TypeDecorator

from shared import sqlite_inline

# Named constraints make Alembic migrations and error messages predictable.
NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_metadata() -> MetaData:
    """A service's own MetaData, with the house naming convention."""
    return MetaData(naming_convention=NAMING_CONVENTION)


def is_sqlite(url: str) -> bool:
    return make_url(url).get_backend_name() == "sqlite"


def create_engine(url: str, **kwargs) -> AsyncEngine:
    """An engine whose transactions serialize writers on SQLite too."""
    if not is_sqlite(url):
        kwargs.setdefault("pool_size", 10)
        kwargs.setdefault("max_overflow", 10)
        kwargs.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **kwargs)
    database = make_url(url).database
    if database and database != ":memory:":
        Path(database).parent.mkdir(parents=True, exist_ok=True)
        # One connection per process: SQLite has one writer anyway, and queueing for the
        # pool is an asyncio wait, while contending for the file lock means sqlite's busy
        # handler sleeping in 5-25 ms steps.
        kwargs.setdefault("pool_size", 1)
        kwargs.setdefault("max_overflow", 0)
        kwargs.setdefault("pool_timeout", 30)
    connect_args = {"timeout": 30, "async_creator_fn": sqlite_inline.connect}
    engine = create_async_engine(url, connect_args=connect_args, **kwargs)
    _serialize_sqlite_writers(engine)
    return engine


def _serialize_sqlite_writers(engine: AsyncEngine) -> None:
    # pysqlite opens no transaction before a SELECT, so check-then-insert would race;
    # BEGIN IMMEDIATE takes the write lock up front and concurrent writers queue.
    sync_engine = engine.sync_engine

    @event.listens_for(sync_engine, "connect")
    def _on_connect(dbapi_conn, _record):
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.close()

    @event.listens_for(sync_engine, "begin")
    def _on_begin(conn):
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def session_factory(engine: AsyncEngine) -> async_sessionmaker:
    return async_sessionmaker(engine, expire_on_commit=False, autoflush=True)


class UTCDateTime(TypeDecorator):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the offset)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: store timezone-aware UTC only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect):
        if value is None or value.tzinfo is not None:
            return value
        return value.replace(tzinfo=UTC)


class Money(TypeDecorator):
    """A Decimal amount stored as integer cents: exact on every backend."""

    impl = BigInteger
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect):
        if value is None:
            return None
        cents = Decimal(value) * 100
        if cents != cents.to_integral_value():
            raise ValueError(f"amount {value} has fractions of a cent")
        return int(cents)

    def process_result_value(self, value: int | None, dialect):
        return None if value is None else (Decimal(value) / 100).quantize(Decimal("0.01"))


_INSERTS = {"postgresql": pg_insert, "sqlite": sqlite_insert}


def dialect_insert(dialect: str):
    """The INSERT construct of a dialect: both backends offer ON CONFLICT DO NOTHING / DO UPDATE."""
    return _INSERTS[dialect]


def insert_on_conflict(session, table):
    """`INSERT INTO table` for the session's backend, ready for `.on_conflict_do_nothing()` and kin."""
    return dialect_insert(session.bind.dialect.name)(table)


def no_overlap(name: str, *, holder: str, where: str) -> ExcludeConstraint:
    """The model's side of shared.alembic.overlap.add_no_overlap: one holder, no overlapping [start, end).

    Declared for PostgreSQL only; on SQLite the migration's triggers enforce the same rule.
    """
    return ExcludeConstraint(
        (holder, "="),
        (text("tstzrange(start, \"end\", '[)')"), "&&"),
        name=name,
        using="gist",
        where=text(where),
    ).ddl_if(dialect="postgresql")
