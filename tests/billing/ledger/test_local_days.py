"""Local calendar days of a location in the ledger: a statement's window, its lines' dates."""

from datetime import UTC, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from services.billing.ledger.domain import local_days
from services.billing.ledger.schemas import StatementLineOut, StatementOut
from services.billing.ledger.statements import statement_csv
from tests.support.dates import at_local, month_start, next_dst_day

LA = "America/Los_Angeles"
LOS_ANGELES = ZoneInfo(LA)
DAY = timedelta(days=1)
LAST_MONTH_END = month_start(0) - DAY  # the last day of last month


def test_the_fall_back_day_is_a_25_hour_window_from_midnight_to_midnight():
    fall_back = next_dst_day(LA, spring=False)  # from zoneinfo: clocks go back an hour that night
    since, until = local_days(fall_back - DAY, fall_back, LOS_ANGELES)
    assert since == at_local(fall_back - DAY, 0, tz=LA).astimezone(UTC)
    assert until == at_local(fall_back + DAY, 0, tz=LA).astimezone(UTC)
    assert until - since == timedelta(hours=24 + 25)


def test_a_plain_day_is_24_hours_from_local_midnight():
    since, until = local_days(LAST_MONTH_END, LAST_MONTH_END, LOS_ANGELES)
    assert since == at_local(LAST_MONTH_END, 0, tz=LA).astimezone(UTC) and until - since == timedelta(hours=24)


def test_a_statement_dates_its_lines_in_the_locations_timezone():
    late = StatementLineOut.model_validate(
        dict(
            seq=1,
            amount=D("-60.00"),
            balance_after=D("-60.00"),
            reason="payment",
            source_id="payment:p",
            posted_at=at_local(LAST_MONTH_END, 23, 30, tz=LA).astimezone(UTC),
        )
    )
    statement = StatementOut(
        patient_id="pat-1",
        location_id="loc-a",
        start=LAST_MONTH_END.replace(day=1),
        end=LAST_MONTH_END,
        timezone=LA,
        opening_balance=D("0.00"),
        charges=D("0.00"),
        credits=D("-60.00"),
        closing_balance=D("-60.00"),
        lines=[late],
    )
    assert statement_csv(statement).splitlines()[2] == f"{LAST_MONTH_END.isoformat()},payment,payment:p,-60.00,-60.00"
