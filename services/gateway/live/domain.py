"""Which events reach whom, what of them is sent, and the bounded ring a reconnect resumes from."""

import json
from collections import deque
from dataclasses import dataclass

from shared.auth import Principal, Role
from shared.envelope import Envelope

# Per topic, the roles whose screens show it (a practice admin sees every one) and the fields sent: ids,
# times and states only, never a name or a note; the screens read the rest through routes that audit it.
STREAMS: dict[str, tuple[frozenset[str], tuple[str, ...]]] = {
    "scheduling.appointment": (
        frozenset({Role.FRONT_DESK, Role.OFFICE_MANAGER, Role.CLINICIAN}),
        ("appointment_id", "provider_id", "start", "end", "previous_start", "arrived_at", "completed_at", "late"),
    ),
    # Every role works tasks: the inbox refetches its lists on these (the task's title and patient stay out).
    "inbox.task": (
        frozenset(Role),
        ("task_id", "role", "owner", "previous_owner", "priority", "previous_priority", "due_at"),
    ),
}


@dataclass(frozen=True)
class LiveEvent:
    """One event as the stream sends it: `id` orders it within this gateway's ring."""

    id: str
    type: str
    topic: str
    location_id: str
    data: dict

    def frame(self) -> str:
        """The event as an SSE frame (its JSON on one data line)."""
        body = {"type": self.type, "location_id": self.location_id, **self.data}
        return f"id: {self.id}\nevent: {self.topic}\ndata: {json.dumps(body, separators=(',', ':'))}\n\n"


def live_event(envelope: Envelope, *, event_id: str) -> LiveEvent | None:
    """The stream's view of an event: None for a topic the console does not follow or one of no location."""
    topic = envelope.topic
    if topic not in STREAMS:
        return None
    location_id = envelope.location_id or envelope.data.get("location_id")
    if not isinstance(location_id, str):
        return None
    _, fields = STREAMS[topic]
    data = {k: envelope.data[k] for k in fields if k in envelope.data}
    return LiveEvent(id=event_id, type=envelope.type, topic=topic, location_id=location_id, data=data)


def visible_to(event: LiveEvent, principal: Principal) -> bool:
    """A user sees an event of one of their locations on a topic one of their roles follows."""
    roles, _ = STREAMS[event.topic]
    role_ok = Role.PRACTICE_ADMIN in principal.roles or bool(roles & principal.roles)
    return role_ok and principal.may_access(event.location_id)


class Ring:
    """The last `size` events in arrival order; ids are `<epoch>.<sequence>`, the epoch this process's own."""

    def __init__(self, *, epoch: str, size: int):
        self.epoch = epoch
        self._events: deque[tuple[int, LiveEvent]] = deque(maxlen=size)
        self._next = 1

    def next_id(self) -> str:
        return f"{self.epoch}.{self._next}"

    def add(self, event: LiveEvent) -> None:
        sequence = int(event.id.rsplit(".", 1)[1])
        self._events.append((sequence, event))
        self._next = sequence + 1

    def since(self, last_event_id: str | None) -> list[LiveEvent] | None:
        """Events after `last_event_id`; None when they cannot be told (another process's id, or fallen off)."""
        if not last_event_id:
            return []
        epoch, _, sequence = last_event_id.rpartition(".")
        if epoch != self.epoch or not sequence.isdigit():
            return None
        after = int(sequence)
        if after >= self._next:
            return None
        oldest = self._events[0][0] if self._events else self._next
        if after < oldest - 1:
            return None
        return [event for seq, event in self._events if seq > after]
