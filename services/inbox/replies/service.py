"""Replying to a message from its task: sent through the practice's relay, kept on the task.

The relay is called outside any transaction (a slow relay must not hold database locks); the
reply row records whether it went, so a failed send is visible and can be sent again.
"""

import uuid
from dataclasses import dataclass

import aiosmtplib
from sqlalchemy import select

from services.inbox.messages import service as messages
from services.inbox.replies.domain import compose, reply_subject
from services.inbox.replies.models import Reply
from services.inbox.replies.schemas import ReplyIn
from services.inbox.tasks import service as tasks
from services.inbox.tasks.models import Task
from shared.audit import UowFactory, audit_denials
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import DomainError, Unprocessable
from shared.uow import UnitOfWork


@dataclass(frozen=True)
class Relay:
    host: str
    port: int
    username: str | None
    password: str | None
    starttls: bool
    timeout_s: float
    from_address: str


class RelayFailed(DomainError):
    status = 502


async def reply(
    *, uow: UnitOfWork, new_uow: UowFactory, message_id: str, cmd: ReplyIn, relay: Relay, actor: Principal
) -> Reply:
    """Send a reply to the message's sender, threaded under it; a relay failure is kept and is a 502."""
    async with audit_denials(new_uow), uow:
        message = await messages.load_message(uow, message_id, actor, action="update")
        if not message.sender:
            raise Unprocessable("the message has no sender address to reply to", field="message_id")
        email = compose(
            from_address=relay.from_address,
            to=message.sender,
            subject=cmd.subject or reply_subject(message.subject)[:200],
            body=cmd.body,
            in_reply_to=message.header_message_id,
            references=message.references,
        )
        to, task_id = message.sender, message.task_id
    error = await _send(relay, email)
    async with new_uow() as record:
        kept = Reply(
            id=str(uuid.uuid4()),
            message_id=message_id,
            task_id=task_id,
            to_address=to,
            subject=str(email["Subject"]),
            body=cmd.body,
            header_message_id=str(email["Message-ID"]),
            in_reply_to=message.header_message_id,
            status="failed" if error else "sent",
            error=error,
            sent_by=actor.sub,
            sent_at=utcnow(),
        )
        record.session.add(kept)
        if task_id and (task := await record.session.get(Task, task_id)):
            await tasks.record(record, task, actor=actor.sub, action="replied", reply_id=kept.id, status=kept.status)
        await messages.audit(record, message, actor, "update")
    if error:
        raise RelayFailed(f"the mail relay refused the reply: {error}", field="relay", reply_id=kept.id)
    return kept


async def _send(relay: Relay, email) -> str | None:
    try:
        await aiosmtplib.send(
            email,
            hostname=relay.host,
            port=relay.port,
            username=relay.username,
            password=relay.password,
            start_tls=relay.starttls,
            timeout=relay.timeout_s,
        )
    except (aiosmtplib.SMTPException, OSError) as exc:
        return f"{type(exc).__name__}: {exc}"[:500]
    return None


async def replies_of(*, uow: UnitOfWork, new_uow: UowFactory, message_id: str, actor: Principal) -> list[Reply]:
    """The replies sent for a message, oldest first."""
    async with audit_denials(new_uow), uow:
        message = await messages.load_message(uow, message_id, actor, action="read")
        rows = await uow.session.scalars(select(Reply).where(Reply.message_id == message_id).order_by(Reply.sent_at))
        await messages.audit(uow, message, actor, "read")
        return list(rows)
