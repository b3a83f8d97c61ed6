"""Receiving supplier invoices: from an email's attachment, an uploaded document, or typed in.

Each is stored once per vendor and number (a unique constraint: a second copy is a duplicate, never a
second invoice), matched three ways (matching.py) and either approved for payment, with
`inbox.invoice.approved` in the outbox for billing to book, or handed to the office manager as a task.
"""

import hashlib
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError

from services.inbox.invoices import lookup
from services.inbox.invoices.documents import parse_document
from services.inbox.invoices.domain import (
    CONTROL,
    InvalidInvoice,
    InvoiceDocument,
    InvoiceLine,
    line_amount,
    vendor_key,
)
from services.inbox.invoices.models import SupplierInvoice
from services.inbox.invoices.recording import duplicate_task, new_invoice, settle
from services.inbox.invoices.schemas import InvoiceIn, InvoiceOutcomeOut
from services.inbox.purchasing import service as purchasing
from services.inbox.tasks import service as tasks
from services.inbox.tasks.domain import Focus
from shared.auth import Principal
from shared.errors import Unprocessable
from shared.uow import UnitOfWork

DUPLICATE_CONSTRAINT = "uq_supplier_invoice_vendor_key_number"


async def receive_invoice_document(
    *,
    uow: UnitOfWork,
    location_id: UUID | str | None,
    filename: str,
    content_type: str,
    content: bytes,
    message_id: UUID | str | None,
    actor: str,
) -> InvoiceOutcomeOut:
    """Read an email's CSV or UBL attachment and match it, in the caller's transaction; unreadable is a task.

    The order the invoice names decides its location; `location_id` (the message's) serves when there is none.
    Raises Unprocessable only for an unreadable attachment with no location to give its task to.
    """
    location_id = str(location_id) if location_id is not None else None
    message_id = str(message_id) if message_id is not None else None
    filename = CONTROL.sub("", filename).strip()[:200] or "attachment"  # a sender's name for it: shown in a title
    try:
        document = parse_document(filename=filename, content_type=content_type, content=content)
    except InvalidInvoice as exc:
        if location_id is None:
            raise Unprocessable(str(exc), field=exc.field) from None
        digest = hashlib.sha256(content).hexdigest()[:32]
        task = await tasks.raise_task(
            uow=uow,
            cause=f"supplier-invoice-unreadable:{digest}",
            category="supplier_invoice",
            priority="routine",
            location_id=location_id,
            role="office_manager",
            title=f"Supplier invoice {filename[:80]} could not be read",
            description=f"{exc.field}: {exc}\nType it in from the message, or ask the vendor for CSV or UBL.",
            focus=Focus(service="inbox", kind="message", id=message_id) if message_id else None,
            actor=actor,
        )
        return InvoiceOutcomeOut(outcome="unreadable", invoice_id=None, task_id=task.id, differences=[str(exc)])
    return await record_invoice(
        uow=uow,
        document=document,
        location_id=location_id,
        scope=None,
        source="email",
        message_id=message_id,
        filename=filename,
        category="supplies",
        actor=actor,
    )


async def upload_invoice_document(
    *, uow: UnitOfWork, location_id: str, filename: str, content_type: str, content: bytes, actor: Principal
) -> InvoiceOutcomeOut:
    """Match an uploaded CSV or UBL 2.1 invoice for a location; an unreadable document is a 422 naming the field."""
    actor.ensure_location(location_id)
    try:
        document = parse_document(filename=filename, content_type=content_type, content=content)
    except InvalidInvoice as exc:
        raise Unprocessable(str(exc), field=exc.field) from None
    async with uow:
        return await record_invoice(
            uow=uow,
            document=document,
            location_id=location_id,
            scope=location_id,
            source="document",
            message_id=None,
            filename=filename,
            category="supplies",
            actor=actor.sub,
        )


async def submit_invoice(*, uow: UnitOfWork, location_id: str, cmd: InvoiceIn, actor: Principal) -> InvoiceOutcomeOut:
    """Match an invoice typed in for a location."""
    actor.ensure_location(location_id)
    document = InvoiceDocument(
        vendor=cmd.vendor.strip(),
        number=cmd.number.strip(),
        issued_on=cmd.issued_on,
        order_ref=cmd.order_ref,
        currency=cmd.currency,
        tax=cmd.tax,
        charges=cmd.charges,
        total=cmd.total,
        lines=tuple(
            InvoiceLine(
                item=line.item.strip(),
                quantity=line.quantity,
                unit_price=line.unit_price,
                amount=line.amount if line.amount is not None else line_amount(line.quantity, line.unit_price),
                order_line=line.order_line,
                item_id=line.item_id,
            )
            for line in cmd.lines
        ),
    )
    async with uow:
        return await record_invoice(
            uow=uow,
            document=document,
            location_id=location_id,
            scope=location_id,
            source="api",
            message_id=None,
            filename=None,
            category=cmd.category,
            actor=actor.sub,
        )


async def record_invoice(
    *,
    uow: UnitOfWork,
    document: InvoiceDocument,
    location_id: str | None,
    scope: str | None,
    source: str,
    message_id: str | None,
    filename: str | None,
    category: str,
    actor: str,
) -> InvoiceOutcomeOut:
    """Store the invoice once and match it (inside the caller's transaction); `scope` limits which orders it may find.

    The order's location wins over the message's: the order says where the goods went.
    """
    found = await purchasing.find_order(uow, document.order_ref, lock=True)
    if found and scope and found[0].location_id != scope:
        found = None  # another location's order is not this location's to bill (nor to learn of)
    location = found[0].location_id if found else location_id
    if location is None:
        raise Unprocessable("the invoice names no known purchase order and no location was given", field="location_id")
    invoice, lines = new_invoice(
        document,
        location_id=location,
        source=source,
        message_id=message_id,
        filename=filename,
        category=category,
        actor=actor,
    )
    try:
        async with uow.session.begin_nested():
            uow.session.add(invoice)
            await uow.session.flush()
    except IntegrityError as exc:
        if DUPLICATE_CONSTRAINT not in str(exc.orig):
            raise
        return await _duplicate(uow, document, scope=scope, source=source, actor=actor)
    uow.session.add_all(lines)
    result = await lookup.match_invoice(uow, invoice, document, found)
    return await settle(uow, invoice, lines, result, actor=actor)


async def _duplicate(
    uow: UnitOfWork, document: InvoiceDocument, *, scope: str | None, source: str, actor: str
) -> InvoiceOutcomeOut:
    first = await uow.session.scalar(
        select(SupplierInvoice).where(
            SupplierInvoice.vendor_key == vendor_key(document.vendor), SupplierInvoice.number == document.number
        )
    )
    task = await duplicate_task(uow, first, document, source=source, actor=actor)
    visible = scope is None or first.location_id == scope
    return InvoiceOutcomeOut(
        outcome="duplicate",
        invoice_id=first.id if visible else None,
        task_id=task.id if visible else None,
        differences=[f"invoice {document.number} from {document.vendor} was received before"],
    )
