"""What a supplier invoice is, whatever it arrived as, and the limits every source is held to. No I/O."""

import re
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from enum import StrEnum

CENT = Decimal("0.01")
MAX_LINES = 500
MAX_QUANTITY = 1_000_000
MAX_AMOUNT = Decimal("10000000.00")  # ten million: no invoice of a practice's supplier is near it
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
CURRENCY = "USD"  # what the practice pays in; another currency is a difference to look at
TEXT_LIMITS = {"vendor": 200, "number": 64, "order_ref": 64, "item": 200, "item_id": 64, "currency": 3}
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


class InvoiceStatus(StrEnum):
    APPROVED = "approved"  # matched three ways: approved for payment and booked as an expense
    NEEDS_REVIEW = "needs_review"  # a difference or no order: an office-manager task says what


class InvalidInvoice(ValueError):
    """The document cannot be read as an invoice; `field` names where (e.g. `lines.2.quantity`)."""

    def __init__(self, message: str, *, field: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class InvoiceLine:
    item: str
    quantity: int
    unit_price: Decimal
    amount: Decimal
    order_line: int | None = None  # the order line the vendor says it bills (UBL OrderLineReference)
    item_id: str | None = None  # the buyer's (facilities') item id, when the vendor echoes it


@dataclass(frozen=True)
class InvoiceDocument:
    vendor: str
    number: str
    issued_on: date
    lines: tuple[InvoiceLine, ...]
    total: Decimal
    order_ref: str | None = None
    currency: str = CURRENCY
    tax: Decimal = Decimal("0.00")
    charges: Decimal = Decimal("0.00")  # document-level charges less allowances (freight, discounts)

    @property
    def lines_total(self) -> Decimal:
        return sum((line.amount for line in self.lines), Decimal("0.00"))


def text(value: str | None, *, field: str, required: bool = True) -> str | None:
    """Trimmed text within its limit and without control characters."""
    value = (value or "").strip()
    if not value:
        if required:
            raise InvalidInvoice(f"{field} is missing", field=field)
        return None
    name = field.rsplit(".", 1)[-1]
    if len(value) > TEXT_LIMITS.get(name, 200):
        raise InvalidInvoice(f"{field} is longer than {TEXT_LIMITS.get(name, 200)} characters", field=field)
    if CONTROL.search(value):
        raise InvalidInvoice(f"{field} holds control characters", field=field)
    return value


def money(value: str | None, *, field: str, allow_negative: bool = False) -> Decimal:
    """An exact amount in cents (7.2500 is 7.25; 7.255 is refused, not rounded)."""
    try:
        amount = Decimal((value or "").strip().replace(",", ""))
    except InvalidOperation:
        raise InvalidInvoice(f"{field} is not an amount: {value!r}", field=field) from None
    if not amount.is_finite() or amount != amount.quantize(CENT, rounding=ROUND_HALF_UP):
        raise InvalidInvoice(f"{field} must be an amount in whole cents, not {value!r}", field=field)
    if abs(amount) > MAX_AMOUNT or (amount < 0 and not allow_negative):
        raise InvalidInvoice(f"{field} must be between 0 and {MAX_AMOUNT}", field=field)
    return amount.quantize(CENT)


def quantity(value: str | None, *, field: str) -> int:
    """A whole number of units, as facilities orders and receives them."""
    try:
        number = Decimal((value or "").strip())
    except InvalidOperation:
        raise InvalidInvoice(f"{field} is not a number: {value!r}", field=field) from None
    if not number.is_finite() or number != number.to_integral_value():
        raise InvalidInvoice(f"{field} must be a whole number of units, not {value!r}", field=field)
    if not 0 < number <= MAX_QUANTITY:
        raise InvalidInvoice(f"{field} must be between 1 and {MAX_QUANTITY}", field=field)
    return int(number)


def day(value: str | None, *, field: str) -> date:
    try:
        parsed = date.fromisoformat((value or "").strip())
    except ValueError:
        raise InvalidInvoice(f"{field} must be an ISO date (YYYY-MM-DD), not {value!r}", field=field) from None
    if not date(1900, 1, 1) <= parsed <= date(2199, 12, 31):
        raise InvalidInvoice(f"{field} must be between 1900-01-01 and 2199-12-31", field=field)
    return parsed


def line_amount(quantity_: int, unit_price: Decimal) -> Decimal:
    return (unit_price * quantity_).quantize(CENT, rounding=ROUND_HALF_UP)


def vendor_key(vendor: str) -> str:
    """The vendor as the duplicate check compares it: case and spacing do not make another vendor."""
    return " ".join(vendor.casefold().split())


def checked(document: InvoiceDocument) -> InvoiceDocument:
    """The limits every source shares: some lines, not too many."""
    if not document.lines:
        raise InvalidInvoice("the invoice has no lines", field="lines")
    if len(document.lines) > MAX_LINES:
        raise InvalidInvoice(f"the invoice has more than {MAX_LINES} lines", field="lines")
    return document
