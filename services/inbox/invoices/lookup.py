"""Reading what a match needs: the order as the inbox knows it, what was received, and what was billed before."""

from sqlalchemy import select

from services.inbox.invoices import tolerance
from services.inbox.invoices.domain import InvoiceDocument
from services.inbox.invoices.matching import MatchResult, Order, OrderLine, match
from services.inbox.invoices.models import SupplierInvoice, SupplierInvoiceLine
from services.inbox.purchasing import service as purchasing
from shared.uow import UnitOfWork


async def match_invoice(uow: UnitOfWork, invoice: SupplierInvoice, document: InvoiceDocument, found) -> MatchResult:
    """The three-way match of a stored invoice against its order as the inbox knows it now."""
    order = None
    received: dict[int, int] = {}
    before: dict[int, int] = {}
    if found is not None:
        head, order_lines = found
        order = Order(
            purchase_order_id=head.purchase_order_id,
            location_id=head.location_id,
            vendor=head.vendor,
            lines=tuple(
                OrderLine(li.line_number, li.item, li.item_id, li.quantity, li.unit_price) for li in order_lines
            ),
        )
        received = await purchasing.received_quantities(uow, order_lines)
        before = await billed_before(uow, head.purchase_order_id, invoice)
    percent = await tolerance.current_percent(uow)
    return match(document, order, received=received, billed_before=before, tolerance_percent=percent)


async def billed_before(uow: UnitOfWork, purchase_order_id: str, invoice: SupplierInvoice) -> dict[int, int]:
    """Per order line, what other approved invoices billed (for an approved one: those approved before it)."""
    query = (
        select(SupplierInvoiceLine.matched_line, SupplierInvoiceLine.quantity)
        .join(SupplierInvoice, SupplierInvoice.id == SupplierInvoiceLine.invoice_id)
        .where(
            SupplierInvoiceLine.purchase_order_id == purchase_order_id,
            SupplierInvoiceLine.matched_line.is_not(None),
            SupplierInvoice.status == "approved",
            SupplierInvoice.id != invoice.id,
        )
    )
    if invoice.approved_at is not None:
        query = query.where(SupplierInvoice.approved_at < invoice.approved_at)
    billed: dict[int, int] = {}
    for line_number, quantity in (await uow.session.execute(query)).all():
        billed[line_number] = billed.get(line_number, 0) + quantity
    return billed
