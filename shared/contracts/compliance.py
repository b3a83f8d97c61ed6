"""Events the compliance service publishes; the gateway and integrations consume them.

Identifiers and codes only: no PHI, no staff personal data.
"""

from datetime import date, datetime

from pydantic import Field

from shared.contracts import EventPayload


class AlertRaised(EventPayload):
    """Something a compliance officer must look at (expired licence, break-glass use...)."""

    event_type = "compliance.alert.raised"

    alert_id: str
    kind: str
    severity: str
    location_id: str | None = None
    subject: str
    raised_at: datetime
    details: dict = Field(default_factory=dict)


class AlertResolved(EventPayload):
    event_type = "compliance.alert.resolved"

    alert_id: str
    kind: str
    location_id: str | None = None
    subject: str
    resolved_at: datetime
    resolution: str


class AuditChainAnchored(EventPayload):
    """The head of the PHI access trail at a moment: kept outside compliance's own database,
    it proves later that the trail was not rewritten wholesale."""

    event_type = "compliance.audit_chain.anchored"

    anchor_id: str
    sequence: int
    head_hash: str
    anchored_at: datetime


class AccessRevoked(EventPayload):
    """An access review took roles or locations away from a staff member; the gateway applies it."""

    event_type = "compliance.access_review.revoked"

    campaign_id: str
    item_id: str
    staff_id: str
    manager_id: str | None = None
    revoked_roles: list[str] = Field(default_factory=list)
    revoked_location_ids: list[str] = Field(default_factory=list)
    reason: str
    decided_at: datetime


class PrivacyIncidentReported(EventPayload):
    """A possible breach of PHI was logged; affected people must be notified by `notify_by` (60 days)."""

    event_type = "compliance.privacy_incident.reported"

    incident_id: str
    location_id: str
    discovered_on: date
    notification_deadline: date  # the last day, at the location
    notify_by: datetime  # the end of that day at the location, in UTC
    individuals_affected: int


class PrivacyIncidentNotified(EventPayload):
    """The affected individuals of a privacy incident were notified."""

    event_type = "compliance.privacy_incident.notified"

    incident_id: str
    location_id: str
    notified_on: date
