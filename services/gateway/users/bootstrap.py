"""`clinicops user create`: the first admin, written straight into the gateway's database."""

import asyncio
from pathlib import Path

from services.gateway.db import metadata
from services.gateway.settings import Settings
from services.gateway.users import service as users
from services.gateway.users.schemas import NewUser
from services.gateway.users.second_factor import Enrollment
from shared.migrations import upgrade
from shared.runtime import ServiceRuntime

MIGRATIONS = Path(__file__).parents[1] / "migrations"


def create_user_from_cli(
    *, database_url: str, email: str, password: str, roles: list[str], locations: list[str], staff_id: str | None = None
) -> tuple[str, Enrollment | None]:
    """Migrate the gateway's database to head, then add the user; their id and, for admins, TOTP enrollment."""
    command = NewUser(
        email=email,
        password=password,
        roles=roles,
        locations=locations,  # 422-style checks
        staff_id=staff_id,
    )
    upgrade(MIGRATIONS, database_url)
    return asyncio.run(_create(database_url, command))


async def _create(database_url: str, command: NewUser) -> tuple[str, Enrollment | None]:
    # The runtime reads only the messaging tables off the metadata; the migrations above made every table.
    runtime = ServiceRuntime(Settings(database_url=database_url), metadata, produces=[])
    try:
        user, enrollment = await users.create_user(uow=runtime.uow(), cmd=command, actor=None)
    finally:
        await runtime.engine.dispose()
    return user.id, enrollment
