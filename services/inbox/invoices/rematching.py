"""Matching waiting invoices again: when their order or a delivery arrives, or when the office manager asks."""

from sqlalchemy import select

from services.inbox.invoices import lookup
from services.inbox.invoices.models import SupplierInvoice, SupplierInvoiceLine
from services.inbox.invoices.recording import document_of, settle
from services.inbox.invoices.schemas import InvoiceOutcomeOut
from services.inbox.purchasing import service as purchasing
from shared.auth import Principal
from shared.errors import Conflict
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


async def rematch_invoice(*, uow: UnitOfWork, invoice_id: str, actor: Principal) -> InvoiceOutcomeOut:
    """Match a waiting invoice again now (after a new tolerance, say); a full match is approved and its task done."""
    async with uow:
        invoice = await load_in_scope(uow, SupplierInvoice, invoice_id, actor, field="invoice_id", what="invoice")
        if invoice.status == "approved":
            raise Conflict("the invoice is approved already", field="status")
        found = await purchasing.find_order(uow, invoice.order_ref, lock=True)
        if found is not None and found[0].location_id != invoice.location_id:
            found = None
        await uow.session.refresh(invoice, with_for_update=True)  # after the order's lock: the order every match takes
        if invoice.status == "approved":
            raise Conflict("the invoice is approved already", field="status")
        lines = await _lines(uow, invoice.id)
        result = await lookup.match_invoice(uow, invoice, document_of(invoice, lines), found)
        return await settle(uow, invoice, lines, result, actor=actor.sub)


async def _lines(uow: UnitOfWork, invoice_id: str) -> list[SupplierInvoiceLine]:
    query = select(SupplierInvoiceLine).where(SupplierInvoiceLine.invoice_id == invoice_id)
    return list((await uow.session.scalars(query)).all())


async def rematch_order(*, uow: UnitOfWork, purchase_order_id: str, actor: str = "system") -> int:
    """Match again the invoices waiting on an order that was placed or received since (consumer's transaction).

    An invoice that matches now is approved and its task completes itself; returns how many were approved.
    """
    found = await purchasing.find_order(uow, purchase_order_id, lock=True)
    if found is None:
        return 0
    waiting = (
        await uow.session.scalars(
            select(SupplierInvoice)
            .where(
                SupplierInvoice.order_ref == purchase_order_id,
                SupplierInvoice.status == "needs_review",
                SupplierInvoice.location_id == found[0].location_id,
            )
            .order_by(SupplierInvoice.created_at)
        )
    ).all()
    approved = 0
    for invoice in waiting:
        lines = await _lines(uow, invoice.id)
        result = await lookup.match_invoice(uow, invoice, document_of(invoice, lines), found)
        outcome = await settle(uow, invoice, lines, result, actor=actor)
        approved += outcome.outcome == "approved"
    return approved
