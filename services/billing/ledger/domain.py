"""Pure rules of the patient ledger: how money is paid, the local days of a statement, reconciling it. No I/O."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from decimal import Decimal
from enum import StrEnum


class PaymentMethod(StrEnum):
    CARD = "card"
    CASH = "cash"
    CHECK = "check"


class PaymentKind(StrEnum):
    COPAY = "copay"
    PAYMENT = "payment"


def local_days(start: date, end: date, zone: tzinfo) -> tuple[datetime, datetime]:
    """The local days start..end as a UTC window [first midnight, the midnight after the last day)."""
    return (
        datetime.combine(start, time(0), tzinfo=zone).astimezone(UTC),
        datetime.combine(end + timedelta(days=1), time(0), tzinfo=zone).astimezone(UTC),
    )


@dataclass(frozen=True)
class StatementLine:
    seq: int
    amount: Decimal
    balance_after: Decimal


def reconcile(opening: Decimal, lines: list[StatementLine]) -> Decimal:
    """The closing balance; raises if any running balance disagrees with the sum of the moves."""
    running = opening
    for line in lines:
        running += line.amount
        if running != line.balance_after:
            raise ValueError(f"ledger line {line.seq} does not reconcile: {running} != {line.balance_after}")
    return running
