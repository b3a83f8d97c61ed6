"""Dates and times a client sends: ISO 8601 text only, within a range a practice can mean.

pydantic's lax mode reads a number as seconds since 1970 (`as_of=0` was the first of January
1970) and takes any year from 1 to 9999, whose arithmetic then overflows. Every date and
datetime of every route is one of these types instead.
"""

import re
from datetime import date, datetime, time
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, BeforeValidator, Field, WithJsonSchema

EARLIEST, LATEST = date(1900, 1, 1), date(2199, 12, 31)
_NUMBER = re.compile(r"\s*[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?\s*")
RANGE = f"ISO 8601, from {EARLIEST.isoformat()} to {LATEST.isoformat()}"


def _iso_text(pattern: re.Pattern[str], example: str):
    def check(value):
        if (
            isinstance(value, bool)
            or isinstance(value, int | float)
            or (isinstance(value, str) and _NUMBER.fullmatch(value))
        ):
            raise ValueError(f"must be ISO 8601 text (e.g. {example}), not a number")
        if isinstance(value, str) and not pattern.fullmatch(value):
            raise ValueError(f"must be ISO 8601 text like {example}, between {EARLIEST} and {LATEST}")
        return value

    return BeforeValidator(check)


def _in_range(value: date | datetime) -> date | datetime:
    day = value.date() if isinstance(value, datetime) else value
    if not EARLIEST <= day <= LATEST:
        raise ValueError(f"must be between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


# The patterns put the range into the OpenAPI too, so clients and fuzzers know it (JSON Schema has no date
# bounds), and the server reads exactly what they say: no week dates, no space for the T, no minutes alone.
_DATE = r"(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])"
_TIME = r"T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\.[0-9]{1,6})?"
_OFFSET = r"(Z|[+-]([01][0-9]|2[0-3]):[0-5][0-9])"
DAY_PATTERN = f"^{_DATE}$"
TIMESTAMP_PATTERN = f"^{_DATE}{_TIME}{_OFFSET}?$"
INSTANT_PATTERN = f"^{_DATE}{_TIME}{_OFFSET}$"


def _documented(pattern: str):
    return Field(description=RANGE, json_schema_extra={"pattern": pattern})


Day = Annotated[
    date, _iso_text(re.compile(DAY_PATTERN), "2030-01-31"), AfterValidator(_in_range), _documented(DAY_PATTERN)
]
Timestamp = Annotated[
    datetime,
    _iso_text(re.compile(TIMESTAMP_PATTERN), "2030-01-31T09:00:00Z"),
    AfterValidator(_in_range),
    _documented(TIMESTAMP_PATTERN),
]
Instant = Annotated[
    AwareDatetime,
    _iso_text(re.compile(INSTANT_PATTERN), "2030-01-31T09:00:00-08:00"),
    AfterValidator(_in_range),
    _documented(INSTANT_PATTERN),
]


_WALL_CLOCK = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?$"


def _wall_clock_text(value):
    # pydantic would read a number as seconds past midnight, in UTC: an aware time that cannot be compared
    # with the naive ones. Only the text the schema names is a wall-clock time.
    if isinstance(value, time) or (isinstance(value, str) and re.fullmatch(_WALL_CLOCK, value)):
        return value
    raise ValueError("must be a local wall-clock time as text, HH:MM or HH:MM:SS")


# A local wall-clock time has no offset, so it is not JSON Schema's `format: time` (RFC 3339 wants one).
WallClock = Annotated[
    time,
    BeforeValidator(_wall_clock_text),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": _WALL_CLOCK,
            "description": "local wall-clock time at the location, HH:MM or HH:MM:SS",
        }
    ),
]
