"""Local calendar days of a location: the day and month a moment belongs to, aging until a local today."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from services.billing.ledger_domain import local_days, month_key
from shared.clock import local_date
from services.billing.ledger_schemas import StatementLineOut, StatementOut
from services.billing.report_rules import Receivable, aging
from services.billing.statements import statement_csv
from tests.support.dates import at_local, month_start, next_dst_day

LA = "America/Los_Angeles"
LOS_ANGELES = ZoneInfo(LA)
DAY = timedelta(days=1)
LAST_MONTH_END = month_start(0) - DAY  # the last day of last month


def test_a_payment_at_2330_in_los_angeles_on_the_last_day_of_a_month_belongs_to_that_month():
    paid = at_local(LAST_MONTH_END, 23, 30, tz=LA).astimezone(UTC)  # already the 1st in UTC
    assert paid.date() == month_start(0)
    assert local_date(paid, LOS_ANGELES) == LAST_MONTH_END
    assert month_key(local_date(paid, LOS_ANGELES)) == LAST_MONTH_END.strftime("%Y-%m")
    assert month_key(local_date(paid, UTC)) == month_start(0).strftime("%Y-%m")


def test_the_fall_back_day_is_a_25_hour_window_from_midnight_to_midnight():
    fall_back = next_dst_day(LA, spring=False)  # from zoneinfo: clocks go back an hour that night
    since, until = local_days(fall_back - DAY, fall_back, LOS_ANGELES)
    assert since == at_local(fall_back - DAY, 0, tz=LA).astimezone(UTC)
    assert until == at_local(fall_back + DAY, 0, tz=LA).astimezone(UTC)
    assert until - since == timedelta(hours=24 + 25)


def test_a_plain_day_is_24_hours_from_local_midnight():
    since, until = local_days(LAST_MONTH_END, LAST_MONTH_END, LOS_ANGELES)
    assert since == at_local(LAST_MONTH_END, 0, tz=LA).astimezone(UTC) and until - since == timedelta(hours=24)


def test_claims_age_until_today_at_their_own_location():
    # 05:00 UTC on the 1st: still the last day of last month in Los Angeles, already the 1st in New York.
    now = datetime.combine(month_start(0), time(5), UTC)
    today = {"loc-la": local_date(now, LOS_ANGELES), "loc-ny": local_date(now, ZoneInfo("America/New_York"))}
    served = LAST_MONTH_END - 30 * DAY
    items = [Receivable("aetna", "loc-la", served, D("10.00")), Receivable("aetna", "loc-ny", served, D("20.00"))]
    table = aging(items, as_of=today, group=lambda r: r.location_id)
    assert (table["loc-la"]["0-30"], table["loc-ny"]["31-60"]) == (D("10.00"), D("20.00"))


def test_a_statement_dates_its_lines_in_the_locations_timezone():
    late = StatementLineOut.model_validate(dict(
        seq=1, amount=D("-60.00"), balance_after=D("-60.00"), reason="payment", source_id="payment:p",
        posted_at=at_local(LAST_MONTH_END, 23, 30, tz=LA).astimezone(UTC)))
    statement = StatementOut(patient_id="pat-1", location_id="loc-a", start=LAST_MONTH_END.replace(day=1),
                             end=LAST_MONTH_END, timezone=LA, opening_balance=D("0.00"),
                             charges=D("0.00"), credits=D("-60.00"), closing_balance=D("-60.00"), lines=[late])
    assert statement_csv(statement).splitlines()[2] == f"{LAST_MONTH_END.isoformat()},payment,payment:p,-60.00,-60.00"
