"""PHI-access audit events, emitted by every service that touches PHI.

Each service publishes to its own `<service>.audit` topic (type `<service>.audit.phi_accessed`);
compliance subscribes to all of them and keeps a hash chain.
"""

from datetime import datetime
from typing import Literal

from shared.contracts import EventPayload

AUDIT_AGGREGATE = "audit"


class PhiAccessed(EventPayload):
    """Who did what to which patient's record, when, from where, and the outcome."""

    actor: str
    actor_roles: list[str]
    action: Literal["read", "create", "update", "delete", "export"]
    resource: str
    resource_id: str | None
    patient_id: str | None
    location_id: str | None
    outcome: Literal["success", "denied", "error"]
    occurred_at: datetime
    source_ip: str | None = None
    break_glass: bool = False


def audit_event_type(service: str) -> str:
    return f"{service}.{AUDIT_AGGREGATE}.phi_accessed"
