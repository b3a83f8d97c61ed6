"""Get a row by id for an actor: 404 when it does not exist, 403 when it is another location's."""

from collections.abc import Callable
from typing import Any, TypeVar

from shared.auth import ALL_LOCATIONS, Principal
from shared.errors import NotFound
from shared.uow import UnitOfWork

Row = TypeVar("Row")


def _location_id(row: Any) -> str:
    return row.location_id


async def load_in_scope(
    uow: UnitOfWork,
    model: type[Row],
    row_id: str,
    actor: Principal,
    *,
    field: str,
    what: str | None = None,
    lock: bool = False,
    location_of: Callable[[Row], str | None] = _location_id,
) -> Row:
    """The row with this id if `actor` may see its location; `lock` takes it FOR UPDATE.

    404 before 403 tells an outsider nothing new: ids are random UUIDs. A row whose
    location is None is group-wide.
    """
    row = await uow.session.get(model, row_id, with_for_update=lock)
    if row is None:
        raise NotFound(f"{what or model.__name__.lower()} {row_id} not found", field=field)
    actor.ensure_location(location_of(row) or ALL_LOCATIONS)
    return row
