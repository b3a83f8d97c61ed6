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
    # The emergency justification the actor gave (granted or refused break-glass); free text.
    reason: str | None = None
    # The actor's token scope ("*" = group-wide): compliance flags access outside it.
    actor_locations: list[str] = []


def audit_event_type(service: str) -> str:
    return f"{service}.{AUDIT_AGGREGATE}.phi_accessed"


# Services that may emit audit events; compliance subscribes to each one's audit topic.
AUDITING_SERVICES = ("scheduling", "staff", "billing", "facilities", "compliance", "inbox")


def phi_accessed_of(service: str) -> type[PhiAccessed]:
    """PhiAccessed typed as one service's event, so a consumer can subscribe to its topic."""
    return _BY_SERVICE[service]


_BY_SERVICE = {
    service: type(
        f"{service.title()}PhiAccessed",
        (PhiAccessed,),
        {"event_type": audit_event_type(service), "__module__": __name__},
    )
    for service in AUDITING_SERVICES
}
