"""The claim path's days, patients, visits and payers' answers, shared by its integration tests."""

from datetime import date, timedelta
from decimal import Decimal

from shared.contracts.scheduling import AppointmentCancelled, AppointmentNoShow
from tests.support.claim_flow import PAYER, completed_visit, insure, insured_patient
from tests.support.dates import days_ago
from tests.support.flow import VISIT
from tests.support.upstream import SHIFT_DAYS, publish
from tests.support.x12_835 import Clp, Svc, build_835

D = Decimal
VISIT_DAY = SHIFT_DAYS[0]  # a day the seeded provider works, two weeks or more out: the date of service
AS_OF = (date.fromisoformat(VISIT_DAY) + timedelta(days=20)).isoformat()  # aging after the visits
# The payer's payment date (BPR16) a week after the visit, which the secondary claim reports as adjudicated.
PAID_ON = date.fromisoformat(VISIT_DAY) + timedelta(days=7)
MISSED_DAY = days_ago(10)  # a missed visit at 02:00 UTC: 18:00 the day before in Los Angeles


def slot(start: str, end: str) -> tuple[str, str]:
    """HH:MM-HH:MM UTC on the visit day."""
    return f"{VISIT_DAY}T{start}:00Z", f"{VISIT_DAY}T{end}:00Z"


async def insured_twice(scheduling, billing, payer_id: str) -> tuple[str, str]:
    """Ana, covered by the payer (primary) and by Beta Mutual (secondary): her id and Beta's."""
    ana = await insured_patient(scheduling, billing, payer_id)
    beta = await billing.post("/payers", json=PAYER | {"name": "Beta Mutual", "x12_payer_id": "BETA02"})
    assert beta.status_code == 201, beta.text
    beta_id = beta.json()["id"]
    await insure(billing, ana, beta_id, priority="secondary", member_id="B-991", group_number=None)
    return ana, beta_id


async def visit_each(suite, scheduling, ana: str, ben: str, cal: str, dee: str) -> dict[str, str]:
    """One completed visit each, in turn on the visit day: Ana's two lines, then Ben's, Cal's and Dee's one line."""
    return {
        ana: await completed_visit(suite, scheduling, ana, *slot("15:00", "15:20"), VISIT),
        ben: await completed_visit(
            suite,
            scheduling,
            ben,
            *slot("15:20", "15:40"),
            {"diagnosis_codes": ["I10"], "service_lines": [{"cpt": "99213"}]},
        ),
        cal: await completed_visit(
            suite,
            scheduling,
            cal,
            *slot("15:40", "16:00"),
            {"diagnosis_codes": ["J06.9"], "service_lines": [{"cpt": "99214"}]},
        ),
        dee: await completed_visit(
            suite,
            scheduling,
            dee,
            *slot("16:00", "16:20"),
            {"diagnosis_codes": ["I10"], "service_lines": [{"cpt": "99215"}]},
        ),
    }


def as_sent(claims) -> dict:
    """837P claims read back, by CLM01: total, diagnoses, and each line's REF*6R, code, charge, units, pointers."""
    return {
        c.claim_id: (
            c.total,
            c.diagnosis_codes,
            [(ln.line_id, ln.cpt, ln.modifiers, ln.charge, ln.units, ln.diagnosis_pointers) for ln in c.lines],
        )
        for c in claims
    }


def as_recorded(claims: list[dict]) -> dict:
    """The same of claims as the API shows them, by the control numbers they were sent with."""
    return {
        c["control_number"]: (
            D(c["total_charge"]),
            tuple(c["diagnosis_codes"]),
            [
                (
                    ln["control_number"],
                    ln["cpt"],
                    tuple(ln["modifiers"]),
                    D(ln["charge_amount"]),
                    ln["units"],
                    tuple(ln["diagnosis_pointers"]),
                )
                for ln in c["lines"]
            ],
        )
        for c in claims
    }


def acme_remittance(ana: dict, ben: dict, cal: dict) -> str:
    """Acme's answer: Ana's lab line denied, Ben paid, Cal's claim denied, and a claim that is not ours.

    CLP01 echoes CLM01 and REF*6R the lines' numbers, as the 837P sent them.
    """
    line = [ln["control_number"] for ln in ana["lines"]]
    return build_835(
        [
            Clp(
                ana["control_number"],
                "1",
                [
                    Svc("99213", D("125"), D("80"), [("CO", "45", D("25")), ("PR", "1", D("20"))], line[0]),
                    Svc("83036", D("50.50"), D("0"), [("CO", "50", D("50.50"))], line[1], ("QW",)),
                ],
            ),
            Clp(
                ben["control_number"],
                "1",
                [Svc("99213", D("125"), D("90"), [("CO", "45", D("25")), ("PR", "2", D("10"))])],
            ),
            Clp(cal["control_number"], "4", [Svc("99214", D("200"), D("0"), [("CO", "50", D("200"))])]),
            Clp("not-one-of-ours", "1", [Svc("99213", D("100"), D("100"))]),
        ],
        trace="EFT-0001",
        paid_on=PAID_ON,
    )


def beta_remittance(secondary: dict) -> str:
    """Beta pays 15.00 of the 20.00 Acme left on Ana's claim (OA-23: what Acme settled), 5.00 left to Ana."""
    lines = [line["control_number"] for line in secondary["lines"]]
    return build_835(
        [
            Clp(
                secondary["control_number"],
                "2",
                [
                    Svc("99213", D("125"), D("15"), [("OA", "23", D("105")), ("PR", "1", D("5"))], lines[0]),
                    Svc("83036", D("50.50"), D("0"), [("OA", "23", D("50.50"))], lines[1], ("QW",)),
                ],
            )
        ],
        trace="EFT-0002",
        payer_id="BETA02",
        payer_name="Beta Mutual",
        control_number=901,
    )


async def miss_visits(suite, patient_id: str) -> None:
    """Scheduling's word on three missed visits on MISSED_DAY: a no-show (told twice), a late and an early cancel."""
    missed = dict(patient_id=patient_id, provider_id="prov-7", location_id="loc-a", start=f"{MISSED_DAY}T02:00:00Z")
    for _ in range(2):
        await publish(suite, AppointmentNoShow(appointment_id="appt-noshow", **missed), "appt-noshow")
    await publish(
        suite,
        AppointmentCancelled(appointment_id="appt-late", cancelled_by="patient", reason="sick", late=True, **missed),
        "appt-late",
    )
    await publish(
        suite,
        AppointmentCancelled(appointment_id="appt-early", cancelled_by="patient", reason="trip", late=False, **missed),
        "appt-early",
    )
