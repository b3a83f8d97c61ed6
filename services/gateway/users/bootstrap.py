"""`clinicops user create`: the first admin, written straight into the gateway's database."""

import asyncio
from pathlib import Path

from services.gateway import models, users
from services.gateway.schemas import NewUser
from services.gateway.settings import Settings
from shared.migrations import upgrade
from shared.runtime import ServiceRuntime

MIGRATIONS = Path(__file__).parent / "migrations"


def create_user_from_cli(*, database_url: str, email: str, password: str, roles: list[str],
                         locations: list[str], staff_id: str | None = None) -> str:
    """Migrate the gateway's database to head, then add the user; returns the new user's id."""
    command = NewUser(email=email, password=password, roles=roles, locations=locations,  # 422-style checks
                      staff_id=staff_id)
    upgrade(MIGRATIONS, database_url)
    return asyncio.run(_create(database_url, command))


async def _create(database_url: str, command: NewUser) -> str:
    runtime = ServiceRuntime(Settings(database_url=database_url), models.metadata, produces=[])
    try:
        user = await users.create_user(uow=runtime.uow(), cmd=command, actor=None)
    finally:
        await runtime.engine.dispose()
    return user.id
