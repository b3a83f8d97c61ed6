"""HTTP request and response models of alerts."""

from pydantic import BaseModel, ConfigDict, Field

from shared.fields import Timestamp


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class AlertSummaryOut(Out):
    """The dashboard's shape: exactly what the gateway aggregates."""

    alert_id: str = Field(validation_alias="id")
    kind: str
    severity: str
    location_id: str | None
    subject: str
    raised_at: Timestamp
    status: str


class AlertOut(AlertSummaryOut):
    details: dict
    acknowledged_by: str | None
    resolved_at: Timestamp | None
    resolution: str | None


class ResolveIn(BaseModel):
    resolution: str = Field(min_length=1, max_length=400)
