"""HTTP models of availability: bookability, appointment types, open slots."""

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt

from shared.codes import ProcedureCode
from shared.contracts.facilities import RoomKind
from shared.contracts.staff import StaffRole
from shared.fields import Timestamp


class ProviderOut(BaseModel):
    """A clinician who can be booked at a location: a column of the schedule (staff directory data, not PHI)."""

    model_config = ConfigDict(from_attributes=True)

    staff_id: str
    name: str
    role: StaffRole


class BookabilityOut(BaseModel):
    bookable: bool
    reasons: list[str]


class AppointmentTypeIn(BaseModel):
    name: str = Field(min_length=1, max_length=100)
    duration_minutes: StrictInt = Field(gt=0, le=480)
    buffer_minutes: StrictInt = Field(0, ge=0, le=120)
    room_kind: RoomKind | None = None
    default_cpt_codes: list[ProcedureCode] = Field(default_factory=list, max_length=20)
    provider_roles: list[StaffRole] = Field(min_length=1)
    requires_dea: StrictBool = False  # 0 or "yes" is not a yes


class AppointmentTypeOut(AppointmentTypeIn):
    model_config = ConfigDict(from_attributes=True)
    id: str
    location_id: str


class SlotOut(BaseModel):
    start: Timestamp
    end: Timestamp
    provider_id: str
    room_ids: list[str]
