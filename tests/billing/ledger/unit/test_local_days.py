"""Local calendar days of a location: the day and month a moment belongs to, aging until a local today."""

from datetime import UTC, date, datetime
from decimal import Decimal as D
from zoneinfo import ZoneInfo

import pytest

from services.billing.ledger_domain import local_day, local_days, month_key
from services.billing.ledger_schemas import StatementLineOut, StatementOut
from services.billing.report_rules import Receivable, aging
from services.billing.statements import statement_csv

LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def test_a_payment_at_2330_in_los_angeles_on_the_last_day_of_a_month_belongs_to_that_month():
    paid = datetime(2026, 12, 1, 7, 30, tzinfo=UTC)  # 23:30 on 30 November in Los Angeles (PST, UTC-8)
    assert local_day(paid, LOS_ANGELES) == date(2026, 11, 30)
    assert month_key(local_day(paid, LOS_ANGELES)) == "2026-11"
    assert month_key(local_day(paid, UTC)) == "2026-12"


@pytest.mark.parametrize(("start", "end", "since", "until"), [
    # PDT (UTC-7) until 1 November 2026 02:00, PST (UTC-8) after: a 25-hour day.
    (date(2026, 10, 31), date(2026, 11, 1), datetime(2026, 10, 31, 7, tzinfo=UTC), datetime(2026, 11, 2, 8, tzinfo=UTC)),
    (date(2026, 11, 30), date(2026, 11, 30), datetime(2026, 11, 30, 8, tzinfo=UTC), datetime(2026, 12, 1, 8, tzinfo=UTC)),
])
def test_local_days_are_a_utc_window_from_midnight_to_midnight(start, end, since, until):
    assert local_days(start, end, LOS_ANGELES) == (since, until)


def test_claims_age_until_today_at_their_own_location():
    items = [Receivable("aetna", "loc-la", date(2026, 10, 31), D("10.00")),
             Receivable("aetna", "loc-ny", date(2026, 10, 31), D("20.00"))]
    # 05:00 UTC on 1 December: still 30 November in Los Angeles (30 days), already 1 December in New York (31).
    now = datetime(2026, 12, 1, 5, tzinfo=UTC)
    today = {"loc-la": local_day(now, LOS_ANGELES), "loc-ny": local_day(now, ZoneInfo("America/New_York"))}
    table = aging(items, as_of=today, group=lambda r: r.location_id)
    assert (table["loc-la"]["0-30"], table["loc-ny"]["31-60"]) == (D("10.00"), D("20.00"))


def test_a_statement_dates_its_lines_in_the_locations_timezone():
    late = StatementLineOut.model_validate(dict(
        seq=1, amount=D("-60.00"), balance_after=D("-60.00"), reason="payment", source_id="payment:p",
        posted_at=datetime(2026, 12, 1, 7, 30, tzinfo=UTC)))
    statement = StatementOut(patient_id="pat-1", location_id="loc-a", start=date(2026, 11, 1),
                             end=date(2026, 11, 30), timezone="America/Los_Angeles", opening_balance=D("0.00"),
                             charges=D("0.00"), credits=D("-60.00"), closing_balance=D("-60.00"), lines=[late])
    assert statement_csv(statement).splitlines()[2] == "2026-11-30,payment,payment:p,-60.00,-60.00"
