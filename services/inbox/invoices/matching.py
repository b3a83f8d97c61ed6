"""The three-way match: each billed line against its order line and what was received of it. Pure.

An invoice is approved only when every billed line finds its order line, the quantity billed (with
what earlier approved invoices billed of that line) is at most what was received, its unit price is
within the practice's tolerance of the order's, its amount is quantity x price, and the total adds up.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from services.inbox.invoices.domain import CENT, CURRENCY, InvoiceDocument, InvoiceLine, line_amount, vendor_key


@dataclass(frozen=True)
class OrderLine:
    line_number: int
    item: str
    item_id: str | None
    quantity: int
    unit_price: Decimal


@dataclass(frozen=True)
class Order:
    purchase_order_id: str
    location_id: str
    vendor: str
    lines: tuple[OrderLine, ...]


@dataclass
class LineMatch:
    """One row of the match view: an order line and what was received and billed of it."""

    order_line: int | None
    item: str
    ordered: int | None
    received: int | None
    billed_before: int
    billed: int
    order_price: Decimal | None
    billed_price: Decimal | None
    price_difference: Decimal | None
    problems: list[str] = field(default_factory=list)


@dataclass
class MatchResult:
    lines: list[LineMatch]
    problems: list[str]  # the invoice's own: no order, vendor, currency, total
    assigned: list[int | None]  # per billed line (in the invoice's order), the order line it was matched to
    purchase_order_id: str | None = None  # the order matched against; None when there was none

    @property
    def approved(self) -> bool:
        return not self.problems and not any(line.problems for line in self.lines)

    @property
    def accrued(self) -> Decimal:
        """What the receipts booked of the billed lines: quantity billed x the order's price (a receipt's value)."""
        billed = (line.billed * line.order_price for line in self.lines if line.order_price is not None)
        return sum(billed, Decimal("0")).quantize(CENT, ROUND_HALF_UP)

    def differences(self) -> list[str]:
        """Every difference, each naming its line: what the office manager's task lists."""
        named = [f"{_label(line)}: {problem}" for line in self.lines for problem in line.problems]
        return self.problems + named


def _label(line: LineMatch) -> str:
    return f"order line {line.order_line} ({line.item})" if line.order_line else f"billed line '{line.item}'"


def match(
    document: InvoiceDocument,
    order: Order | None,
    *,
    received: dict[int, int],
    billed_before: dict[int, int],
    tolerance_percent: Decimal,
) -> MatchResult:
    """Match `document` to `order` (None: no such order); `received`/`billed_before` are per order line."""
    problems = _document_problems(document, order)
    if order is None:
        rows = [_unordered(line, "no purchase order to match it to") for line in document.lines]
        return MatchResult(rows, problems, [None] * len(document.lines))
    numbers = _assign(document.lines, order)
    assigned: dict[int, list[InvoiceLine]] = defaultdict(list)
    for line, number in zip(document.lines, numbers, strict=True):
        if number is not None:
            assigned[number].append(line)
    rows = []
    for order_line in order.lines:
        billed_lines = assigned.get(order_line.line_number, [])
        rows.append(
            _compare(
                order_line,
                billed_lines,
                received.get(order_line.line_number, 0),
                billed_before.get(order_line.line_number, 0),
                tolerance_percent,
            )
        )
    unmatched = [line for line, number in zip(document.lines, numbers, strict=True) if number is None]
    rows += [_unordered(line, "not on the purchase order") for line in unmatched]
    return MatchResult(rows, problems, numbers, order.purchase_order_id)


def _document_problems(document: InvoiceDocument, order: Order | None) -> list[str]:
    problems = []
    if order is None:
        reference = f"order {document.order_ref}" if document.order_ref else "no order reference"
        problems.append(f"no purchase order found for the invoice ({reference})")
    elif vendor_key(order.vendor) != vendor_key(document.vendor):
        problems.append(f"the vendor is '{document.vendor}' but the order went to '{order.vendor}'")
    if document.currency != CURRENCY:
        problems.append(f"the invoice is in {document.currency}, the practice pays in {CURRENCY}")
    expected = document.lines_total + document.tax + document.charges
    if document.total != expected:
        problems.append(
            f"the total {document.total} is not the lines' {document.lines_total} + tax {document.tax}"
            f" + charges {document.charges} = {expected} (difference {document.total - expected})"
        )
    return problems


def _assign(lines: tuple[InvoiceLine, ...], order: Order) -> list[int | None]:
    """Each billed line to its order line: by the line the vendor names, else the item id, else the item's name."""
    numbers = {line.line_number for line in order.lines}
    by_item_id = {line.item_id: line.line_number for line in order.lines if line.item_id}
    by_name = {vendor_key(line.item): line.line_number for line in order.lines}
    return [
        (line.order_line if line.order_line in numbers else None)
        or by_item_id.get(line.item_id or "")
        or by_name.get(vendor_key(line.item))
        for line in lines
    ]


def _compare(
    order_line: OrderLine, billed_lines: list[InvoiceLine], received: int, before: int, tolerance: Decimal
) -> LineMatch:
    billed = sum(line.quantity for line in billed_lines)
    prices = sorted({line.unit_price for line in billed_lines})
    row = LineMatch(
        order_line=order_line.line_number,
        item=order_line.item,
        ordered=order_line.quantity,
        received=received,
        billed_before=before,
        billed=billed,
        order_price=order_line.unit_price,
        billed_price=prices[-1] if prices else None,
        price_difference=(prices[-1] - order_line.unit_price) if prices else None,
    )
    if not billed_lines:
        return row  # not billed (yet): a partial invoice is fine
    if before + billed > received:
        earlier = f" ({before} billed before)" if before else ""
        row.problems.append(f"billed {billed}{earlier} but only {received} received")
    allowed = (order_line.unit_price * tolerance / 100).quantize(CENT, rounding=ROUND_HALF_UP)
    for price in prices:
        difference = price - order_line.unit_price
        if abs(difference) > allowed:
            row.problems.append(
                f"unit price {price} differs from the order's {order_line.unit_price} by {difference:+}"
                f" ({_percent(difference, order_line.unit_price)}), beyond the {tolerance}% tolerance"
            )
    for line in billed_lines:
        if line.amount != line_amount(line.quantity, line.unit_price):
            row.problems.append(
                f"amount {line.amount} is not {line.quantity} x {line.unit_price}"
                f" = {line_amount(line.quantity, line.unit_price)}"
            )
    return row


def _percent(difference: Decimal, base: Decimal) -> str:
    if not base:
        return "against a free order line"
    return f"{(difference * 100 / base).quantize(CENT, rounding=ROUND_HALF_UP):+}%"


def _unordered(line: InvoiceLine, problem: str) -> LineMatch:
    return LineMatch(
        order_line=None,
        item=line.item,
        ordered=None,
        received=None,
        billed_before=0,
        billed=line.quantity,
        order_price=None,
        billed_price=line.unit_price,
        price_difference=None,
        problems=[problem],
    )
