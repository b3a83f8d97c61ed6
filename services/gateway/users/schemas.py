"""HTTP request and response models of user administration."""

from pydantic import BaseModel, ConfigDict, EmailStr, Field

from services.gateway.users.passwords import MIN_LENGTH
from shared.auth import Role
from shared.fields import Timestamp


class NewUser(BaseModel):
    email: EmailStr
    password: str = Field(min_length=MIN_LENGTH, max_length=1024)
    roles: list[Role] = Field(min_length=1)
    locations: list[str] = Field(min_length=1, description='location ids, or ["*"] for group-wide')
    staff_id: str | None = Field(
        None, min_length=1, max_length=64, description="the staff member this user is (at most one user each)"
    )


class UserOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    email: str
    roles: list[str]
    locations: list[str]
    staff_id: str | None
    active: bool
    locked_until: Timestamp | None
    created_at: Timestamp


class SecondFactorOut(BaseModel):
    """Shown once: add `uri` (or `secret`) to an authenticator app; keep the recovery codes offline."""

    uri: str
    secret: str
    recovery_codes: list[str]


class NewUserOut(UserOut):
    second_factor: SecondFactorOut | None = None
