"""HTTP models of triage rules and the dry run."""

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, StrictBool, StrictInt, model_validator

from services.inbox.triage.domain import PARTY_KINDS, PRIORITIES, ROLES, Category, MatchOn, check_pattern


def _id(max_length: int = 64):
    """An optional id of another service, no longer than the column that keeps it."""
    return Field(
        None, min_length=1, max_length=max_length, pattern=rf"^[A-Za-z0-9][A-Za-z0-9_.:@-]{{0,{max_length - 1}}}$"
    )


class RuleIn(BaseModel):
    """A rule: what it matches, and the parts of the routing it sets (the others are left to later rules)."""

    position: StrictInt = Field(ge=0, le=100_000)
    name: str = Field(min_length=1, max_length=100)
    match_on: MatchOn
    pattern: str = Field(min_length=1, max_length=500)
    location_id: str | None = _id()
    category: Category | None = None
    priority: str | None = Field(None, pattern="^(" + "|".join(PRIORITIES) + ")$")
    role: str | None = Field(None, pattern="^(" + "|".join(ROLES) + ")$")
    party_kind: str | None = Field(None, pattern="^(" + "|".join(PARTY_KINDS) + ")$")
    party_id: str | None = _id()
    provider_id: str | None = _id()
    appointment_type_id: str | None = _id(36)  # a scheduling uuid
    enabled: StrictBool = True

    @model_validator(mode="after")
    def _usable(self) -> "RuleIn":
        if reason := check_pattern(self.match_on, self.pattern):
            raise ValueError(f"pattern {reason}")
        if (self.party_kind is None) != (self.party_id is None):
            raise ValueError("party_kind and party_id go together")
        return self


class RuleOut(RuleIn):
    model_config = ConfigDict(from_attributes=True)

    id: str
    updated_by: str
    updated_at: datetime


class DryRunIn(BaseModel):
    """A message as triage reads it: the addresses it came to and from, its subject and text."""

    recipients: list[str] = Field(min_length=1, max_length=50)
    sender: str = Field(min_length=3, max_length=254)
    subject: str = Field("", max_length=998)
    body: str = Field("", max_length=200_000)


class RuleHit(BaseModel):
    rule_id: str
    name: str
    set: list[str]


class DryRunOut(BaseModel):
    category: Category
    priority: str
    role: str
    location_id: str | None
    party_kind: str | None
    party_id: str | None
    provider_id: str | None
    appointment_type_id: str | None
    hits: list[RuleHit]
