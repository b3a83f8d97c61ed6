"""Claims, remittances and charges written straight into a suite's billing database, for the reports.

Dated from now: DEC is last month (whole and past), NOV and OCT the two before it, AS_OF DEC's last day.

  appt-1  loc-a dr-1 DEC 1st lines 100.00 + 50.00 -> aetna claim: paid 90, written off 20, PR 10,
          line 2 denied (CARC 97); an 835 paid on DEC 20th           payer balance 30.00 (0-30 days)
  appt-2  loc-a dr-2 AS_OF - 107 days 200.00 -> bcbs claim denied whole (CARC 50)   200.00 (91-120 days)
  appt-3  loc-b dr-1 DEC 10th  80.00 -> aetna claim submitted               80.00 (0-30 days)

pat-1 was with bcbs until the day before NOV and with aetna since NOV 1st (one primary per day).
loc-a keeps Los Angeles time; pat-9's two payments with no visit sit on its month boundaries, and
its ledger has them and a fee half an hour into DEC:
  seq 1   -7.00 at 23:30 on OCT's last day local (the next day in UTC): OCT's      balance  -7.00
  seq 2  -60.00 at 23:30 on NOV's last day local (DEC 1st in UTC): NOV's           balance -67.00
  seq 3  +40.00 at 00:30 on DEC 1st local (08:30 UTC):  DEC's                       balance -27.00
"""

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal as D
from zoneinfo import ZoneInfo

from services.billing.charges.models import Charge
from services.billing.claims.models import Claim, ClaimLine, Coverage
from services.billing.ledger.models import PatientLedgerEntry, Payment
from services.billing.projections.models import BillingLocation
from services.billing.reference.models import MissedVisitFee, Payer
from services.billing.remittances.models import Remittance, RemittanceClaimPayment
from shared.db import create_engine, session_factory
from tests.support.dates import month_start

OCT, NOV, DEC = month_start(-3), month_start(-2), month_start(-1)
AS_OF = month_start(0) - timedelta(days=1)  # DEC's last day
LOS_ANGELES = ZoneInfo("America/Los_Angeles")


def dec(day: int) -> date:
    return DEC + timedelta(days=day - 1)


def at_la(day: date, hour: int, minute: int) -> datetime:
    return datetime.combine(day, time(hour, minute), LOS_ANGELES)


NOW = datetime.combine(dec(21), time(0), UTC)
SERVICE_DAY_2 = AS_OF - timedelta(days=107)


def _charge(id, appointment, line, location, provider, day, amount):
    return Charge(
        id=id,
        appointment_id=appointment,
        line_number=line,
        kind="visit",
        patient_id="pat-1",
        provider_id=provider,
        location_id=location,
        date_of_service=day,
        cpt="99213",
        modifiers=[],
        units=1,
        diagnosis_codes=["I10"],
        amount=D(amount),
        created_at=NOW,
    )


def _claim(
    id,
    appointment,
    payer,
    location,
    provider,
    day,
    status,
    total,
    paid="0",
    adjusted="0",
    pr="0",
    carc=None,
    adjudicated=None,
):
    return Claim(
        id=id,
        control_number=f"LOCA-{id}",
        appointment_id=appointment,
        patient_id="pat-1",
        location_id=location,
        provider_id=provider,
        payer_id=payer,
        coverage_id=f"cov-{payer}",
        priority="primary",
        date_of_service=day,
        diagnosis_codes=["I10"],
        status=status,
        total_charge=D(total),
        paid_amount=D(paid),
        adjustment_amount=D(adjusted),
        patient_responsibility=D(pr),
        denial_carc=carc,
        scrub_failures=[],
        adjudicated_at=adjudicated,
        created_at=NOW,
        updated_at=NOW,
    )


def _line(id, claim, charge, number, amount, carc=None):
    return ClaimLine(
        id=id,
        claim_id=claim,
        charge_id=charge,
        line_number=number,
        control_number=f"LOCA-{claim}-{number}",
        cpt="99213",
        modifiers=[],
        units=1,
        diagnosis_pointers=[1],
        charge_amount=D(amount),
        denial_carc=carc,
    )


async def seed_reports(database_url: str) -> None:
    engine = create_engine(database_url)
    sessions = session_factory(engine)
    try:
        async with sessions.begin() as session:
            session.add_all(
                [
                    Payer(
                        id=p,
                        name=p.title(),
                        x12_payer_id=f"X{p}",
                        claim_filing_indicator="CI",
                        timely_filing_days=90,
                        created_at=NOW,
                    )
                    for p in ("aetna", "bcbs")
                ]
            )
            await session.flush()
            session.add_all(
                [
                    Coverage(
                        id=f"cov-{p}",
                        patient_id="pat-1",
                        location_id="loc-a",
                        payer_id=p,
                        priority="primary",
                        member_id="M1",
                        relationship="self",
                        effective_from=start,
                        effective_to=end,
                        created_at=NOW,
                    )
                    for p, start, end in (("bcbs", month_start(-12), NOV - timedelta(days=1)), ("aetna", NOV, None))
                ]
            )
            session.add(BillingLocation(location_id="loc-a", timezone="America/Los_Angeles", snapshot_time=NOW))
            moves = [
                (1, "-7.00", "-7.00", at_la(NOV - timedelta(days=1), 23, 30)),
                (2, "-60.00", "-67.00", at_la(DEC - timedelta(days=1), 23, 30)),
                (3, "40.00", "-27.00", at_la(DEC, 0, 30)),
            ]
            session.add_all(
                [
                    Payment(
                        id=f"pay-{seq}",
                        idempotency_key=f"seed-{seq}",
                        patient_id="pat-9",
                        location_id="loc-a",
                        kind="payment",
                        method="cash",
                        amount=-D(amount),
                        refunded_amount=D("0"),
                        posted_by="seed",
                        received_at=at.astimezone(UTC),
                    )
                    for seq, amount, _, at in moves
                    if D(amount) < 0
                ]
            )
            session.add_all(
                [
                    PatientLedgerEntry(
                        id=f"le-{seq}",
                        source_id=f"seed:{seq}",
                        patient_id="pat-9",
                        location_id="loc-a",
                        seq=seq,
                        amount=D(amount),
                        balance_after=D(after),
                        posted_at=at.astimezone(UTC),
                        reason="payment" if D(amount) < 0 else "no_show_fee",
                    )
                    for seq, amount, after, at in moves
                ]
            )
            session.add(
                MissedVisitFee(location_id="loc-a", no_show_fee=D("40.00"), late_cancel_fee=D("20.00"), updated_at=NOW)
            )
            session.add_all(
                [
                    _charge("ch-1", "appt-1", 1, "loc-a", "dr-1", DEC, "100.00"),
                    _charge("ch-2", "appt-1", 2, "loc-a", "dr-1", DEC, "50.00"),
                    _charge("ch-3", "appt-2", 1, "loc-a", "dr-2", SERVICE_DAY_2, "200.00"),
                    _charge("ch-4", "appt-3", 1, "loc-b", "dr-1", dec(10), "80.00"),
                ]
            )
            await session.flush()
            session.add_all(
                [
                    _claim(
                        "c-1",
                        "appt-1",
                        "aetna",
                        "loc-a",
                        "dr-1",
                        DEC,
                        "partially_paid",
                        "150.00",
                        "90.00",
                        "20.00",
                        "10.00",
                        adjudicated=datetime.combine(dec(20), time(0), UTC),
                    ),
                    _claim(
                        "c-2",
                        "appt-2",
                        "bcbs",
                        "loc-a",
                        "dr-2",
                        SERVICE_DAY_2,
                        "denied",
                        "200.00",
                        carc="50",
                        adjudicated=datetime.combine(dec(5), time(0), UTC),
                    ),
                    _claim("c-3", "appt-3", "aetna", "loc-b", "dr-1", dec(10), "submitted", "80.00"),
                ]
            )
            await session.flush()
            session.add_all(
                [
                    _line("l-1", "c-1", "ch-1", 1, "100.00"),
                    _line("l-2", "c-1", "ch-2", 2, "50.00", carc="97"),
                    _line("l-3", "c-2", "ch-3", 1, "200.00"),
                    _line("l-4", "c-3", "ch-4", 1, "80.00"),
                ]
            )
            session.add(
                Remittance(
                    id="r-1",
                    file_hash="h1",
                    payer_identifier="Xaetna",
                    payer_id="aetna",
                    trace_number="T1",
                    payment_amount=D("90.00"),
                    payment_date=dec(20),
                    claim_count=1,
                    unmatched_count=0,
                    content="ISA*...",
                    imported_by="biller-1",
                    imported_at=NOW,
                )
            )
            await session.flush()
            session.add(
                RemittanceClaimPayment(
                    id="rcp-1",
                    remittance_id="r-1",
                    sequence=1,
                    claim_id="c-1",
                    patient_control_number="LOCA-c-1",
                    status_code="1",
                    charge_amount=D("150.00"),
                    paid_amount=D("90.00"),
                    patient_responsibility=D("10.00"),
                )
            )
    finally:
        await engine.dispose()
