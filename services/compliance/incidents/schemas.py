"""HTTP request and response models of privacy incidents and OSHA records."""

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from services.compliance.incidents.domain import Classification, InjuryType
from shared.fields import Day


class Out(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class PrivacyIncidentIn(BaseModel):
    location_id: str = Field(min_length=1, max_length=64)
    discovered_on: Day
    description: str = Field(min_length=1, max_length=4000)
    individuals_affected: StrictInt = Field(0, ge=0, le=1_000_000_000)  # fits the INTEGER column


class NotificationIn(BaseModel):
    notified_on: Day


class PrivacyIncidentOut(Out):
    id: str
    location_id: str
    discovered_on: Day
    notification_deadline: Day
    description: str
    individuals_affected: int
    notified_on: Day | None
    status: str = "open"  # computed from the deadline and today


class Details301(BaseModel):
    """OSHA 301 fields beyond the 300 log row."""

    time_began_work: str | None = Field(None, max_length=20)
    time_of_event: str | None = Field(None, max_length=20)
    activity_before: str = Field(min_length=1, max_length=1000)
    what_happened: str = Field(min_length=1, max_length=1000)
    injury_and_body_part: str = Field(min_length=1, max_length=1000)
    object_or_substance: str | None = Field(None, max_length=500)
    treating_professional: str | None = Field(None, max_length=200)
    treated_in_emergency_room: StrictBool = False
    hospitalized_overnight: StrictBool = False


class SharpsDetails(BaseModel):
    device_type: str = Field(min_length=1, max_length=200)
    brand: str | None = Field(None, max_length=200)
    procedure: str = Field(min_length=1, max_length=200)
    body_part: str = Field(min_length=1, max_length=100)
    work_area: str | None = Field(None, max_length=200)


class OshaCaseIn(BaseModel):
    location_id: str = Field(min_length=1, max_length=64)
    staff_id: str | None = Field(None, max_length=64)
    employee_name: str = Field(min_length=1, max_length=200)
    privacy_case: StrictBool = False
    job_title: str = Field(min_length=1, max_length=100)
    occurred_on: Day
    where: str = Field(min_length=1, max_length=200)
    description: str = Field(min_length=1, max_length=2000)
    classification: Classification
    # OSHA caps the count of days away or restricted at 180 (29 CFR 1904.7(b)(3)(vii)).
    days_away: StrictInt = Field(0, ge=0, le=180)
    days_restricted: StrictInt = Field(0, ge=0, le=180)
    injury_type: InjuryType
    details_301: Details301
    sharps: SharpsDetails | None = None

    @model_validator(mode="after")
    def _days_fit_classification(self):
        if self.classification == Classification.DAYS_AWAY and self.days_away == 0:
            raise ValueError("a days-away case needs days_away > 0")
        if self.classification == Classification.JOB_TRANSFER_OR_RESTRICTION and self.days_restricted == 0:
            raise ValueError("a job transfer or restriction case needs days_restricted > 0")
        return self


class OshaCaseOut(Out):
    id: str
    location_id: str
    year: int
    case_number: int
    employee_name: str
    job_title: str
    occurred_on: Day
    where: str
    description: str
    classification: str
    days_away: int
    days_restricted: int
    injury_type: str


class Osha301Out(OshaCaseOut):
    staff_id: str | None
    privacy_case: bool
    details_301: dict
    sharps: dict | None


class SharpsLogOut(Out):
    case_number: int
    occurred_on: Day
    where: str
    sharps: dict
