"""The daily check's pure rules: which expiry notice is due, and which earlier ones it makes moot."""

from datetime import date

import pytest

from services.staff.checks.domain import expiry_stage, stages_up_to
from tests.support.dates import days_ahead


@pytest.mark.parametrize(
    "days_left, stage",
    [(120, None), (91, None), (90, "90"), (61, "90"), (60, "60"), (31, "60"), (30, "30"), (0, "30"), (-1, "expired")],
)
def test_expiry_stage_is_the_most_urgent_threshold_reached(days_left, stage):
    expires_on = days_ahead(200)
    assert expiry_stage(expires_on, as_of=date.fromordinal(expires_on.toordinal() - days_left)) == stage


def test_stages_up_to_lists_the_less_urgent_ones_first():
    assert stages_up_to("30") == ["90", "60", "30"]
    assert stages_up_to("expired") == ["90", "60", "30", "expired"]
