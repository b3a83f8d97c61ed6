"""Staff compliance's pure rules: the standing of a credential or a course, and the worst of several."""

from datetime import date, timedelta

import pytest

from services.compliance.staff_records.domain import Standing, credential_standing, training_standing, worst
from tests.support.dates import today_utc

TODAY = today_utc()


def days(n: int) -> date:
    """A date n days from TODAY (negative: before); the rules take "today" as an argument."""
    return TODAY + timedelta(days=n)


@pytest.mark.parametrize(
    "status, expires_on, expected",
    [
        ("active", days(400), Standing.CURRENT),
        ("active", days(91), Standing.CURRENT),
        ("active", days(90), Standing.EXPIRING),
        ("active", days(0), Standing.EXPIRING),  # valid through its expiry date
        ("expiring", days(186), Standing.EXPIRING),
        ("active", days(-1), Standing.OVERDUE),
        ("expired", None, Standing.OVERDUE),
        ("suspended", days(1130), Standing.OVERDUE),
        ("active", None, Standing.CURRENT),
    ],
)
def test_credential_standing(status, expires_on, expected):
    assert credential_standing(status=status, expires_on=expires_on, today=TODAY, warn_days=90) == expected


def test_training_standing_and_the_worst_of_several():
    overdue = training_standing(
        valid_until=None, overdue_since=days(-26), completed_on=days(-695), today=TODAY, warn_days=30
    )
    done_since = training_standing(
        valid_until=days(339), overdue_since=days(-26), completed_on=days(-7), today=TODAY, warn_days=30
    )
    assert (overdue, done_since) == (Standing.OVERDUE, Standing.CURRENT)
    assert worst([Standing.CURRENT, Standing.EXPIRING]) == Standing.EXPIRING
    assert worst([]) == Standing.CURRENT
