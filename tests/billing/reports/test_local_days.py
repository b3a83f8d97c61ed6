"""Local calendar days of a location in the reports: the month a moment belongs to, aging until a local today."""

from datetime import UTC, datetime, time, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from services.billing.reports.domain import Receivable, aging, month_key
from shared.clock import local_date
from tests.support.dates import at_local, month_start

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


def test_claims_age_until_today_at_their_own_location():
    # 05:00 UTC on the 1st: still the last day of last month in Los Angeles, already the 1st in New York.
    now = datetime.combine(month_start(0), time(5), UTC)
    today = {"loc-la": local_date(now, LOS_ANGELES), "loc-ny": local_date(now, ZoneInfo("America/New_York"))}
    served = LAST_MONTH_END - 30 * DAY
    items = [Receivable("aetna", "loc-la", served, D("10.00")), Receivable("aetna", "loc-ny", served, D("20.00"))]
    table = aging(items, as_of=today, group=lambda r: r.location_id)
    assert (table["loc-la"]["0-30"], table["loc-ny"]["31-60"]) == (D("10.00"), D("20.00"))
