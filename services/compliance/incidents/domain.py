"""Pure compliance rules: standings, deadlines, access-pattern rules and the OSHA 300A summary."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from enum import StrEnum

BREACH_NOTIFICATION_DAYS = 60  # 45 CFR 164.404(b): without unreasonable delay, at most 60 days


class AlertKind(StrEnum):
    CREDENTIAL_EXPIRED = "credential_expired"
    CREDENTIAL_SUSPENDED = "credential_suspended"
    TRAINING_OVERDUE = "training_overdue"
    BREAK_GLASS = "break_glass"
    ACCESS_OUTSIDE_LOCATIONS = "access_outside_locations"
    UNUSUAL_ACCESS_VOLUME = "unusual_access_volume"
    BREACH_NOTIFICATION_OVERDUE = "breach_notification_overdue"
    REPEATED_DENIALS = "repeated_denials"
    ACCESS_REVIEW_OVERDUE = "access_review_overdue"


SEVERITY = {
    AlertKind.CREDENTIAL_EXPIRED: "high",
    AlertKind.CREDENTIAL_SUSPENDED: "high",
    AlertKind.TRAINING_OVERDUE: "medium",
    AlertKind.BREAK_GLASS: "high",
    AlertKind.ACCESS_OUTSIDE_LOCATIONS: "high",
    AlertKind.UNUSUAL_ACCESS_VOLUME: "medium",
    AlertKind.BREACH_NOTIFICATION_OVERDUE: "critical",
    AlertKind.REPEATED_DENIALS: "high",  # someone probing records they may not open
    AlertKind.ACCESS_REVIEW_OVERDUE: "medium",
}


class Standing(StrEnum):
    CURRENT = "current"
    EXPIRING = "expiring"
    OVERDUE = "overdue"


_RANK = {Standing.CURRENT: 0, Standing.EXPIRING: 1, Standing.OVERDUE: 2}


def credential_standing(*, status: str, expires_on: date | None, today: date, warn_days: int) -> Standing:
    """Expired or suspended is overdue; expiring within `warn_days` (or announced so) is expiring."""
    if status in ("expired", "suspended") or (expires_on is not None and expires_on < today):
        return Standing.OVERDUE
    if status == "expiring" or (expires_on is not None and expires_on <= today + timedelta(days=warn_days)):
        return Standing.EXPIRING
    return Standing.CURRENT


def training_standing(*, valid_until: date | None, overdue_since: date | None, completed_on: date | None,
                      today: date, warn_days: int) -> Standing:
    """Overdue when the staff service said so after the last completion, or the completion lapsed."""
    if overdue_since is not None and (completed_on is None or completed_on < overdue_since):
        return Standing.OVERDUE
    if valid_until is not None and valid_until < today:
        return Standing.OVERDUE
    if valid_until is not None and valid_until <= today + timedelta(days=warn_days):
        return Standing.EXPIRING
    return Standing.CURRENT


def worst(standings: Iterable[Standing]) -> Standing:
    return max(standings, key=_RANK.__getitem__, default=Standing.CURRENT)


def notification_deadline(discovered_on: date) -> date:
    return discovered_on + timedelta(days=BREACH_NOTIFICATION_DAYS)


def breach_status(*, deadline: date, notified_on: date | None, closed: bool, today: date) -> str:
    if notified_on is not None or closed:
        return "notified" if notified_on else "closed"
    return "overdue" if today > deadline else "open"


def outside_locations(location_id: str | None, actor_locations: list[str]) -> bool:
    """True when the record's location is outside a known, non-group-wide token scope."""
    if not location_id or not actor_locations or "*" in actor_locations:
        return False
    return location_id not in actor_locations


def busiest_window(accesses: list[tuple[datetime, str]], *, around: datetime, window: timedelta) -> int:
    """Most distinct keys (patients; event ids to count every access) in any window of this length
    that contains `around`.

    Events of one user arrive on several partitions, so out of order: a window merely
    ending at the newest record would miss a burst whose records came in reverse.
    """
    accesses = sorted(accesses)
    seen: dict[str, int] = {}
    best, end = 0, 0
    for start, (opened, _) in enumerate(accesses):
        if opened > around:
            break
        while end < len(accesses) and accesses[end][0] < opened + window:
            seen[accesses[end][1]] = seen.get(accesses[end][1], 0) + 1
            end += 1
        if around < opened + window:
            best = max(best, len(seen))
        patient = accesses[start][1]
        seen[patient] -= 1
        if not seen[patient]:
            del seen[patient]
    return best


def review_overdue(*, due_on: date, pending_items: int, today: date) -> bool:
    """A campaign is overdue once its due date has passed with any item still undecided."""
    return pending_items > 0 and today > due_on


def hour_bucket(moment: datetime) -> str:
    """The UTC hour of an instant: the same bucket whatever offset the event's time was written in."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H")


# OSHA Form 300 columns.
class Classification(StrEnum):
    DEATH = "death"                          # column G
    DAYS_AWAY = "days_away"                  # column H
    JOB_TRANSFER_OR_RESTRICTION = "job_transfer_or_restriction"  # column I
    OTHER_RECORDABLE = "other_recordable"    # column J


class InjuryType(StrEnum):
    INJURY = "injury"                        # column M(1)
    SKIN_DISORDER = "skin_disorder"          # M(2)
    RESPIRATORY = "respiratory"              # M(3)
    POISONING = "poisoning"                  # M(4)
    HEARING_LOSS = "hearing_loss"            # M(5)
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
