"""Dates and times a client sends: ISO 8601 text only, within a range a practice can mean.

pydantic's lax mode reads a number as seconds since 1970 (`as_of=0` was the first of January
1970) and takes any year from 1 to 9999, whose arithmetic then overflows. Every date and
datetime of every route is one of these types instead.
"""

import re
from datetime import date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")
RANGE = f"ISO 8601, from {EARLIEST.isoformat()} to {LATEST.isoformat()}"


def _iso_text(value):
    if (
        isinstance(value, bool)
        or isinstance(value, int | float)
        or (isinstance(value, str) and _NUMBER.fullmatch(value))
    ):
        raise ValueError("must be ISO 8601 text (e.g. 2030-01-31 or 2030-01-31T09:00:00Z), not a number")
    return value


def _in_range(value: date | datetime) -> date | datetime:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


# The pattern puts the range into the OpenAPI too, so clients and fuzzers know it (JSON Schema has no date bounds).
_YEARS = r"^(19|20|21)[0-9]{2}-"
_DOCUMENTED = Field(description=RANGE, json_schema_extra={"pattern": _YEARS})
Day = Annotated[date, BeforeValidator(_iso_text), AfterValidator(_in_range), _DOCUMENTED]
Timestamp = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_in_range), _DOCUMENTED]
Instant = Annotated[AwareDatetime, BeforeValidator(_iso_text), AfterValidator(_in_range), _DOCUMENTED]
