"""Reply routes: answer a message's sender from its task."""

from fastapi import APIRouter, Request

from services.inbox.access import AnyStaff
from services.inbox.replies import service
from services.inbox.replies.schemas import ReplyIn, ReplyOut
from shared.web import NewUowDep, UowDep

router = APIRouter(prefix="/messages/{message_id}/replies", tags=["replies"])


@router.post("", status_code=201, response_model=ReplyOut, responses={502: {"description": "The relay refused"}})
async def reply(message_id: str, body: ReplyIn, request: Request, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """Send a reply through the practice's relay, threaded under the message; kept on its task."""
    relay = request.app.state.relay
    return await service.reply(uow=uow, new_uow=new_uow, message_id=message_id, cmd=body, relay=relay, actor=actor)


@router.get("", response_model=list[ReplyOut])
async def replies(message_id: str, uow: UowDep, new_uow: NewUowDep, actor: AnyStaff):
    """The replies sent for the message."""
    return await service.replies_of(uow=uow, new_uow=new_uow, message_id=message_id, actor=actor)
