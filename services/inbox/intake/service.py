"""Intake: store a received email once, link it, triage it, and open its task, in one transaction.

Whatever the mail looks like, it is stored: parsing flags what is wrong instead of failing, and
only a database failure refuses it (the SMTP sender then retries; the IMAP cursor does not move).
"""

import uuid
from dataclasses import dataclass

from sqlalchemy import select

from services.inbox.intake import actions
from services.inbox.linking import domain as linking_rules
from services.inbox.linking import service as linking
from services.inbox.messages import domain as mime
from services.inbox.messages.models import Message, MessageAttachment
from services.inbox.tasks import service as tasks
from services.inbox.tasks.domain import Focus
from services.inbox.triage import domain as triage
from services.inbox.triage import service as triage_rules
from shared.clock import utcnow
from shared.contracts import scheduling
from shared.db import insert_on_conflict
from shared.envelope import Envelope
from shared.uow import UnitOfWork

SYSTEM = "inbox-intake"
TITLES = {
    triage.Category.APPOINTMENT_REQUEST: "Appointment request",
    triage.Category.INSURANCE_QUERY: "Insurance query",
    triage.Category.SUPPLIER_INVOICE: "Supplier invoice",
    triage.Category.BILLING_QUESTION: "Billing question",
    triage.Category.RECORDS_REQUEST: "Records request",
    triage.Category.OTHER: "Email",
}


@dataclass(frozen=True)
class IntakeOptions:
    limits: mime.Limits
    default_location_id: str | None


@dataclass(frozen=True)
class Received:
    message_id: str
    duplicate: bool
    task_id: str | None


def cause_of(message_id: str) -> str:
    """The task's cause: one open task per message."""
    return f"message:{message_id}"


async def receive(
    *, uow: UnitOfWork, raw: bytes, channel: str, envelope_recipients: list[str] | None, options: IntakeOptions
) -> Received:
    """Store, link and triage one email and raise its task; the same email again changes nothing."""
    parsed = mime.parse(raw, envelope_recipients=envelope_recipients, limits=options.limits)
    async with uow:
        message_id = str(uuid.uuid4())
        inserted = await uow.session.execute(
            insert_on_conflict(uow.session, Message.__table__)
            .values(id=message_id, dedupe_key=parsed.dedupe_key, raw=raw, **_stored(parsed, channel))
            .on_conflict_do_nothing(index_elements=["dedupe_key"])
        )
        if not inserted.rowcount:
            earlier = (
                await uow.session.execute(
                    select(Message.id, Message.task_id).where(Message.dedupe_key == parsed.dedupe_key)
                )
            ).one()
            return Received(message_id=earlier.id, duplicate=True, task_id=earlier.task_id)
        message = await uow.session.get(Message, message_id)
        attachments = _attachments(message_id, parsed)
        uow.session.add_all(attachments)
        task = await _triage(uow, message, parsed, options, attachments)
    return Received(message_id=message_id, duplicate=False, task_id=task.id if task else None)


def _stored(parsed: mime.ParsedMessage, channel: str) -> dict:
    return dict(
        header_message_id=parsed.message_id,
        channel=channel,
        sender=parsed.sender,
        sender_name=parsed.sender_name,
        recipients=parsed.recipients,
        subject=parsed.subject,
        sent_at=parsed.sent_at,
        received_at=utcnow(),
        in_reply_to=parsed.in_reply_to,
        references=parsed.references,
        text=parsed.text,
        html=parsed.html,
        flags=parsed.flags,
        size=parsed.size,
        category=triage.Category.OTHER.value,
        priority="routine",
        role=triage.DEFAULT_ROLE[triage.Category.OTHER],
        rule_hits=[],
    )


def _attachments(message_id: str, parsed: mime.ParsedMessage) -> list[MessageAttachment]:
    return [
        MessageAttachment(
            message_id=message_id,
            filename=a.filename,
            content_type=a.content_type,
            size=a.size,
            sha256=a.sha256,
            content=a.content,
            flag=a.flag,
        )
        for a in parsed.attachments
    ]


async def _triage(
    uow: UnitOfWork,
    message: Message,
    parsed: mime.ParsedMessage,
    options: IntakeOptions,
    attachments: list[MessageAttachment],
):
    mail = triage.Mail(
        recipients=tuple(parsed.recipients), sender=parsed.sender, subject=parsed.subject, body=parsed.text
    )
    decision = triage.decide(await triage_rules.rules(uow), mail)
    patient = await linking.match_patient(uow, sender=parsed.sender, text=f"{parsed.subject}\n{parsed.text}")
    message.category, message.priority, message.role = decision.category.value, decision.priority, decision.role
    message.rule_hits = decision.hits
    message.patient_id = (patient.merged_into or patient.patient_id) if patient else None
    message.location_id = decision.location_id or (patient.location_id if patient else None)
    message.location_id = message.location_id or options.default_location_id
    message.party_kind, message.party_id = decision.party_kind, decision.party_id
    message.claim_ref = linking_rules.claim_ref(parsed.subject, parsed.text)
    if message.location_id is None:
        message.flags = sorted({*message.flags, "unrouted"})  # kept and listed; no location to give a task to
        return None
    task = await tasks.raise_task(
        uow=uow,
        cause=cause_of(message.id),
        category=decision.category.value,
        priority=decision.priority,
        location_id=message.location_id,
        role=decision.role,
        title=f"{TITLES[decision.category]}: {parsed.subject or '(no subject)'}",
        description=actions.describe(message),
        focus=Focus(service="inbox", kind="message", id=message.id),
        patient_id=message.patient_id,
        actor=SYSTEM,
    )
    message.task_id = task.id
    await actions.follow_up(uow, message, decision, attachments)
    return task


async def on_appointment_request_booked(
    *, uow: UnitOfWork, event: scheduling.AppointmentRequestBooked, envelope: Envelope
) -> None:
    """Scheduling booked the request: the message's front-desk task is done."""
    await tasks.resolve_by_cause(
        uow=uow, cause=cause_of(event.source_ref), resolved_by=f"{envelope.type}:{envelope.id}"
    )
