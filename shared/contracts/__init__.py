"""Event contracts: the only thing services know about each other.

One module per producing service holds its payloads (frozen pydantic models). Additive
changes keep `data_version`; a breaking change bumps it and the producer publishes both.
"""

from typing import ClassVar

from pydantic import BaseModel, ConfigDict

EVENT_TYPES: dict[str, type["EventPayload"]] = {}


class EventPayload(BaseModel):
    """Base of every event payload; subclasses declare their CloudEvents type."""

    # Consumers ignore fields they do not know, so producers can add fields freely.
    model_config = ConfigDict(frozen=True, extra="ignore")

    event_type: ClassVar[str]
    data_version: ClassVar[str] = "1"
    contains_phi: ClassVar[bool] = False

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if "event_type" in cls.__dict__:
            EVENT_TYPES[cls.event_type] = cls

    @classmethod
    def topic(cls) -> str:
        """`<service>.<aggregate>`: one topic per producing aggregate."""
        return cls.event_type.rsplit(".", 1)[0]


def topics_of(*payloads: type[EventPayload]) -> list[str]:
    return sorted({p.topic() for p in payloads})
