"""The demo's plan without a stack: a seed decides everything, and the plan keeps the services' rules."""

from collections import Counter
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from clinicops.demo.agenda import PAST_DAYS, TODAY, build_agenda
from clinicops.demo.context import Demo
from clinicops.demo.plan import build_practice
from clinicops.demo.remittance import Decision, Payer, build_835, decide
from clinicops.demo.schedule_steps import todays_fit
from services.billing.claims.scrubber import npi_is_valid
from services.billing.x12 import check835
from services.billing.x12.edi835 import parse as parse_835
from services.billing.x12.edi837 import Claim837, Line837
from services.billing.x12.edi837_parties import Person
from services.billing.x12.validation import validate
from tests.support.dates import days_ago

TODAY_DATE = date.today()
WEEKDAYS = {"loc-sj": 2, "loc-oak": 2, "loc-phx": 2}


def plan(seed: int = 7, patients: int = 120):
    practice = build_practice(seed, patients=patients, today=TODAY_DATE)
    return practice, build_agenda(practice, visits_per_day=4, today_weekdays=WEEKDAYS)


def test_the_same_seed_plans_the_same_practice_and_another_seed_another():
    (a, agenda_a), (b, agenda_b), (c, agenda_c) = plan(), plan(), plan(seed=8)
    assert a == b and agenda_a == agenda_b
    assert a.patients != c.patients and agenda_a != agenda_c


def test_the_staff_are_25_with_valid_npis_a_few_credentials_expiring_soon_and_one_expired():
    practice, _ = plan()
    roles = Counter(m.role for m in practice.staff)
    assert len(practice.staff) == 25
    assert roles["physician"] == 6 and roles["nurse_practitioner"] == 3 and roles["medical_assistant"] == 6
    assert roles["receptionist"] == 6 and roles["biller"] == roles["compliance_officer"] == 1
    assert all(npi_is_valid(m.npi) for m in practice.staff if m.provider)
    expiries = [c.expires_in_days for m in practice.staff for c in m.credentials]
    assert sorted(d for d in expiries if d < 90) == [-12, 20, 45, 75]
    expired = [m for m in practice.staff if any(c.expires_in_days < 0 for c in m.credentials)]
    assert [m.role for m in expired] == ["medical_assistant"]  # no provider loses a booking to it
    assert len({m.email for m in practice.staff}) == 25 and len(set(practice.passwords.values())) == 26
    # Every provider holds a licence of the state they practise in.
    states = {loc.location_id: loc.state for loc in practice.locations}
    for member in (m for m in practice.staff if m.provider):
        assert any(c.kind == "state_license" and c.state == states[member.home_location_id] for c in member.credentials)


def test_the_agenda_double_books_nobody_and_fills_today_with_every_state():
    practice, agenda = plan()
    providers = Counter((v.provider.key, v.day_offset, v.minute) for v in agenda)
    patients = Counter((v.patient_key, v.day_offset) for v in agenda)
    assert max(providers.values()) == 1 and max(patients.values()) == 1
    assert min(v.day_offset for v in agenda) == -PAST_DAYS
    for loc in practice.locations:
        today = {v.outcome for v in agenda if v.location_id == loc.location_id and v.day_offset == 0}
        assert today == {state for row in TODAY for _, state in row}
    assert {v.outcome for v in agenda if v.day_offset > 0} == {"booked"}
    assert Counter(v.outcome for v in agenda if v.day_offset < 0)["fulfilled"] > 200


def _claim(member_id: str, lines: list[tuple[str, str]], day: date) -> Claim837:
    person = Person("Rivera", "Ana")
    return Claim837(
        claim_id=f"C{member_id}",
        total=sum((Decimal(charge) for _, charge in lines), Decimal(0)),
        place_of_service="11",
        diagnosis_codes=("I10",),
        billing_provider=None,
        rendering_provider=person,
        rendering_npi="1234567893",
        payer_name="Blue Horizon Health",
        payer_id="BHH01",
        priority="primary",
        filing_indicator="CI",
        member_id=member_id,
        group_number=None,
        relationship="self",
        subscriber=person,
        patient=None,
        lines=tuple(Line837(f"L{member_id}{i}", cpt, (), Decimal(c), 1, (1,), day) for i, (cpt, c) in enumerate(lines)),
    )


def test_an_835_of_paid_partly_paid_and_denied_claims_is_valid_and_balances():
    day = days_ago(10)
    claims = [
        (_claim("A1", [("99213", "125.00")], day), Decision("paid")),
        (_claim("A2", [("99214", "200.00"), ("83036", "50.50")], day), Decision("partially_paid", "50")),
        (_claim("A3", [("99203", "180.00"), ("36415", "15.00")], day), Decision("denied", "197")),
    ]
    text = build_835(
        claims,
        payer=Payer("Blue Horizon Health", "BHH01", "1512345678"),
        payee=("North Bay Family Medicine", "1234567893"),
        trace="EFT1",
        paid_on=days_ago(2),
        control_number=701,
        created_at=datetime.now(),
    )
    assert validate(text) == []
    remittance = parse_835(text)
    paid = {c.patient_control_number: c.paid for c in remittance.claims}
    assert paid == {"CA1": Decimal("80.00"), "CA2": Decimal("140.00"), "CA3": Decimal("0")}
    assert remittance.payment_amount == sum(paid.values())
    assert check835.problems(text) == []  # what billing's import checks first: balancing, counts


def test_the_payer_decides_by_member_and_day_and_leaves_the_last_days_unanswered():
    claim = _claim("M1", [("99213", "125.00")], days_ago(10))
    assert decide(7, claim, TODAY_DATE) == decide(7, claim, TODAY_DATE)
    assert decide(7, _claim("M1", [("99213", "1")], TODAY_DATE - timedelta(days=2)), TODAY_DATE).status == "pending"
    outcomes = Counter(
        decide(7, _claim(f"M{i}", [("99213", "125"), ("83036", "50")], days_ago(10)), TODAY_DATE).status
        for i in range(400)
    )
    assert outcomes["paid"] > outcomes["denied"] > 20 and outcomes["partially_paid"] > 10


def test_today_has_every_state_inside_the_local_day_whatever_the_hour_the_demo_runs():
    practice, agenda = plan()
    today_states = {state for row in TODAY for _, state in row}
    start_of_day = datetime.now(UTC).replace(hour=0, minute=7, second=0, microsecond=0)
    for step in range(0, 24 * 60, 20):
        now = start_of_day + timedelta(minutes=step)
        demo = Demo(practice=practice, gateway=None, now=now)
        for loc in practice.locations:
            local_now = now.astimezone(demo.zone(loc.location_id))
            first, last = demo.today_window(loc.location_id)
            assert first.date() == local_now.date() and (last - timedelta(minutes=1)).date() == local_now.date()
            fitting = [
                v for v in agenda if v.location_id == loc.location_id and v.day_offset == 0 and todays_fit(demo, v)
            ]
            for visit in fitting:
                start = demo.anchor(loc.location_id) + timedelta(minutes=visit.minute)
                assert first <= start and start + timedelta(minutes=20) <= last, (now, visit)
                assert visit.outcome != "noshow" or start <= now
            missing = today_states - {v.outcome for v in fitting}
            assert missing <= ({"noshow"} if local_now.hour < 2 else set()), (local_now, missing)
