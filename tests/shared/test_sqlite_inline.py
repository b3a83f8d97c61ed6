"""SQLite through SQLAlchemy's aiosqlite dialect, each call run on the event loop's own thread."""

import threading

import pytest
from sqlalchemy import Column, Integer, MetaData, String, Table, select, text
from sqlalchemy.exc import IntegrityError

from shared.db import create_engine, session_factory

THINGS = Table("thing", MetaData(), Column("id", Integer, primary_key=True), Column("name", String, unique=True))


@pytest.fixture
async def engine(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path / 'inline.db'}")
    async with engine.begin() as conn:
        await conn.run_sync(THINGS.metadata.create_all)
    yield engine
    await engine.dispose()


async def test_statements_run_without_a_worker_thread(engine):
    threads_before = threading.active_count()
    async with session_factory(engine).begin() as session:
        await session.execute(THINGS.insert(), [{"id": i, "name": f"n{i}"} for i in range(50)])
    async with session_factory(engine)() as session:
        names = (await session.scalars(select(THINGS.c.name).order_by(THINGS.c.id))).all()
        mode = (await session.execute(text("PRAGMA journal_mode"))).scalar()
    assert names == [f"n{i}" for i in range(50)]
    assert mode == "wal"  # the connect hook (isolation level, pragmas) ran on the inline connection
    assert threading.active_count() == threads_before


async def test_a_failed_statement_rolls_back_and_the_connection_serves_on(engine):
    sessions = session_factory(engine)
    with pytest.raises(IntegrityError):
        async with sessions.begin() as session:
            await session.execute(THINGS.insert(), [{"id": 1, "name": "a"}])
            await session.execute(THINGS.insert(), [{"id": 2, "name": "a"}])  # unique name
    async with sessions.begin() as session:
        await session.execute(THINGS.insert(), [{"id": 3, "name": "b"}])
    async with sessions() as session:
        assert (await session.scalars(select(THINGS.c.id))).all() == [3]  # nothing of the failed transaction
