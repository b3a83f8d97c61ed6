"""Writing down a match: the invoice rows, its approval (and the event billing books), or the office manager's task."""

import uuid

from services.inbox.invoices.domain import InvoiceDocument, InvoiceLine, InvoiceStatus, vendor_key
from services.inbox.invoices.matching import MatchResult
from services.inbox.invoices.models import SupplierInvoice, SupplierInvoiceLine
from services.inbox.invoices.schemas import InvoiceOutcomeOut
from services.inbox.tasks import service as tasks
from services.inbox.tasks.domain import Focus
from shared.clock import utcnow
from shared.contracts.inbox import SupplierInvoiceApproved
from shared.uow import UnitOfWork

CATEGORY = "supplier_invoice"  # the task category of everything an invoice asks of a person


def cause_of(invoice_id: str) -> str:
    return f"supplier-invoice:{invoice_id}"


def new_invoice(
    document: InvoiceDocument,
    *,
    location_id: str,
    source: str,
    message_id: str | None,
    filename: str | None,
    category: str,
    actor: str,
) -> tuple[SupplierInvoice, list[SupplierInvoiceLine]]:
    now, invoice_id = utcnow(), str(uuid.uuid4())
    invoice = SupplierInvoice(
        id=invoice_id,
        location_id=location_id,
        vendor=document.vendor,
        vendor_key=vendor_key(document.vendor),
        number=document.number,
        issued_on=document.issued_on,
        order_ref=document.order_ref,
        currency=document.currency,
        total=document.total,
        tax=document.tax,
        charges=document.charges,
        category=category,
        status=InvoiceStatus.NEEDS_REVIEW,
        differences=[],
        source=source,
        message_id=message_id,
        filename=filename,
        created_by=actor,
        created_at=now,
        matched_at=now,
    )
    lines = [
        SupplierInvoiceLine(
            invoice_id=invoice_id,
            position=position,
            item=line.item,
            item_id=line.item_id,
            quantity=line.quantity,
            unit_price=line.unit_price,
            amount=line.amount,
            order_line=line.order_line,
        )
        for position, line in enumerate(document.lines, start=1)
    ]
    return invoice, lines


def document_of(invoice: SupplierInvoice, lines: list[SupplierInvoiceLine]) -> InvoiceDocument:
    """The stored invoice as the matcher reads it."""
    return InvoiceDocument(
        vendor=invoice.vendor,
        number=invoice.number,
        issued_on=invoice.issued_on,
        order_ref=invoice.order_ref,
        currency=invoice.currency,
        tax=invoice.tax,
        charges=invoice.charges,
        total=invoice.total,
        lines=tuple(
            InvoiceLine(li.item, li.quantity, li.unit_price, li.amount, li.order_line, li.item_id)
            for li in sorted(lines, key=lambda li: li.position)
        ),
    )


async def settle(
    uow: UnitOfWork, invoice: SupplierInvoice, lines: list[SupplierInvoiceLine], result: MatchResult, *, actor: str
) -> InvoiceOutcomeOut:
    """Approve a full match (once: the event goes out on the move to approved), else raise or keep its task."""
    order_id = result.purchase_order_id
    invoice.purchase_order_id = order_id
    for line, number in zip(sorted(lines, key=lambda li: li.position), result.assigned, strict=True):
        line.purchase_order_id, line.matched_line = (order_id, number) if number is not None else (None, None)
    invoice.differences = result.differences()
    invoice.matched_at = utcnow()
    if result.approved:
        invoice.status, invoice.approved_at = InvoiceStatus.APPROVED, utcnow()
        await uow.session.flush()
        await uow.emit(
            SupplierInvoiceApproved(
                invoice_id=invoice.id,
                location_id=invoice.location_id,
                vendor=invoice.vendor,
                invoice_number=invoice.number,
                issued_on=invoice.issued_on,
                purchase_order_id=order_id,
                category=invoice.category,
                total=invoice.total,
                currency=invoice.currency,
                accrued=result.accrued,
            ),
            subject=invoice.id,
            location_id=invoice.location_id,
        )
        if invoice.task_id:
            await tasks.resolve_by_cause(uow=uow, cause=cause_of(invoice.id), resolved_by=actor)
        return InvoiceOutcomeOut(outcome="approved", invoice_id=invoice.id, task_id=invoice.task_id, differences=[])
    task = await tasks.raise_task(
        uow=uow,
        cause=cause_of(invoice.id),
        category=CATEGORY,
        priority="routine",
        location_id=invoice.location_id,
        role="office_manager",
        title=_title(invoice, result),
        description=_description(invoice, result),
        focus=Focus(service="inbox", kind="supplier_invoice", id=invoice.id),
        actor=actor,
    )
    invoice.task_id = task.id
    await uow.session.flush()
    return InvoiceOutcomeOut(
        outcome="needs_review", invoice_id=invoice.id, task_id=task.id, differences=invoice.differences
    )


async def duplicate_task(
    uow: UnitOfWork, first: SupplierInvoice, document: InvoiceDocument, *, source: str, actor: str
):
    """One open task per first copy, however many copies follow."""
    return await tasks.raise_task(
        uow=uow,
        cause=f"supplier-invoice-duplicate:{first.id}",
        category=CATEGORY,
        priority="routine",
        location_id=first.location_id,
        role="office_manager",
        title=f"Duplicate invoice {document.number} from {document.vendor}"[:200],
        description=(
            f"Invoice {document.number} from {document.vendor} arrived again ({source}), total {document.total}"
            f" {document.currency}. The first copy (total {first.total}) is {first.status}: do not pay it twice."
        ),
        focus=Focus(service="inbox", kind="supplier_invoice", id=first.id),
        actor=actor,
    )


def _title(invoice: SupplierInvoice, result: MatchResult) -> str:
    if invoice.purchase_order_id is None:
        return f"Invoice {invoice.number} from {invoice.vendor}: no purchase order"[:200]
    count = len(result.differences())
    return f"Invoice {invoice.number} from {invoice.vendor}: {count} difference{'s' * (count != 1)}"[:200]


def _description(invoice: SupplierInvoice, result: MatchResult) -> str:
    order = f"purchase order {invoice.purchase_order_id}" if invoice.purchase_order_id else "no purchase order"
    head = f"Invoice {invoice.number} from {invoice.vendor}, {invoice.total} {invoice.currency}, against {order}:"
    return "\n".join([head, *(f"- {difference}" for difference in result.differences())])[:4000]
