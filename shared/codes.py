"""Formats of the medical code sets the services exchange (CPT/HCPCS, ICD-10-CM)."""

import re
from typing import Annotated

from pydantic import AfterValidator

# CPT Category I is five digits; Category II ends in F, Category III in T;
# HCPCS Level II is a letter and four digits.
_PROCEDURE = re.compile(r"^(\d{4}[0-9FT]|[A-V]\d{4})$")
# ICD-10-CM: a letter (not U, reserved), a digit, then a digit or letter,
# optionally a dot and up to four more characters.
_DIAGNOSIS = re.compile(r"^[A-TV-Z]\d[0-9A-Z](\.[0-9A-Z]{1,4})?$")
_MODIFIER = re.compile(r"^[0-9A-Z]{2}$")


def _check(pattern: re.Pattern, what: str):
    def validate(value: str) -> str:
        value = value.strip().upper()
        if not pattern.match(value):
            raise ValueError(f"{value!r} is not a valid {what}")
        return value

    return validate


ProcedureCode = Annotated[str, AfterValidator(_check(_PROCEDURE, "CPT/HCPCS code"))]
DiagnosisCode = Annotated[str, AfterValidator(_check(_DIAGNOSIS, "ICD-10-CM code"))]
Modifier = Annotated[str, AfterValidator(_check(_MODIFIER, "CPT modifier"))]
