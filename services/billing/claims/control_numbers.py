"""Patient control numbers: the short claim number CLM01 carries and the 835's CLP01 returns.

Many payers keep only the first 20 characters of CLM01, so a claim's number is at most 20:
a prefix from its location (for people reading a remittance) and a practice-wide sequence
(which alone makes it unique; the database's unique index has the last word). A line's REF*6R
is its claim's number and its line number, at most 30 characters.
"""

import re

from sqlalchemy import select, update

from services.billing.claims.models import CLAIM_NUMBER_SEQUENCE, X12ControlNumber
from shared.db import insert_on_conflict
from shared.uow import UnitOfWork

MAX_CLAIM_NUMBER, MAX_LINE_NUMBER = 20, 30
PREFIX_LENGTH = 6
COUNTER_KIND = "claim"  # SQLite's counter row in x12_control_number (PostgreSQL uses a sequence)


def location_prefix(location_id: str) -> str:
    """The first letters and digits of the location id, upper case ("loc-north" -> "LOCNOR")."""
    return re.sub(r"[^A-Za-z0-9]", "", location_id).upper()[:PREFIX_LENGTH] or "C"


def claim_number(location_id: str, sequence: int) -> str:
    """PREFIX-000123: at most 20 characters, upper case so a payer's capitals change nothing."""
    number = f"{location_prefix(location_id)}-{sequence:06d}"
    if len(number) > MAX_CLAIM_NUMBER:
        raise ValueError(f"claim number {number} is longer than {MAX_CLAIM_NUMBER} characters")
    return number


def line_number(claim_control_number: str, line: int) -> str:
    """A service line's REF*6R: its claim's number and line number (837P allows 50 lines: <= 23 characters)."""
    return f"{claim_control_number}-{line}"


def normalized(clp01: str) -> str:
    """CLP01 as we store claim numbers: trimmed, upper case."""
    return clp01.strip().upper()


async def next_claim_number(uow: UnitOfWork, location_id: str) -> str:
    """A new claim's number, drawn inside the claim's own transaction.

    PostgreSQL: nextval, which never waits for another transaction (a counter row would stay locked
    until commit, and an 835 posting claims while opening secondaries could deadlock on it).
    SQLite: BEGIN IMMEDIATE already serializes writers, so a counter row incremented in place is safe.
    """
    session = uow.session
    if session.bind.dialect.name == "postgresql":
        return claim_number(location_id, await session.scalar(select(CLAIM_NUMBER_SEQUENCE.next_value())))
    return claim_number(location_id, await next_control_number(uow, COUNTER_KIND))


async def next_control_number(uow: UnitOfWork, kind: str) -> int:
    """The next number of a kind: one UPDATE ... RETURNING, so concurrent exports never share one."""
    session = uow.session
    await session.execute(
        insert_on_conflict(session, X12ControlNumber).values(kind=kind, last_value=0).on_conflict_do_nothing()
    )
    return (
        await session.execute(
            update(X12ControlNumber)
            .where(X12ControlNumber.kind == kind)
            .values(last_value=X12ControlNumber.last_value + 1)
            .returning(X12ControlNumber.last_value)
        )
    ).scalar_one()
