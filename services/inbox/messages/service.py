"""Reading stored email: PHI, so every read is audited, refusals too; scoped like the message's task."""

from sqlalchemy import select

from services.inbox.messages.models import Message, MessageAttachment
from services.inbox.messages.schemas import AttachmentOut, MessageOut, MessageSummaryOut
from services.inbox.tasks import queries as task_queries
from services.inbox.tasks.domain import MANAGERS
from shared.audit import UowFactory, audit_denials, ensure_phi_access, record_phi_access
from shared.auth import ALL_LOCATIONS, Principal
from shared.errors import Forbidden, NotFound
from shared.uow import UnitOfWork


async def load_message(uow: UnitOfWork, message_id: str, actor: Principal, *, action: str) -> Message:
    """The message if the actor may work its task (404 unknown; 403 another location's or pool's, audited)."""
    message = await uow.session.get(Message, message_id)
    if message is None:
        raise NotFound(f"message {message_id} not found", field="message_id")
    if message.location_id is None:  # unrouted: only the group's managers see it, to route it
        if not (actor.roles & MANAGERS and ALL_LOCATIONS in actor.locations):
            raise Forbidden("an unrouted message is for group-wide managers", field="message_id")
        return message
    ensure_phi_access(
        actor,
        action=action,
        resource="Message",
        resource_id=message.id,
        patient_id=message.patient_id,
        location_id=message.location_id,
    )
    if message.task_id:
        await task_queries.load(uow, message.task_id, actor, action=action)
    return message


async def audit(uow: UnitOfWork, message: Message, actor: Principal, action: str) -> None:
    await record_phi_access(
        uow,
        actor=actor,
        action=action,
        resource="Message",
        resource_id=message.id,
        patient_id=message.patient_id,
        location_id=message.location_id,
    )


async def get_message(*, uow: UnitOfWork, new_uow: UowFactory, message_id: str, actor: Principal) -> MessageOut:
    """One message with its text, routing and attachments' metadata (audited)."""
    async with audit_denials(new_uow), uow:
        message = await load_message(uow, message_id, actor, action="read")
        rows = await uow.session.execute(
            select(MessageAttachment, MessageAttachment.content.is_not(None).label("stored"))
            .where(MessageAttachment.message_id == message.id)
            .order_by(MessageAttachment.id)
        )
        attachments = [AttachmentOut.model_validate({**_columns(a), "stored": stored}) for a, stored in rows.all()]
        out = MessageOut.model_validate({**_columns(message), "attachments": attachments})
        await audit(uow, message, actor, "read")
    return out


async def get_attachment(
    *, uow: UnitOfWork, new_uow: UowFactory, message_id: str, attachment_id: int, actor: Principal
) -> MessageAttachment:
    """One attachment's bytes (audited); 404 when it was refused at intake and only its hash was kept."""
    async with audit_denials(new_uow), uow:
        message = await load_message(uow, message_id, actor, action="read")
        attachment = await uow.session.get(MessageAttachment, attachment_id)
        if attachment is None or attachment.message_id != message.id or attachment.content is None:
            raise NotFound(f"attachment {attachment_id} not found or not kept", field="attachment_id")
        await audit(uow, message, actor, "read")
    return attachment


async def list_messages(
    *, uow: UnitOfWork, actor: Principal, location_id: str | None, category: str | None, flag: str | None, limit: int
) -> list[MessageSummaryOut]:
    """The newest messages the actor may work: their locations, their roles' categories (managers: all)."""
    query = select(Message).where(Message.location_id.is_not(None))
    if location_id:
        actor.ensure_location(location_id)
        query = query.where(Message.location_id == location_id)
    elif ALL_LOCATIONS not in actor.locations:
        query = query.where(Message.location_id.in_(sorted(actor.locations)))
    if not actor.roles & MANAGERS:
        query = query.where(Message.role.in_(sorted(actor.roles)))
    if category:
        query = query.where(Message.category == category)
    async with uow:
        rows = list(await uow.session.scalars(query.order_by(Message.received_at.desc()).limit(limit)))
        if flag:  # flags are a short JSON list: filtered here, not by a dialect-specific JSON operator
            rows = [m for m in rows if flag in m.flags]
        for message in rows:
            await audit(uow, message, actor, "read")
        return [MessageSummaryOut.model_validate(_columns(m)) for m in rows]


def _columns(row) -> dict:
    return {c.key: getattr(row, c.key) for c in row.__mapper__.column_attrs if c.key not in ("raw", "content")}
