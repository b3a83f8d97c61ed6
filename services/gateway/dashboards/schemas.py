"""The location dashboard's response: the gateway's own models, not the services' (they may change apart)."""

from decimal import Decimal

from pydantic import BaseModel, ConfigDict

from shared.fields import Day, Timestamp


class Upstream(BaseModel):
    """A row as a service sends it; fields the dashboard does not show are ignored."""

    model_config = ConfigDict(extra="ignore")


class Section(BaseModel):
    """`available` false (with the reason) when the service owning it is down, refused or lacks the data."""

    available: bool = True
    reason: str | None = None


class AppointmentsSection(Section):
    total: int = 0
    by_status: dict[str, int] = {}


class OnShift(Upstream):
    staff_id: str
    name: str | None = None
    role: str | None = None
    start: Timestamp
    end: Timestamp


class CoverageGap(Upstream):
    role: str
    required: int
    scheduled: int
    start: Timestamp
    end: Timestamp


class CoverageSection(Section):
    on_shift: list[OnShift] = []
    gaps: list[CoverageGap] = []


class Room(Upstream):
    room_id: str
    name: str | None = None
    kind: str | None = None
    status: str
    out_of_service_reason: str | None = None
    expected_return: Timestamp | Day | None = None


class RoomsSection(Section):
    out_of_service: list[Room] = []


class WorkOrder(Upstream):
    work_order_id: str
    title: str
    priority: str | None = None
    status: str
    equipment_id: str | None = None
    room_id: str | None = None
    reported_at: Timestamp | None = None


class WorkOrdersSection(Section):
    open: list[WorkOrder] = []


class SupplyItem(Upstream):
    item_id: str
    name: str
    unit: str | None = None
    on_hand: Decimal
    reorder_point: Decimal


class StockSection(Section):
    low: list[SupplyItem] = []


class Claim(Upstream):
    claim_id: str
    status: str
    patient_id: str | None = None
    total: Decimal | None = None
    reason: str | None = None


class ClaimsSection(Section):
    needs_attention: list[Claim] = []


class Alert(Upstream):
    alert_id: str
    kind: str
    severity: str
    subject: str | None = None
    raised_at: Timestamp
    status: str


class AlertsSection(Section):
    open: list[Alert] = []


class LocationDashboard(BaseModel):
    location_id: str
    day: Day
    partial: bool
    appointments: AppointmentsSection
    coverage: CoverageSection
    rooms: RoomsSection
    work_orders: WorkOrdersSection
    low_stock: StockSection
    claims: ClaimsSection
    compliance_alerts: AlertsSection
