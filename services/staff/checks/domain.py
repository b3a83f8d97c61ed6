"""The daily check's pure rules: which expiry notice is due, and which less urgent ones it makes moot."""

from datetime import date

EXPIRING_THRESHOLDS = (90, 60, 30)  # days before expiry, least urgent first
EXPIRED = "expired"


def expiry_stage(expires_on: date, *, as_of: date) -> str | None:
    """The most urgent notice due on `as_of`: "expired", "30", "60", "90", or None."""
    # A credential is valid through its expiry date, so it is expired from the next day on.
    if as_of > expires_on:
        return EXPIRED
    days_left = (expires_on - as_of).days
    reached = [t for t in EXPIRING_THRESHOLDS if days_left <= t]
    return str(min(reached)) if reached else None


def stages_up_to(stage: str) -> list[str]:
    """`stage` and every less urgent one: once a later stage is announced the earlier ones are moot."""
    order = [str(t) for t in EXPIRING_THRESHOLDS] + [EXPIRED]
    return order[: order.index(stage) + 1]
