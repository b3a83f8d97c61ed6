"""Staff's pure rules: NPI check digits, expiry stages, training due dates, coverage gaps."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from pydantic import ValidationError

from services.staff.domain import (add_months, coverage_gaps, expiry_stage, local_span, npi_is_valid, stages_up_to,
                                   subtract, training_due_on)
from services.staff.schemas import CredentialIn, HireIn
from tests.support.dates import at_local, days_ago, days_ahead, next_dst_day


@pytest.mark.parametrize("npi, valid", [("1234567893", True), ("1234567890", False), ("123456789", False),
                                        ("12345678a3", False), ("1245319599", True)])
def test_npi_check_digit_uses_the_80840_prefix(npi, valid):
    assert npi_is_valid(npi) is valid


@pytest.mark.parametrize("days_left, stage", [(120, None), (91, None), (90, "90"), (61, "90"), (60, "60"),
                                              (31, "60"), (30, "30"), (0, "30"), (-1, "expired")])
def test_expiry_stage_is_the_most_urgent_threshold_reached(days_left, stage):
    expires_on = days_ahead(200)
    assert expiry_stage(expires_on, as_of=date.fromordinal(expires_on.toordinal() - days_left)) == stage


def test_stages_up_to_lists_the_less_urgent_ones_first():
    assert stages_up_to("30") == ["90", "60", "30"]
    assert stages_up_to("expired") == ["90", "60", "30", "expired"]


def test_training_due_after_hire_then_every_interval():
    hired_on = days_ago(300)
    assert training_due_on(hired_on=hired_on, initial_due_days=30, interval_months=12,
                           last_completed_on=None) == hired_on + timedelta(days=30)
    # Calendar arithmetic needs a known leap day: a far, fixed one (the rule never reads the clock).
    assert training_due_on(hired_on=hired_on, initial_due_days=30, interval_months=12,
                           last_completed_on=date(2032, 2, 29)) == date(2033, 2, 28)
    assert training_due_on(hired_on=hired_on, initial_due_days=30, interval_months=None,
                           last_completed_on=hired_on + timedelta(days=2)) is None
    assert add_months(date(2031, 1, 31), 1) == date(2031, 2, 28)


@pytest.mark.parametrize("spring, hours", [(False, 11), (True, 9)])
def test_local_span_crosses_midnight_and_dst(spring, hours):
    tz = "America/Los_Angeles"
    eve = next_dst_day(tz, spring=spring) - timedelta(days=1)  # the night the clocks change
    start, end = local_span(eve, time(20), time(6), tz)
    assert start.astimezone(UTC) == at_local(eve, 20, tz=tz).astimezone(UTC)
    assert end.date() == eve + timedelta(days=1) and (end.hour, end.minute) == (6, 0)
    assert end.astimezone(UTC) - start.astimezone(UTC) == timedelta(hours=hours)  # not 10
    assert start.utcoffset() != end.utcoffset()


DAY = days_ahead(7)


def _at(hour: int) -> datetime:
    return datetime.combine(DAY, time(hour), UTC)


def test_coverage_gaps_merge_and_count_who_is_there():
    window = (_at(8), _at(17))
    gaps = coverage_gaps(role="medical_assistant", required=2, window=window,
                         on_duty=[(_at(8), _at(17)), (_at(8), _at(12)), (_at(13), _at(20))])
    assert [(g.scheduled, g.start.hour, g.end.hour) for g in gaps] == [(1, 12, 13)]
    gaps = coverage_gaps(role="medical_assistant", required=2, window=window, on_duty=[(_at(9), _at(12))])
    assert [(g.scheduled, g.start.hour, g.end.hour) for g in gaps] == [(0, 8, 9), (1, 9, 12), (0, 12, 17)]


def test_time_off_is_cut_out_of_a_shift():
    assert subtract((_at(8), _at(17)), [(_at(10), _at(12))]) == [(_at(8), _at(10)), (_at(12), _at(17))]
    assert subtract((_at(8), _at(17)), [(_at(0), _at(23))]) == []


def _field_errors(model, **data) -> set[str]:
    with pytest.raises(ValidationError) as caught:
        model.model_validate(data)
    return {".".join(map(str, e["loc"])) for e in caught.value.errors()}


def test_cross_field_rules_name_the_field_to_fix():
    member = dict(given_name="A", family_name="B", home_location_id="loc-a", hired_on=str(days_ago(2000)))
    assert _field_errors(HireIn, role="physician", **member) == {"npi"}  # providers need an NPI
    assert HireIn.model_validate(dict(role="receptionist", **member)).npi is None
    issued_on = days_ago(700)
    licence = dict(kind="state_license", number="A1", issuer="Board", issued_on=str(issued_on))
    assert _field_errors(CredentialIn, **licence) == {"state"}
    before_issue = str(issued_on - timedelta(days=1))
    assert _field_errors(CredentialIn, **licence, state="CA", expires_on=before_issue) == {"expires_on"}
    assert _field_errors(CredentialIn, **licence | {"kind": "npi", "number": "1234567890"}) == {"number"}
