"""What a triaged category does beyond its task: an appointment request asks scheduling for a proposed one,
a supplier invoice's attachment is read and matched three ways."""

from datetime import timedelta

from services.inbox.invoices import service as invoices
from services.inbox.linking import domain as linking_rules
from services.inbox.messages.models import Message, MessageAttachment
from services.inbox.triage import domain as triage
from shared.clock import utc_today, utcnow
from shared.contracts.inbox import AppointmentRequested
from shared.errors import Unprocessable
from shared.uow import UnitOfWork

SEARCH_DAYS = 14  # how far ahead the desk's slot search looks for a request's days


def describe(message: Message) -> str:
    """The task's description: who wrote, what it links, what was odd about the mail."""
    lines = [f"From: {message.sender_name} <{message.sender}>".strip()]
    if message.party_kind:
        lines.append(f"{message.party_kind.capitalize()}: {message.party_id}")
    if message.claim_ref:
        lines.append(f"Claim: {message.claim_ref}")
    if message.flags:
        lines.append(f"Flags: {', '.join(message.flags)}")
    return "\n".join(lines)


INVOICE_TYPES = ("text/csv", "application/xml", "text/xml", "application/vnd.ms-excel")


async def follow_up(
    uow: UnitOfWork, message: Message, decision: triage.Decision, attachments: list[MessageAttachment]
) -> None:
    if decision.category is triage.Category.APPOINTMENT_REQUEST:
        await _request_appointment(uow, message, decision)
    if decision.category is triage.Category.SUPPLIER_INVOICE:
        await _match_invoices(uow, message, attachments)


async def _match_invoices(uow: UnitOfWork, message: Message, attachments: list[MessageAttachment]) -> None:
    # Each structured attachment (CSV, UBL XML) is an invoice to match; the message's task stays for the rest.
    for attachment in attachments:
        readable = attachment.content is not None and (
            attachment.content_type in INVOICE_TYPES or attachment.filename.lower().endswith((".csv", ".xml"))
        )
        if not readable:
            continue
        try:
            await invoices.receive_invoice_document(
                uow=uow,
                location_id=message.location_id,
                filename=attachment.filename,
                content_type=attachment.content_type,
                content=attachment.content,
                message_id=message.id,
                actor="inbox:email",
            )
        except Unprocessable:  # no order and no location to give its task to: the message's own task holds it
            message.flags = sorted({*message.flags, "invoice_unreadable"})


async def _request_appointment(uow: UnitOfWork, message: Message, decision: triage.Decision) -> None:
    days = linking_rules.preferred_days(f"{message.subject}\n{message.text}")
    first = utc_today() + timedelta(days=1)
    # The console calls scheduling's GET /slots with these (the type is the desk's choice when no rule set it).
    message.slot_search = {
        "location_id": message.location_id,
        "provider_id": decision.provider_id,
        "appointment_type_id": decision.appointment_type_id,
        "days": days,
        "first_day": first.isoformat(),
        "last_day": (first + timedelta(days=SEARCH_DAYS - 1)).isoformat(),
    }
    await uow.emit(
        AppointmentRequested(
            message_id=message.id,
            location_id=message.location_id,
            patient_id=message.patient_id,
            provider_id=decision.provider_id,
            appointment_type_id=decision.appointment_type_id,
            preferred_days=days,
            received_at=utcnow(),
        ),
        subject=message.id,
        location_id=message.location_id,
    )
