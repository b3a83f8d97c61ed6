"""Pure staff-compliance rules: the standing of a credential or a course, and the worst of several."""

from collections.abc import Iterable
from datetime import date, timedelta
from enum import StrEnum


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


def training_standing(
    *, valid_until: date | None, overdue_since: date | None, completed_on: date | None, today: date, warn_days: int
) -> Standing:
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
