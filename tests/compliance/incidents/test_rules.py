"""Incidents' pure rules: the OSHA 300A summation, the breach notification deadline."""

from datetime import timedelta

from services.compliance.incidents.domain import (
    CaseFigures,
    Classification,
    InjuryType,
    breach_status,
    notification_deadline,
    summary_300a,
)
from tests.support.dates import today_utc

TODAY = today_utc()  # the rules take "today" as an argument


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
        "death": 1,
        "days_away": 2,
        "job_transfer_or_restriction": 1,
        "other_recordable": 1,
    }
    assert summary["total_days_away"] == 185 and summary["total_days_restricted"] == 12
    assert summary["cases_by_injury_type"] == {
        "injury": 2,
        "skin_disorder": 1,
        "respiratory": 1,
        "poisoning": 0,
        "hearing_loss": 0,
        "all_other_illnesses": 1,
    }


def test_an_empty_year_sums_to_zero():
    summary = summary_300a([])
    assert summary["total_cases"] == 0 and set(summary["cases_by_classification"].values()) == {0}


def test_breach_notification_is_due_sixty_days_after_discovery():
    discovered = TODAY - timedelta(days=87)
    deadline = notification_deadline(discovered)
    assert deadline == discovered + timedelta(days=60)
    assert breach_status(deadline=deadline, notified_on=None, closed=False, today=deadline) == "open"
    assert (
        breach_status(deadline=deadline, notified_on=None, closed=False, today=deadline + timedelta(days=1))
        == "overdue"
    )
    notified_on = TODAY - timedelta(days=56)
    assert breach_status(deadline=deadline, notified_on=notified_on, closed=False, today=TODAY) == "notified"
