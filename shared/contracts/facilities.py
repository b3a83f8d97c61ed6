"""Events the facilities service publishes; scheduling and billing consume them."""

from datetime import date, datetime, time
from decimal import Decimal
from enum import StrEnum
from functools import cache
from typing import Annotated
from zoneinfo import available_timezones

from pydantic import AfterValidator, BaseModel, Field, WithJsonSchema

from shared.contracts import EventPayload


class RoomKind(StrEnum):
    EXAM = "exam"
    PROCEDURE = "procedure"
    LAB = "lab"
    IMAGING = "imaging"
    TELEHEALTH = "telehealth"
    OFFICE = "office"


@cache
def _known_timezones() -> frozenset[str]:
    return frozenset(available_timezones())  # walks the tz database: once per process


def _iana(value: str) -> str:
    if value not in _known_timezones():
        raise ValueError(f"{value!r} is not an IANA timezone")
    return value


IanaTimezone = Annotated[str, AfterValidator(_iana)]


# A local wall-clock time has no offset, so it is not JSON Schema's `format: time` (RFC 3339 wants one).
WallClock = Annotated[
    time,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$",
            "description": "local wall-clock time at the location, HH:MM or HH:MM:SS",
        }
    ),
]


class OpeningHours(BaseModel):
    """Local wall-clock hours of one weekday (0 = Monday), in the location's timezone."""

    weekday: int = Field(ge=0, le=6)
    opens: WallClock
    closes: WallClock


class LocationOpened(EventPayload):
    """The full location; `.updated` carries the same shape after any change."""

    event_type = "facilities.location.opened"

    location_id: str
    name: str
    state: str = Field(pattern=r"^[A-Z]{2}$")
    timezone: IanaTimezone
    opening_hours: list[OpeningHours] = Field(default_factory=list)
    closed_on: list[date] = Field(default_factory=list)
    cancellation_notice_hours: int = Field(24, ge=0)


class LocationUpdated(LocationOpened):
    event_type = "facilities.location.updated"


class RoomCreated(EventPayload):
    event_type = "facilities.room.created"

    room_id: str
    location_id: str
    name: str
    kind: RoomKind


class RoomOutOfService(EventPayload):
    event_type = "facilities.room.out_of_service"

    room_id: str
    location_id: str
    reason: str
    since: datetime
    expected_return: datetime | None = None


class RoomBackInService(EventPayload):
    event_type = "facilities.room.back_in_service"

    room_id: str
    location_id: str
    since: datetime


class PurchaseOrderLine(BaseModel):
    item: str
    quantity: Decimal
    unit_price: Decimal
    item_id: str | None = None  # facilities' stock item (additive)


class PurchaseOrderReceived(EventPayload):
    """Billing books it as a supplies expense of the location.

    Published once per receipt (a partial delivery is its own event, for what arrived then):
    `receipt_id` identifies the receipt, so an expense is booked once per receipt.
    """

    event_type = "facilities.purchase_order.received"

    purchase_order_id: str
    location_id: str
    vendor: str
    received_on: date
    total: Decimal
    lines: list[PurchaseOrderLine]
    receipt_id: str | None = None  # additive; None only from producers before receipts existed
    fully_received: bool = False  # additive: this receipt completed the order


class MaintenanceOverdue(EventPayload):
    """A preventive maintenance task passed its due date undone; announced once per task."""

    event_type = "facilities.maintenance.overdue"

    task_id: str
    plan_id: str
    equipment_id: str
    location_id: str
    title: str
    due_on: date


class StockReorderPointReached(EventPayload):
    """An item fell to its reorder point and a draft purchase order was made for it (one per open order)."""

    event_type = "facilities.stock.reorder_point_reached"

    item_id: str
    location_id: str
    name: str
    on_hand: int
    reorder_point: int
    purchase_order_id: str  # the draft order to review and place
    vendor: str


class CriticalWorkOrderOpened(EventPayload):
    """A work order was opened on critical equipment: the device is down (and its room out of service)."""

    event_type = "facilities.work_order.critical_opened"

    work_order_id: str
    location_id: str
    equipment_id: str
    asset_tag: str
    room_id: str | None = None
    title: str


class WorkOrderClosed(EventPayload):
    """A work order was signed off (closed); critical equipment returns to patient use."""

    event_type = "facilities.work_order.closed"

    work_order_id: str
    location_id: str
    equipment_id: str | None = None


class MaintenanceCompleted(EventPayload):
    """A preventive maintenance task was done (closes what its overdue notice opened)."""

    event_type = "facilities.maintenance.completed"

    task_id: str
    plan_id: str
    equipment_id: str
    location_id: str
    completed_by: str
