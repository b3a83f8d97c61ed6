"""Events the inbox service publishes: every change of a task, for the console and integrations.

Identifiers and codes only: a task's title and notes stay in the inbox (they may name a patient).
"""

from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from shared.contracts import EventPayload


class TaskPriority(StrEnum):
    """FHIR R4 Task.priority, least pressing first."""

    ROUTINE = "routine"
    URGENT = "urgent"
    ASAP = "asap"
    STAT = "stat"


class TaskFocus(BaseModel):
    """What the task is about (FHIR `focus`): a record of some service, by service, kind and id."""

    model_config = ConfigDict(frozen=True, extra="ignore")

    service: str
    kind: str
    id: str


class TaskCreated(EventPayload):
    """A task was opened for a role's pool at a location; `cause` is the key that keeps it one per cause."""

    event_type = "inbox.task.created"

    task_id: str
    cause: str
    category: str
    priority: str
    location_id: str
    role: str
    owner: str | None = None
    focus: TaskFocus | None = None
    patient_id: str | None = None
    due_at: datetime | None = None


class TaskAssigned(EventPayload):
    """The task has an owner now: claimed by them (`assigned_by` is the owner) or given by a manager."""

    event_type = "inbox.task.assigned"

    task_id: str
    location_id: str
    role: str
    owner: str
    assigned_by: str
    previous_owner: str | None = None


class TaskCompleted(EventPayload):
    """Done: by a person, or by the event that resolved its cause (`resolved_by_event`)."""

    event_type = "inbox.task.completed"

    task_id: str
    cause: str
    location_id: str
    role: str
    completed_by: str
    resolved_by_event: str | None = None


class TaskEscalated(EventPayload):
    """Overdue: its priority was raised one step and the office manager's queue shows it (once per task)."""

    event_type = "inbox.task.escalated"

    task_id: str
    location_id: str
    role: str
    previous_priority: str
    priority: str
    due_at: datetime


class TaskCancelled(EventPayload):
    event_type = "inbox.task.cancelled"

    task_id: str
    cause: str
    location_id: str
    role: str
    cancelled_by: str
    reason: str = ""


# --- supplier invoices (services/inbox/invoices) ------------------------------------------------


class SupplierInvoiceApproved(EventPayload):
    """A supplier invoice matched its purchase order and receipts three ways: approved for payment.

    Billing books it once (its invoice id is the key), as an expense of the location in `category`: only what the
    receipts did not already book, `total - accrued`. A receipt books the goods at the order's price (an accrual);
    `accrued` is that value of the lines this invoice bills, so tax, charges and a price difference are what is left.
    """

    event_type = "inbox.invoice.approved"

    invoice_id: str
    location_id: str
    vendor: str
    invoice_number: str
    issued_on: date
    purchase_order_id: str
    category: str
    total: Decimal
    currency: str = "USD"
    accrued: Decimal = Decimal("0.00")  # additive: an older producer's invoice books its whole total


# --- email intake (issue 15, inbox-mail): what the office's email asks other services for ---


class AppointmentRequested(EventPayload):
    """An email asked for an appointment: scheduling keeps it as a proposed request (FHIR `proposed`).

    Identifiers only: the mail's words stay in the inbox. `message_id` is the idempotency key.
    """

    event_type = "inbox.appointment.requested"

    message_id: str
    location_id: str
    patient_id: str | None = None  # the sender, when the inbox matched them to a patient
    provider_id: str | None = None
    appointment_type_id: str | None = None
    preferred_days: list[str] = Field(default_factory=list, max_length=7)  # "mon" .. "sun"
    note: str = Field("", max_length=500)  # what the desk should know ("mornings only"), no clinical text
    received_at: datetime
