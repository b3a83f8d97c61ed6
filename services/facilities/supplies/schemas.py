"""HTTP request and response models of supplies and purchase orders."""

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, StrictInt, field_validator

from shared.clock import latest_today
from shared.fields import Day, Timestamp

Quantity = Field(ge=1, le=1_000_000)
Price = Field(ge=0, max_digits=12, decimal_places=2)


class StockItemIn(BaseModel):
    sku: str = Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")  # the same item at every location
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field(min_length=1, max_length=20)
    on_hand: StrictInt = Field(0, ge=0, le=1_000_000)
    reorder_point: StrictInt = Field(ge=0, le=1_000_000)
    reorder_quantity: StrictInt = Quantity
    preferred_vendor: str = Field(min_length=1, max_length=200)
    unit_cost: Decimal = Price


class StockItemOut(StockItemIn):
    model_config = ConfigDict(from_attributes=True)
    item_id: str = Field(validation_alias="id")
    location_id: str


class LowStockOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    item_id: str = Field(validation_alias="id")
    name: str
    unit: str
    on_hand: int
    reorder_point: int


class QuantityIn(BaseModel):
    quantity: StrictInt = Quantity
    reason: str | None = Field(None, max_length=500)


class AdjustIn(BaseModel):
    """A physical count: on hand becomes what was counted."""

    on_hand: StrictInt = Field(ge=0, le=1_000_000)
    reason: str = Field(min_length=1, max_length=500)


class TransferIn(BaseModel):
    to_location_id: str = Field(min_length=1, max_length=64)
    quantity: StrictInt = Quantity
    reason: str | None = Field(None, max_length=500)


class MovementOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    movement_id: str = Field(validation_alias="id")
    item_id: str
    location_id: str
    kind: str
    quantity: int
    on_hand_after: int
    reason: str | None
    reference: str | None
    at: Timestamp


class OrderLineIn(BaseModel):
    item_id: str = Field(min_length=1, max_length=36)
    quantity: StrictInt = Quantity
    unit_price: Decimal | None = Price  # the item's unit cost when omitted


class PurchaseOrderIn(BaseModel):
    vendor: str = Field(min_length=1, max_length=200)
    lines: list[OrderLineIn] = Field(min_length=1, max_length=200)


class OrderLineOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)
    line_number: int
    item_id: str
    item: str = Field(validation_alias="item_name")
    quantity: int
    unit_price: Decimal
    received_quantity: int


class PurchaseOrderOut(BaseModel):
    purchase_order_id: str
    location_id: str
    vendor: str
    status: str
    automatic: bool  # drafted by the reorder point
    lines: list[OrderLineOut]
    total: Decimal
    created_at: Timestamp
    ordered_at: Timestamp | None
    received_at: Timestamp | None


class ReceiptLineIn(BaseModel):
    line_number: StrictInt = Field(ge=1, le=200)  # an order holds at most 200 lines
    quantity: StrictInt = Quantity


class ReceiptIn(BaseModel):
    received_on: Day
    lines: list[ReceiptLineIn] = Field(min_length=1, max_length=200)

    @field_validator("lines")
    @classmethod
    def _each_line_once(cls, lines: list[ReceiptLineIn]) -> list[ReceiptLineIn]:
        if len({line.line_number for line in lines}) != len(lines):
            raise ValueError("a line number appears twice")
        return lines

    @field_validator("received_on")
    @classmethod
    def _not_in_the_future(cls, value: Day) -> Day:
        if value > latest_today():
            raise ValueError("is in the future")
        return value


class ReceiptOut(BaseModel):
    receipt_id: str
    purchase_order_id: str
    received_on: Day
    total: Decimal
    order_status: str


OrderStatusFilter = Literal["draft", "ordered", "partially_received", "received", "cancelled", "open"]
