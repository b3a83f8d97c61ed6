"""The three-way match, line by line: order, received, billed, and the price against the tolerance."""

from decimal import Decimal

from services.inbox.invoices.domain import InvoiceDocument, InvoiceLine
from services.inbox.invoices.matching import Order, OrderLine, match
from tests.support.dates import days_ago

ORDER = Order(
    purchase_order_id="po-1",
    location_id="loc-a",
    vendor="Henry Schein",
    lines=(
        OrderLine(1, "Exam table paper", "item-paper", 10, Decimal("4.50")),
        OrderLine(2, "Alcohol prep pads", "item-pads", 8, Decimal("2.25")),
    ),
)
TWO_PERCENT = Decimal("2")


def invoice(*lines: InvoiceLine, vendor: str = "Henry Schein", total: Decimal | None = None) -> InvoiceDocument:
    lines_total = sum((line.amount for line in lines), Decimal("0.00"))
    return InvoiceDocument(
        vendor=vendor,
        number="HS-1",
        issued_on=days_ago(2),
        order_ref="po-1",
        lines=lines,
        total=lines_total if total is None else total,
    )


def line(item: str, quantity: int, price: str, *, order_line: int | None = None) -> InvoiceLine:
    unit_price = Decimal(price)
    return InvoiceLine(item, quantity, unit_price, (unit_price * quantity).quantize(Decimal("0.01")), order_line)


def test_billed_within_received_at_a_price_inside_the_tolerance_is_approved():
    document = invoice(
        line("EXAM TABLE  paper", 10, "4.59"), line("whatever the vendor calls it", 3, "2.25", order_line=2)
    )
    result = match(document, ORDER, received={1: 10, 2: 5}, billed_before={}, tolerance_percent=TWO_PERCENT)
    assert result.approved, result.differences()
    assert [
        (r.order_line, r.ordered, r.received, r.billed, r.order_price, r.price_difference) for r in result.lines
    ] == [
        (1, 10, 10, 10, Decimal("4.50"), Decimal("0.09")),
        (2, 8, 5, 3, Decimal("2.25"), Decimal("0.00")),
    ]


def test_a_price_over_the_tolerance_names_the_line_and_the_difference():
    document = invoice(line("Exam table paper", 10, "4.60"))
    result = match(document, ORDER, received={1: 10}, billed_before={}, tolerance_percent=TWO_PERCENT)
    assert not result.approved
    assert result.differences() == [
        "order line 1 (Exam table paper): unit price 4.60 differs from the order's 4.50 by +0.10 (+2.22%),"
        " beyond the 2% tolerance"
    ]


def test_billing_more_than_was_received_counts_earlier_approved_invoices_too():
    document = invoice(line("Alcohol prep pads", 3, "2.25"))
    fits = match(document, ORDER, received={2: 8}, billed_before={2: 5}, tolerance_percent=TWO_PERCENT)
    assert fits.approved
    over = match(document, ORDER, received={2: 6}, billed_before={2: 5}, tolerance_percent=TWO_PERCENT)
    assert over.differences() == ["order line 2 (Alcohol prep pads): billed 3 (5 billed before) but only 6 received"]
    nothing_received = match(document, ORDER, received={}, billed_before={}, tolerance_percent=TWO_PERCENT)
    assert nothing_received.differences() == ["order line 2 (Alcohol prep pads): billed 3 but only 0 received"]


def test_two_billed_lines_of_one_order_line_are_added_before_the_receipt_check():
    document = invoice(line("Exam table paper", 6, "4.50"), line("Exam table paper", 6, "4.50"))
    result = match(document, ORDER, received={1: 10}, billed_before={}, tolerance_percent=TWO_PERCENT)
    assert result.differences() == ["order line 1 (Exam table paper): billed 12 but only 10 received"]


def test_no_order_a_line_not_ordered_another_vendor_and_a_wrong_total_are_each_named():
    no_order = match(
        invoice(line("Gauze", 1, "3.00")), None, received={}, billed_before={}, tolerance_percent=TWO_PERCENT
    )
    assert no_order.differences() == [
        "no purchase order found for the invoice (order po-1)",
        "billed line 'Gauze': no purchase order to match it to",
    ]
    document = invoice(line("Gauze", 1, "3.00"), vendor="Medline", total=Decimal("5.00"))
    result = match(document, ORDER, received={}, billed_before={}, tolerance_percent=TWO_PERCENT)
    assert result.differences() == [
        "the vendor is 'Medline' but the order went to 'Henry Schein'",
        "the total 5.00 is not the lines' 3.00 + tax 0.00 + charges 0.00 = 3.00 (difference 2.00)",
        "billed line 'Gauze': not on the purchase order",
    ]


def test_a_line_amount_that_is_not_quantity_times_price_is_a_difference():
    wrong = InvoiceLine("Exam table paper", 10, Decimal("4.50"), Decimal("46.00"))
    result = match(invoice(wrong), ORDER, received={1: 10}, billed_before={}, tolerance_percent=TWO_PERCENT)
    assert result.differences() == ["order line 1 (Exam table paper): amount 46.00 is not 10 x 4.50 = 45.00"]


def test_a_zero_tolerance_takes_only_the_order_price():
    document = invoice(line("Exam table paper", 1, "4.51"))
    assert not match(document, ORDER, received={1: 1}, billed_before={}, tolerance_percent=Decimal(0)).approved
    assert match(document, ORDER, received={1: 1}, billed_before={}, tolerance_percent=Decimal("0.5")).approved
