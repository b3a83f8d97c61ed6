"""GET /api/v1/live/events: the caller's events as Server-Sent Events, resumed after Last-Event-ID."""

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Request
from fastapi.responses import StreamingResponse

from services.gateway.access import AnyUser, Caller
from services.gateway.live.domain import LiveEvent, visible_to
from services.gateway.live.service import LiveHub
from shared.clock import utcnow

router = APIRouter(prefix="/api/v1/live", tags=["live"])
HEARTBEAT_S = 15.0
RESET = "event: reset\ndata: {}\n\n"  # the events since the client's last one are gone: refetch the screens


def _sequence(event_id: str) -> int:
    return int(event_id.rsplit(".", 1)[1])


@router.get("/events", response_class=StreamingResponse)
async def events(
    request: Request,
    caller: AnyUser,
    last_event_id: Annotated[str | None, Header(alias="Last-Event-ID", max_length=64)] = None,
) -> StreamingResponse:
    """The events of the caller's locations and roles (ids, times and states, no names); ends when the token does."""
    hub: LiveHub = request.app.state.live
    queue = hub.open()  # before the backlog is read: nothing added meanwhile is missed, repeats are skipped
    backlog = hub.ring.since(last_event_id)
    return StreamingResponse(
        _frames(hub, queue, backlog, caller),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _frames(
    hub: LiveHub, queue: asyncio.Queue, backlog: list[LiveEvent] | None, caller: Caller
) -> AsyncIterator[str]:
    sent = 0
    try:
        yield "retry: 3000\n\n"
        if backlog is None:
            yield RESET
        for event in backlog or []:
            sent = _sequence(event.id)
            if visible_to(event, caller.principal):
                yield event.frame()
        while True:
            seconds_left = (caller.expires_at - utcnow()).total_seconds()
            if seconds_left <= 0:
                yield "event: expired\ndata: {}\n\n"  # the client reconnects with its renewed token
                return
            try:
                event = await asyncio.wait_for(queue.get(), min(HEARTBEAT_S, seconds_left))
            except TimeoutError:
                if not hub.is_open(queue) and queue.empty():
                    return  # fell too far behind: dropped by the hub
                yield ": keep-alive\n\n"
                continue
            if _sequence(event.id) <= sent:
                continue
            sent = _sequence(event.id)
            if visible_to(event, caller.principal):
                yield event.frame()
    finally:
        hub.close(queue)
