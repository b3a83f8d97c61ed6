"""Supplier invoices' HTTP models: an invoice typed in, what receiving one did, and the three-way match view."""

from datetime import date, datetime
from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, Field, StrictInt

from services.inbox.invoices.domain import MAX_AMOUNT, MAX_LINES, MAX_QUANTITY, InvoiceStatus
from shared.fields import Day

# The categories billing keeps its expense ledger in.
Category = Literal["supplies", "equipment", "rent", "payroll", "services"]


def cents(default=..., **extra):
    """An amount in whole cents, 0 up to MAX_AMOUNT."""
    return Field(default, ge=0, le=MAX_AMOUNT, max_digits=12, decimal_places=2, **extra)


def ref(default=..., **extra):
    """An invoice number, order id or item id as vendors write them: no spaces at the ends, no control characters."""
    return Field(default, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9][A-Za-z0-9 _./:#-]{0,63}$", **extra)


class InvoiceLineIn(BaseModel):
    item: str = Field(min_length=1, max_length=200)
    quantity: StrictInt = Field(ge=1, le=MAX_QUANTITY)
    unit_price: Decimal = cents()
    amount: Decimal | None = cents(None, description="quantity x unit price when left out")
    order_line: StrictInt | None = Field(None, ge=1, le=10_000, description="the purchase order's line this bills")
    item_id: str | None = ref(None)


class InvoiceIn(BaseModel):
    """An invoice typed in from the paper (or a PDF): the same fields an attachment gives."""

    vendor: str = Field(min_length=1, max_length=200)
    number: str = ref()
    issued_on: Day
    order_ref: str | None = ref(None, description="the purchase order id the invoice names")
    currency: str = Field("USD", pattern=r"^[A-Z]{3}$")
    tax: Decimal = cents(Decimal("0.00"))
    charges: Decimal = Field(
        Decimal("0.00"), ge=-MAX_AMOUNT, le=MAX_AMOUNT, max_digits=12, decimal_places=2, description="less allowances"
    )
    total: Decimal = cents()
    category: Category = "supplies"
    lines: list[InvoiceLineIn] = Field(min_length=1, max_length=MAX_LINES)


class InvoiceOutcomeOut(BaseModel):
    """What receiving an invoice did: approved, a task to review it, or a duplicate of an earlier one."""

    outcome: Literal["approved", "needs_review", "duplicate", "unreadable"]
    invoice_id: str | None = Field(description="the invoice; for a duplicate, the first copy (when in scope)")
    task_id: str | None = Field(description="the office manager's task, when there is something to look at")
    differences: list[str]


class InvoiceLineOut(BaseModel):
    position: int
    item: str
    item_id: str | None
    quantity: int
    unit_price: Decimal
    amount: Decimal
    order_line: int | None
    matched_line: int | None


class InvoiceOut(BaseModel):
    id: str
    location_id: str
    vendor: str
    number: str
    issued_on: date
    order_ref: str | None
    purchase_order_id: str | None
    currency: str
    total: Decimal
    tax: Decimal
    charges: Decimal
    category: str
    status: InvoiceStatus
    differences: list[str]
    task_id: str | None
    source: str
    created_at: datetime
    approved_at: datetime | None
    lines: list[InvoiceLineOut]


class MatchLineOut(BaseModel):
    """One order line (or a billed line not on the order): ordered, received, billed, and the price difference."""

    order_line: int | None
    item: str
    ordered: int | None
    received: int | None
    billed_before: int = Field(description="billed of this line by earlier approved invoices")
    billed: int
    order_price: Decimal | None
    billed_price: Decimal | None
    price_difference: Decimal | None = Field(description="billed price minus the order's")
    problems: list[str]


class MatchViewOut(BaseModel):
    invoice_id: str
    status: InvoiceStatus
    purchase_order_id: str | None
    tolerance_percent: Decimal
    lines: list[MatchLineOut]
    differences: list[str]
    approved: bool = Field(description="whether the invoice matches as things stand now")


class ToleranceIn(BaseModel):
    price_tolerance_percent: Decimal = Field(ge=0, le=100, max_digits=5, decimal_places=2)


class ToleranceOut(BaseModel):
    price_tolerance_percent: Decimal
    updated_by: str | None
    updated_at: datetime | None
