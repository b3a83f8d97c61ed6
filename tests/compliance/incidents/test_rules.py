"""Compliance's pure rules: the OSHA 300A summation, standings, deadlines, access patterns."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.compliance.domain import (CaseFigures, Classification, InjuryType, Standing, breach_status,
                                        busiest_window, credential_standing, notification_deadline,
                                        outside_locations, review_overdue, summary_300a, training_standing, worst)

from tests.support.dates import today_utc

TODAY = today_utc()


def days(n: int) -> date:
    """A date n days from TODAY (negative: before); the rules take "today" as an argument."""
    return TODAY + timedelta(days=n)


def test_300a_totals_each_column():
    cases = [
        CaseFigures(Classification.DAYS_AWAY, 5, 2, InjuryType.INJURY),
        CaseFigures(Classification.DAYS_AWAY, 200, 0, InjuryType.INJURY),  # capped at 180
        CaseFigures(Classification.JOB_TRANSFER_OR_RESTRICTION, 0, 10, InjuryType.SKIN_DISORDER),
        CaseFigures(Classification.OTHER_RECORDABLE, 0, 0, InjuryType.RESPIRATORY),
        CaseFigures(Classification.DEATH, 0, 0, InjuryType.ALL_OTHER_ILLNESSES),
    ]
    summary = summary_300a(cases)
    assert summary["total_cases"] == 5
    assert summary["cases_by_classification"] == {
        "death": 1, "days_away": 2, "job_transfer_or_restriction": 1, "other_recordable": 1}
    assert summary["total_days_away"] == 185 and summary["total_days_restricted"] == 12
    assert summary["cases_by_injury_type"] == {"injury": 2, "skin_disorder": 1, "respiratory": 1, "poisoning": 0,
                                               "hearing_loss": 0, "all_other_illnesses": 1}


def test_an_empty_year_sums_to_zero():
    summary = summary_300a([])
    assert summary["total_cases"] == 0 and set(summary["cases_by_classification"].values()) == {0}


@pytest.mark.parametrize("status, expires_on, expected", [
    ("active", days(400), Standing.CURRENT),
    ("active", days(91), Standing.CURRENT),
    ("active", days(90), Standing.EXPIRING),
    ("active", days(0), Standing.EXPIRING),  # valid through its expiry date
    ("expiring", days(186), Standing.EXPIRING),
    ("active", days(-1), Standing.OVERDUE),
    ("expired", None, Standing.OVERDUE),
    ("suspended", days(1130), Standing.OVERDUE),
    ("active", None, Standing.CURRENT),
])
def test_credential_standing(status, expires_on, expected):
    assert credential_standing(status=status, expires_on=expires_on, today=TODAY, warn_days=90) == expected


def test_training_standing_and_the_worst_of_several():
    overdue = training_standing(valid_until=None, overdue_since=days(-26), completed_on=days(-695),
                                today=TODAY, warn_days=30)
    done_since = training_standing(valid_until=days(339), overdue_since=days(-26),
                                   completed_on=days(-7), today=TODAY, warn_days=30)
    assert (overdue, done_since) == (Standing.OVERDUE, Standing.CURRENT)
    assert worst([Standing.CURRENT, Standing.EXPIRING]) == Standing.EXPIRING
    assert worst([]) == Standing.CURRENT


def test_breach_notification_is_due_sixty_days_after_discovery():
    discovered = days(-87)
    deadline = notification_deadline(discovered)
    assert deadline == discovered + timedelta(days=60)
    assert breach_status(deadline=deadline, notified_on=None, closed=False, today=deadline) == "open"
    assert breach_status(deadline=deadline, notified_on=None, closed=False,
                         today=deadline + timedelta(days=1)) == "overdue"
    assert breach_status(deadline=deadline, notified_on=days(-56), closed=False, today=TODAY) == "notified"


@pytest.mark.parametrize("location, scope, outside", [
    ("loc-b", ["loc-a"], True), ("loc-a", ["loc-a"], False), ("loc-b", ["*"], False),
    (None, ["loc-a"], False), ("loc-b", [], False),  # an old event without a scope: unknown, not flagged
])
def test_access_outside_the_actor_locations(location, scope, outside):
    assert outside_locations(location, scope) is outside


def test_hour_buckets_are_utc_hours():
    from services.compliance.domain import hour_bucket
    moment = datetime.combine(TODAY, time(9, 59), UTC)
    assert hour_bucket(moment) == f"{TODAY.isoformat()}T09"
    assert hour_bucket(moment.astimezone(ZoneInfo("America/Los_Angeles"))) == f"{TODAY.isoformat()}T09"


def test_the_busiest_hour_around_a_record_counts_distinct_patients_in_any_order():
    t0, hour = datetime.combine(TODAY, time(10), UTC), timedelta(hours=1)
    reads = [(t0 + timedelta(minutes=m), p) for m, p in [(0, "a"), (10, "b"), (20, "b"), (50, "c"), (70, "d")]]
    # A record that arrived last but happened first still sees the burst after it.
    assert busiest_window(list(reversed(reads)), around=t0, window=hour) == 3
    assert busiest_window(reads, around=t0 + timedelta(minutes=50), window=hour) == 3
    assert busiest_window(reads, around=t0 + timedelta(minutes=70), window=hour) == 3  # b, c, d
    assert busiest_window(reads[:1], around=t0, window=hour) == 1


def test_every_denial_counts_in_the_window_when_keyed_by_event():
    t0 = datetime.combine(TODAY, time(10), UTC)
    denials = [(t0 + timedelta(minutes=m), f"e{m}") for m in (50, 0, 10, 20, 30)]  # out of order
    assert busiest_window(denials, around=t0, window=timedelta(hours=1)) == 5
    later = t0 + timedelta(minutes=65)
    assert busiest_window(denials + [(later, "e65")], around=later, window=timedelta(hours=1)) == 5  # 10..65


def test_a_review_is_overdue_only_after_its_due_date_with_undecided_items():
    assert review_overdue(due_on=days(-1), pending_items=1, today=TODAY)
    assert not review_overdue(due_on=TODAY, pending_items=1, today=TODAY)
    assert not review_overdue(due_on=days(-1), pending_items=0, today=TODAY)
