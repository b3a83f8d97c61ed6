"""Pure access-review rules."""

from datetime import date


def review_overdue(*, due_on: date, pending_items: int, today: date) -> bool:
    """A campaign is overdue once its due date has passed with any item still undecided."""
    return pending_items > 0 and today > due_on
