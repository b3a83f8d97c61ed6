"""Pure incident rules: the breach notification deadline and the OSHA 300A summary."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

BREACH_NOTIFICATION_DAYS = 60  # 45 CFR 164.404(b): without unreasonable delay, at most 60 days


def notification_deadline(discovered_on: date) -> date:
    return discovered_on + timedelta(days=BREACH_NOTIFICATION_DAYS)


def breach_status(*, deadline: date, notified_on: date | None, closed: bool, today: date) -> str:
    if notified_on is not None or closed:
        return "notified" if notified_on else "closed"
    return "overdue" if today > deadline else "open"


# OSHA Form 300 columns.
class Classification(StrEnum):
    DEATH = "death"  # column G
    DAYS_AWAY = "days_away"  # column H
    JOB_TRANSFER_OR_RESTRICTION = "job_transfer_or_restriction"  # column I
    OTHER_RECORDABLE = "other_recordable"  # column J


class InjuryType(StrEnum):
    INJURY = "injury"  # column M(1)
    SKIN_DISORDER = "skin_disorder"  # M(2)
    RESPIRATORY = "respiratory"  # M(3)
    POISONING = "poisoning"  # M(4)
    HEARING_LOSS = "hearing_loss"  # M(5)
    ALL_OTHER_ILLNESSES = "all_other_illnesses"  # M(6)


@dataclass(frozen=True)
class CaseFigures:
    classification: Classification
    days_away: int
    days_restricted: int
    injury_type: InjuryType


def summary_300a(cases: Iterable[CaseFigures]) -> dict:
    """The OSHA 300A yearly totals: cases per classification, days, and cases per injury type."""
    cases = list(cases)
    return {
        "total_cases": len(cases),
        "cases_by_classification": {c.value: sum(1 for x in cases if x.classification == c) for c in Classification},
        # OSHA caps the days of one case at 180 (29 CFR 1904.7(b)(3)(vii)).
        "total_days_away": sum(min(x.days_away, 180) for x in cases),
        "total_days_restricted": sum(min(x.days_restricted, 180) for x in cases),
        "cases_by_injury_type": {t.value: sum(1 for x in cases if x.injury_type == t) for t in InjuryType},
    }
