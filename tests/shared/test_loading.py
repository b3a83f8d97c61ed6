"""load_in_scope: one loader for "get by id, 404, check its location", on a real SQLite database."""

import pytest
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.auth import Principal
from shared.db import create_engine, new_metadata, session_factory
from shared.errors import Forbidden, NotFound
from shared.loading import load_in_scope
from shared.messaging_tables import add_messaging_tables
from shared.uow import UnitOfWork

metadata = new_metadata()
tables = add_messaging_tables(metadata)


class Base(DeclarativeBase):
    metadata = metadata


class Device(Base):
    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str | None] = mapped_column(String(64))


def actor(*locations: str) -> Principal:
    return Principal(sub="u", roles=frozenset({"office_manager"}), locations=frozenset(locations))


@pytest.fixture
async def new_uow(tmp_path):
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/loading.db")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    sessions = session_factory(engine)
    async with UnitOfWork(sessions, tables, source="/t", topic=str) as uow:
        uow.session.add_all([Device(id="d-a", location_id="A"), Device(id="d-all", location_id=None)])
    yield lambda: UnitOfWork(sessions, tables, source="/t", topic=str)
    await engine.dispose()


async def test_a_row_of_the_actors_location_is_returned(new_uow):
    async with new_uow() as uow:
        device = await load_in_scope(uow, Device, "d-a", actor("A"), field="device_id", lock=True)
    assert device.id == "d-a"


async def test_an_unknown_id_is_404_naming_the_field(new_uow):
    async with new_uow() as uow:
        with pytest.raises(NotFound) as refused:
            await load_in_scope(uow, Device, "nope", actor("A"), field="device_id", what="device")
    assert refused.value.field == "device_id" and "device nope" in str(refused.value)


async def test_another_locations_row_is_403(new_uow):
    async with new_uow() as uow:
        with pytest.raises(Forbidden):
            await load_in_scope(uow, Device, "d-a", actor("B"), field="device_id")


async def test_a_group_wide_row_needs_a_group_wide_actor(new_uow):
    async with new_uow() as uow:
        with pytest.raises(Forbidden):
            await load_in_scope(uow, Device, "d-all", actor("A"), field="device_id")
        assert (await load_in_scope(uow, Device, "d-all", actor("*"), field="device_id")).id == "d-all"
