"""Message routes: the stored email behind a task, and its attachments."""

from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from services.inbox.access import AnyStaff
from services.inbox.messages import service
from services.inbox.messages.schemas import MessageOut, MessageSummaryOut
from shared.web import NewUowDep, UowDep

router = APIRouter(prefix="/messages", tags=["messages"])


@router.get("", response_model=list[MessageSummaryOut])
async def list_messages(
    uow: UowDep,
    actor: AnyStaff,
    location_id: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    category: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    flag: Annotated[str | None, Query(min_length=1, max_length=32)] = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
):
    """The newest messages of the caller's locations and roles (every read audited)."""
    return await service.list_messages(
        uow=uow, actor=actor, location_id=location_id, category=category, flag=flag, limit=limit
    )


@router.get("/{message_id}", response_model=MessageOut)
async def get_message(message_id: str, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """One message: headers, text, how it was triaged and linked, its attachments."""
    return await service.get_message(uow=uow, new_uow=new_uow, message_id=message_id, actor=actor)


@router.get("/{message_id}/attachments/{attachment_id}", response_class=Response)
async def get_attachment(
    message_id: str,
    attachment_id: Annotated[int, Path(ge=1, le=2**62)],
    uow: UowDep,
    new_uow: NewUowDep,
    actor: AnyStaff,
):
    """An attachment's bytes, with its type; a refused one (too large, type not allowed) is not kept."""
    attachment = await service.get_attachment(
        uow=uow, new_uow=new_uow, message_id=message_id, attachment_id=attachment_id, actor=actor
    )
    return Response(
        attachment.content,
        media_type=attachment.content_type,
        headers={"Content-Disposition": f'attachment; filename="{attachment.filename.replace(chr(34), "")}"'},
    )
