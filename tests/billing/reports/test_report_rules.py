"""Pure rules of the reports: aging buckets, roll-ups, missed-visit cost."""

from datetime import date
from decimal import Decimal as D

import pytest

from services.billing.reports.domain import (
    MissedVisit,
    Receivable,
    aging,
    aging_bucket,
    average_visit_value,
    count_and_sum_by,
    missed_visit_cost,
    payer_outstanding,
    sum_by,
)


@pytest.mark.parametrize(
    ("days", "bucket"),
    [
        (-3, "0-30"),
        (0, "0-30"),
        (30, "0-30"),
        (31, "31-60"),
        (60, "31-60"),
        (61, "61-90"),
        (90, "61-90"),
        (91, "91-120"),
        (120, "91-120"),
        (121, "120+"),
        (4000, "120+"),
    ],
)
def test_aging_bucket_edges(days, bucket):
    assert aging_bucket(days) == bucket


def test_aging_sums_outstanding_per_group_and_bucket_to_the_cent():
    as_of = date(2031, 12, 31)
    items = [
        Receivable("aetna", "loc-a", date(2031, 12, 1), D("100.10")),  # 30 days
        Receivable("aetna", "loc-b", date(2031, 11, 30), D("0.05")),  # 31 days
        Receivable("aetna", "loc-a", date(2031, 8, 1), D("19.99")),  # 152 days
        Receivable("bcbs", "loc-a", date(2031, 12, 30), D("50.00")),
        Receivable("bcbs", "loc-a", date(2031, 12, 30), D("0.00")),  # settled: not shown
        Receivable("cigna", "loc-a", date(2031, 12, 30), D("-5.00")),  # overpaid: not A/R
    ]
    by_payer = aging(items, as_of=as_of, group=lambda r: r.payer_id)
    assert set(by_payer) == {"aetna", "bcbs"}
    assert by_payer["aetna"] == {
        "0-30": D("100.10"),
        "31-60": D("0.05"),
        "61-90": D("0.00"),
        "91-120": D("0.00"),
        "120+": D("19.99"),
        "total": D("120.14"),
    }
    by_location = aging(items, as_of=as_of, group=lambda r: r.location_id)
    assert by_location["loc-a"]["total"] == D("170.09") and by_location["loc-b"]["31-60"] == D("0.05")


def test_payer_outstanding_leaves_out_write_offs_and_the_patients_share():
    assert payer_outstanding(D("250.00"), D("120.00"), D("80.00"), D("25.00")) == D("25.00")
    # A secondary claim: the primary settled 155.50 of 175.50, the secondary owes the 20.00 left until it decides.
    assert payer_outstanding(D("175.50"), D("0.00"), D("0.00"), D("0.00"), D("155.50")) == D("20.00")
    assert payer_outstanding(D("175.50"), D("15.00"), D("0.00"), D("5.00"), D("155.50")) == D("0.00")


def test_sums_and_counts_per_key():
    assert sum_by([(("2031-12", "a"), D("0.10")), (("2031-12", "a"), D("0.20")), (("2032-01", "a"), D("1"))]) == {
        ("2031-12", "a"): D("0.30"),
        ("2032-01", "a"): D("1"),
    }
    assert count_and_sum_by([("CO-45", D("10")), ("CO-97", D("30")), ("CO-45", D("25.01"))]) == [
        ("CO-45", 2, D("35.01")),
        ("CO-97", 1, D("30")),
    ]


def test_missed_visit_cost_uses_the_providers_average_then_the_locations():
    visits = {("loc-a", "dr-1"): (2, D("300.00")), ("loc-a", "dr-2"): (1, D("101.00"))}
    assert average_visit_value(visits, "loc-a", "dr-1") == D("150.00")
    assert average_visit_value(visits, "loc-a", "dr-9") == D("133.67")  # 401 / 3
    assert average_visit_value(visits, "loc-z", "dr-1") == D("0.00")
    cost = missed_visit_cost(
        [
            MissedVisit("loc-a", "dr-1", "no_show", D("50.00")),
            MissedVisit("loc-a", "dr-9", "no_show", D("0.00")),
            MissedVisit("loc-a", "dr-2", "late_cancel", D("25.00")),
        ],
        visits,
    )
    assert cost == {
        ("loc-a", "no_show"): {"count": 2, "fees_charged": D("50.00"), "revenue_lost": D("283.67")},
        ("loc-a", "late_cancel"): {"count": 1, "fees_charged": D("25.00"), "revenue_lost": D("101.00")},
    }
