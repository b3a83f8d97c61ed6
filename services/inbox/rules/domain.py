"""An event rule as data: which event raises a task for which role, its cause key, and what resolves it.

A cause key is a template over the event's fields (`claim:{claim_id}:denied`); the resolving events
format their own template to the same key, so "claim paid" finds the task "claim denied" opened.
"""

from dataclasses import dataclass
from string import Formatter

from shared.contracts import EventPayload


@dataclass(frozen=True)
class Resolution:
    """An event that resolves the cause, with the template that names the cause from its fields."""

    event: type[EventPayload]
    cause: str

    @property
    def event_type(self) -> str:
        return self.event.event_type


@dataclass(frozen=True)
class Rule:
    name: str
    event: type[EventPayload]
    role: str
    category: str
    priority: str
    cause: str
    title: str
    resolved_by: tuple[Resolution, ...] = ()
    # Where the task goes: the event's `location_id`, or "staff" for the member's home location (projection).
    location: str = "location_id"
    focus: tuple[str, str, str] | None = None  # (service, kind, the event field holding its id)
    due_field: str | None = None  # an event field that is the due time (a deadline the event states)
    owner_field: str | None = None  # a field naming the owner (e.g. the member's manager, from the projection)
    description: str = ""

    @property
    def event_type(self) -> str:
        return self.event.event_type


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def render(template: str, facts: dict) -> str:
    """The template with the event's facts; a missing fact is a rule defect, so it raises KeyError."""
    return template.format(**{k: "" if v is None else v for k, v in facts.items()})
