"""HTTP models of a merge."""

from pydantic import BaseModel, ConfigDict, Field

from services.scheduling.patients.schemas import PatientOut


class MergeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    duplicate_id: str = Field(min_length=1, max_length=36)


class MergeOut(BaseModel):
    survivor: PatientOut
    duplicate_id: str
    appointments_moved: int
