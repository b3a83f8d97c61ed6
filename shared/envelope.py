"""CloudEvents 1.0 in Kafka binary mode: the value is the JSON payload, attributes ride in headers."""

import json
import uuid
from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from shared.clock import utcnow

SPEC_VERSION = "1.0"
CONTENT_TYPE = "application/json"
_ATTRIBUTES = {
    "id": "ce_id",
    "source": "ce_source",
    "type": "ce_type",
    "time": "ce_time",
    "subject": "ce_subject",
    "correlation_id": "ce_correlationid",
    "causation_id": "ce_causationid",
    "location_id": "ce_locationid",
    "data_version": "ce_dataversion",
}


class MalformedEvent(ValueError):
    """A Kafka record that is not a CloudEvent we can read."""


class Envelope(BaseModel):
    """One event as it travels: CloudEvents attributes plus the JSON data."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    type: str
    source: str
    subject: str
    time: datetime = Field(default_factory=utcnow)
    correlation_id: str | None = None
    causation_id: str | None = None
    location_id: str | None = None
    data_version: str = "1"
    data: dict[str, Any]

    @property
    def topic(self) -> str:
        """Logical topic: `<service>.<aggregate>` of the type `<service>.<aggregate>.<verb>`."""
        return self.type.rsplit(".", 1)[0]

    def kafka_headers(self) -> dict[str, str]:
        headers = {"ce_specversion": SPEC_VERSION, "content-type": CONTENT_TYPE}
        for attr, header in _ATTRIBUTES.items():
            value = getattr(self, attr)
            if value is not None:
                headers[header] = value.isoformat() if isinstance(value, datetime) else str(value)
        return headers

    def kafka_value(self) -> bytes:
        return json.dumps(self.data, separators=(",", ":"), default=str).encode()

    @classmethod
    def from_kafka(cls, headers: dict[str, Any], value: bytes | None) -> "Envelope":
        """Rebuild an envelope from a record's headers and value."""
        text = {k: v.decode() if isinstance(v, bytes) else v for k, v in headers.items()}
        if text.get("ce_specversion") != SPEC_VERSION:
            raise MalformedEvent("missing or unsupported ce_specversion header")
        try:
            attrs = {attr: text[h] for attr, h in _ATTRIBUTES.items() if h in text}
            return cls(**attrs, data=json.loads(value or b"null"))
        except (ValueError, TypeError) as exc:
            raise MalformedEvent(f"unreadable CloudEvent: {exc}") from exc
