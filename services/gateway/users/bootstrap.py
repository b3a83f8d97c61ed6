"""`clinicops user create`: the first admin, written straight into the gateway's database."""

import asyncio
from pathlib import Path

from services.gateway.db import metadata
from services.gateway.settings import Settings
from services.gateway.users import service as users
from services.gateway.users.schemas import NewUser
from shared.migrations import upgrade
from shared.runtime import ServiceRuntime

MIGRATIONS = Path(__file__).parents[1] / "migrations"


def create_user_from_cli(
    *, database_url: str, email: str, password: str, roles: list[str], locations: list[str], staff_id: str | None = None
) -> str:
    """Migrate the gateway's database to head, then add the user; returns the new user's id."""
    command = NewUser(
        email=email,
        password=password,
        roles=roles,
        locations=locations,  # 422-style checks
        staff_id=staff_id,
    )
    upgrade(MIGRATIONS, database_url)
    return asyncio.run(_create(database_url, command))


async def _create(database_url: str, command: NewUser) -> str:
    # The runtime reads only the messaging tables off the metadata; the migrations above made every table.
    runtime = ServiceRuntime(Settings(database_url=database_url), metadata, produces=[])
    try:
        user = await users.create_user(uow=runtime.uow(), cmd=command, actor=None)
    finally:
        await runtime.engine.dispose()
    return user.id
