"""Access reviews' pure rules."""

from datetime import timedelta

from services.compliance.access_reviews.domain import review_overdue
from tests.support.dates import today_utc

TODAY = today_utc()


def test_a_review_is_overdue_only_after_its_due_date_with_undecided_items():
    assert review_overdue(due_on=TODAY - timedelta(days=1), pending_items=1, today=TODAY)
    assert not review_overdue(due_on=TODAY, pending_items=1, today=TODAY)
    assert not review_overdue(due_on=TODAY - timedelta(days=1), pending_items=0, today=TODAY)
