"""What the console reads: an invoice, a location's invoices, and the three-way match view of one."""

from sqlalchemy import select

from services.inbox.invoices import lookup, tolerance
from services.inbox.invoices.domain import InvoiceStatus
from services.inbox.invoices.models import SupplierInvoice, SupplierInvoiceLine
from services.inbox.invoices.recording import document_of
from services.inbox.invoices.schemas import InvoiceOut, MatchLineOut, MatchViewOut
from services.inbox.purchasing import service as purchasing
from shared.auth import Principal
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def get_invoice(*, uow: UnitOfWork, invoice_id: str, actor: Principal) -> InvoiceOut:
    """One supplier invoice with its lines and what its match found."""
    async with uow:
        invoice, lines = await _load(uow, invoice_id, actor)
    return _view(invoice, lines)


async def list_invoices(
    *, uow: UnitOfWork, location_id: str, status: InvoiceStatus | None, limit: int, offset: int, actor: Principal
) -> list[InvoiceOut]:
    """A location's supplier invoices, newest first."""
    actor.ensure_location(location_id)
    query = select(SupplierInvoice).where(SupplierInvoice.location_id == location_id)
    if status:
        query = query.where(SupplierInvoice.status == status)
    async with uow:
        invoices = (
            await uow.session.scalars(query.order_by(SupplierInvoice.created_at.desc()).limit(limit).offset(offset))
        ).all()
        lines = (
            await uow.session.scalars(
                select(SupplierInvoiceLine).where(SupplierInvoiceLine.invoice_id.in_([i.id for i in invoices]))
            )
        ).all()
    return [_view(i, [li for li in lines if li.invoice_id == i.id]) for i in invoices]


async def match_view(*, uow: UnitOfWork, invoice_id: str, actor: Principal) -> MatchViewOut:
    """Per order line: ordered, received, billed before, billed here, and the price difference, as things stand."""
    async with uow:
        invoice, lines = await _load(uow, invoice_id, actor)
        found = await purchasing.find_order(uow, invoice.purchase_order_id or invoice.order_ref)
        if found is not None and found[0].location_id != invoice.location_id:
            found = None
        result = await lookup.match_invoice(uow, invoice, document_of(invoice, lines), found)
        percent = await tolerance.current_percent(uow)
    return MatchViewOut(
        invoice_id=invoice.id,
        status=invoice.status,
        purchase_order_id=result.purchase_order_id,
        tolerance_percent=percent,
        lines=[MatchLineOut(**vars(row)) for row in result.lines],
        differences=result.differences(),
        approved=result.approved,
    )


async def _load(uow: UnitOfWork, invoice_id: str, actor: Principal):
    invoice = await load_in_scope(uow, SupplierInvoice, invoice_id, actor, field="invoice_id", what="invoice")
    query = select(SupplierInvoiceLine).where(SupplierInvoiceLine.invoice_id == invoice.id)
    return invoice, list((await uow.session.scalars(query.order_by(SupplierInvoiceLine.position))).all())


def _view(invoice: SupplierInvoice, lines: list[SupplierInvoiceLine]) -> InvoiceOut:
    fields = {name: getattr(invoice, name) for name in InvoiceOut.model_fields if name != "lines"}
    return InvoiceOut(
        **fields,
        lines=[
            {
                "position": li.position,
                "item": li.item,
                "item_id": li.item_id,
                "quantity": li.quantity,
                "unit_price": li.unit_price,
                "amount": li.amount,
                "order_line": li.order_line,
                "matched_line": li.matched_line,
            }
            for li in sorted(lines, key=lambda li: li.position)
        ],
    )
