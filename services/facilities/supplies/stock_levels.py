"""How stock levels change: the database computes on hand (never negative, no lost update), each change recorded."""

import uuid

from sqlalchemy import update
from sqlalchemy.orm.attributes import set_committed_value

from services.facilities.supplies.models import StockItem, StockMovement
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Conflict
from shared.uow import UnitOfWork

# The database computes on hand; the loaded row takes the value it returned, without re-writing it.
_RAW = {"synchronize_session": False}


async def add(
    uow: UnitOfWork,
    item: StockItem,
    quantity: int,
    *,
    kind: str,
    reason: str | None,
    actor: str,
    reference: str | None = None,
) -> None:
    """Increase on hand in the database (no lost update), inside the caller's transaction."""
    on_hand = await uow.session.scalar(
        update(StockItem)
        .where(StockItem.id == item.id)
        .values(on_hand=StockItem.on_hand + quantity)
        .returning(StockItem.on_hand),
        execution_options=_RAW,
    )
    set_committed_value(item, "on_hand", on_hand)
    record(uow, item, kind, quantity, reason=reason, actor=actor, reference=reference)


async def take(
    uow: UnitOfWork,
    item: StockItem,
    quantity: int,
    *,
    kind: str,
    reason: str | None,
    actor: Principal,
    reference: str | None = None,
) -> None:
    """Decrease on hand in the database only if that much is there; 409 naming quantity otherwise."""
    on_hand = await uow.session.scalar(
        update(StockItem)
        .where(StockItem.id == item.id, StockItem.on_hand >= quantity)
        .values(on_hand=StockItem.on_hand - quantity)
        .returning(StockItem.on_hand),
        execution_options=_RAW,
    )
    if on_hand is None:
        await uow.session.refresh(item)
        raise Conflict(
            f"only {item.on_hand} {item.unit} of {item.name} on hand", field="quantity", on_hand=item.on_hand
        )
    set_committed_value(item, "on_hand", on_hand)
    record(uow, item, kind, -quantity, reason=reason, actor=actor.sub, reference=reference)


def record(
    uow: UnitOfWork,
    item: StockItem,
    kind: str,
    quantity: int,
    *,
    reason: str | None,
    actor: str,
    reference: str | None = None,
) -> None:
    """Record one change of stock, signed, with what on hand became."""
    uow.session.add(
        StockMovement(
            id=str(uuid.uuid4()),
            item_id=item.id,
            location_id=item.location_id,
            kind=kind,
            quantity=quantity,
            on_hand_after=item.on_hand,
            reason=reason,
            reference=reference,
            actor=actor,
            at=utcnow(),
        )
    )
