"""Work orders: reported by anyone on staff, worked by a coordinator or vendor, open -> closed.

A work order against critical equipment takes the device down and its room out of service in
the same transaction; the room comes back when the work order is *closed* (not merely resolved):
a critical device returns to patient use only after sign-off, and closing is that sign-off.
"""

import uuid
from datetime import datetime, time
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from services.facilities.equipment import service as registry
from services.facilities.equipment.domain import Criticality
from services.facilities.equipment.models import Equipment
from services.facilities.locations import service as locations
from services.facilities.rooms import service as rooms
from services.facilities.rooms.domain import OutageCause
from services.facilities.rooms.models import Room, RoomOutage
from services.facilities.work_orders.domain import NOT_DONE, Failure, WorkOrderStatus, move_work_order, reliability
from services.facilities.work_orders.models import WorkOrder
from services.facilities.work_orders.schemas import AssignIn, CloseIn, ReliabilityOut, ResolveIn, WorkOrderIn
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.facilities import CriticalWorkOrderOpened, WorkOrderClosed
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def report(*, uow: UnitOfWork, location_id: str, cmd: WorkOrderIn, actor: Principal) -> WorkOrder:
    """Report a problem; critical equipment goes down and takes its room out of service."""
    actor.ensure_location(location_id)
    async with uow:
        await locations.load(uow, location_id)
        device = await _device(uow, cmd.equipment_id, location_id)
        room_id = cmd.room_id or (device.room_id if device else None)
        if device and device.room_id and room_id != device.room_id:
            raise Unprocessable(f"{device.asset_tag} stands in room {device.room_id}", field="room_id")
        if room_id:
            await rooms.room_of(uow, room_id, location_id)
        order = WorkOrder(
            id=str(uuid.uuid4()),
            location_id=location_id,
            title=cmd.title,
            description=cmd.description,
            equipment_id=cmd.equipment_id,
            room_id=room_id,
            priority=cmd.priority,
            status=WorkOrderStatus.OPEN,
            reported_by=actor.sub,
            reported_at=utcnow(),
        )
        uow.session.add(order)
        if device:
            device.status = "down"
            if device.criticality == Criticality.CRITICAL and device.room_id:
                room = await uow.session.get(Room, device.room_id, with_for_update=True)
                await rooms.add_outage(
                    uow,
                    room,
                    cause=OutageCause.EQUIPMENT,
                    work_order_id=order.id,
                    reason=f"critical equipment {device.asset_tag} down: {cmd.title}",
                )
            if device.criticality == Criticality.CRITICAL:  # the facilities coordinator's inbox is told
                opened = CriticalWorkOrderOpened(
                    work_order_id=order.id,
                    location_id=location_id,
                    equipment_id=device.id,
                    asset_tag=device.asset_tag,
                    room_id=room_id,
                    title=cmd.title,
                )
                await uow.emit(opened, subject=order.id, location_id=location_id)
    return order


async def assign(*, uow: UnitOfWork, work_order_id: str, cmd: AssignIn, actor: Principal) -> WorkOrder:
    """Give the work to a coordinator or a vendor."""
    async with uow:
        order = await load(uow, work_order_id, actor, lock=True)
        if order.status not in NOT_DONE:
            raise Conflict(f"a {order.status} work order cannot be reassigned", field="status")
        order.assignee_kind, order.assignee = cmd.assignee_kind, cmd.assignee
    return order


async def start(*, uow: UnitOfWork, work_order_id: str, actor: Principal) -> WorkOrder:
    """Work begins: open -> in_progress."""
    async with uow:
        order = await load(uow, work_order_id, actor, lock=True)
        order.status = move_work_order(WorkOrderStatus(order.status), WorkOrderStatus.IN_PROGRESS)
        order.started_at = order.started_at or utcnow()
    return order


async def resolve(*, uow: UnitOfWork, work_order_id: str, cmd: ResolveIn, actor: Principal) -> WorkOrder:
    """The repair is done: -> resolved (the repair time MTTR counts ends here)."""
    async with uow:
        order = await load(uow, work_order_id, actor, lock=True)
        order.status = move_work_order(WorkOrderStatus(order.status), WorkOrderStatus.RESOLVED)
        order.resolved_at, order.resolution = utcnow(), cmd.resolution
        if cmd.cost is not None:
            order.cost = cmd.cost
    return order


async def close(*, uow: UnitOfWork, work_order_id: str, cmd: CloseIn, actor: Principal) -> WorkOrder:
    """Sign off: resolved -> closed; the device and its room come back when nothing else keeps them out."""
    async with uow:
        order = await load(uow, work_order_id, actor, lock=True)
        order.status = move_work_order(WorkOrderStatus(order.status), WorkOrderStatus.CLOSED)
        order.closed_at = utcnow()
        if cmd.cost is not None:
            order.cost = cmd.cost
        if order.equipment_id:
            await _bring_back(uow, order)
        closed = WorkOrderClosed(work_order_id=order.id, location_id=order.location_id, equipment_id=order.equipment_id)
        await uow.emit(closed, subject=order.id, location_id=order.location_id)
    return order


async def list_orders(*, uow: UnitOfWork, location_id: str, status: str | None, actor: Principal) -> list[WorkOrder]:
    """The location's work orders, newest first; `open` means not resolved or closed yet."""
    actor.ensure_location(location_id)
    query = select(WorkOrder).where(WorkOrder.location_id == location_id)
    if status == "open":
        query = query.where(WorkOrder.status.in_(NOT_DONE))
    elif status:
        query = query.where(WorkOrder.status == WorkOrderStatus(status))
    async with uow:
        return list((await uow.session.scalars(query.order_by(WorkOrder.reported_at.desc()))).all())


async def get_order(*, uow: UnitOfWork, work_order_id: str, actor: Principal) -> WorkOrder:
    """One work order."""
    async with uow:
        return await load(uow, work_order_id, actor)


async def reliability_of(*, uow: UnitOfWork, equipment_id: str, actor: Principal) -> ReliabilityOut:
    """MTBF and MTTR from the device's work-order history."""
    async with uow:
        equipment = await registry.load(uow, equipment_id, actor)
        location = await locations.load(uow, equipment.location_id)
        orders = (await uow.session.scalars(select(WorkOrder).where(WorkOrder.equipment_id == equipment_id))).all()
    # The install date is a day at the location: in service from its local midnight, not UTC's.
    since = datetime.combine(equipment.install_date, time(), tzinfo=ZoneInfo(location.timezone))
    result = reliability([Failure(o.reported_at, o.resolved_at) for o in orders], in_service_since=since, now=utcnow())
    return ReliabilityOut(
        equipment_id=equipment_id, failures=result.failures, mtbf_hours=result.mtbf_hours, mttr_hours=result.mttr_hours
    )


async def _bring_back(uow: UnitOfWork, order: WorkOrder) -> None:
    device = await uow.session.get(Equipment, order.equipment_id, with_for_update=True)
    others_unclosed = await uow.session.scalar(
        select(func.count())
        .select_from(WorkOrder)
        .where(
            WorkOrder.equipment_id == device.id, WorkOrder.id != order.id, WorkOrder.status != WorkOrderStatus.CLOSED
        )
    )
    if not others_unclosed:
        device.status = "in_service"
    outage = await uow.session.scalar(
        select(RoomOutage).where(RoomOutage.work_order_id == order.id, RoomOutage.ended_at.is_(None))
    )
    if outage:
        room = await uow.session.get(Room, outage.room_id, with_for_update=True)
        await rooms.end_outages(uow, room, [outage])


async def _device(uow: UnitOfWork, equipment_id: str | None, location_id: str) -> Equipment | None:
    if equipment_id is None:
        return None
    device = await uow.session.get(Equipment, equipment_id, with_for_update=True)
    if device is None or device.location_id != location_id:
        raise Unprocessable(f"equipment {equipment_id} is not registered at {location_id}", field="equipment_id")
    return device


async def load(uow: UnitOfWork, work_order_id: str, actor: Principal, *, lock: bool = False) -> WorkOrder:
    """The work order, after checking the caller may act at its location."""
    return await load_in_scope(
        uow, WorkOrder, work_order_id, actor, field="work_order_id", what="work order", lock=lock
    )
