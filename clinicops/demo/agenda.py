"""The demo's appointments as data: 4 weeks of past visits, today in every state, the next two weeks booked.

Past and future visits sit on the roster's 20-minute grid (local wall clock); today's are minutes from an
anchor (the local time the demo runs, on the grid), so the flow board always shows a day in progress.
"""

import random
from dataclasses import dataclass

from clinicops.demo.plan import SHIFT_END, SHIFT_START, VISIT_MINUTES, Member, Practice

PAST_DAYS, FUTURE_DAYS = 28, 13

# (appointment type, diagnoses, service lines): what each kind of visit bills.
KINDS = {
    "Office visit": (
        (["I10"], [{"cpt": "99213"}]),
        (["J06.9"], [{"cpt": "99213"}]),
        (["M54.50"], [{"cpt": "99213"}]),
        (["E78.5", "I10"], [{"cpt": "99214", "diagnosis_pointers": [1, 2]}]),
    ),
    "Diabetes check": (
        (
            ["E11.9", "I10"],
            [
                {"cpt": "99214", "modifiers": ["25"], "diagnosis_pointers": [1, 2]},
                {"cpt": "83036", "modifiers": ["QW"], "diagnosis_pointers": [1]},
            ],
        ),
    ),
    "New patient visit": ((["Z00.00"], [{"cpt": "99203"}, {"cpt": "36415"}]),),
}
FEES = [
    {"cpt": "99203", "amount": "180.00"},
    {"cpt": "99213", "amount": "125.00"},
    {"cpt": "99214", "amount": "200.00"},
    {"cpt": "99214", "modifier": "25", "amount": "200.00"},
    {"cpt": "83036", "modifier": "QW", "amount": "50.50"},
    {"cpt": "36415", "amount": "15.00"},
]
# Today, per provider in turn: (minutes from the anchor, state). Every state appears at every location.
TODAY = (
    ((-180, "fulfilled"), (-140, "noshow"), (-20, "in_room"), (40, "booked"), (100, "cancelled")),
    ((-160, "fulfilled"), (-100, "fulfilled"), (-40, "arrived"), (20, "booked"), (60, "booked")),
    ((-120, "noshow"), (-60, "fulfilled"), (0, "arrived"), (80, "booked"), (120, "cancelled")),
)
TODAY_SHIFT = (-200, 160)  # minutes from the anchor: today's shifts (the anchor keeps them inside the local day)


@dataclass(frozen=True)
class Visit:
    key: str  # stable across runs of a seed: the booking's Idempotency-Key
    location_id: str
    provider: Member
    patient_key: str
    day_offset: int  # days from today at the location
    minute: int  # past/future: minutes after local midnight; today: minutes from the anchor
    outcome: str  # fulfilled, noshow, cancelled (past); + arrived, in_room, booked (today); booked (future)
    kind: str
    diagnosis_codes: tuple[str, ...]
    service_lines: tuple[dict, ...]

    @property
    def completion(self) -> dict:
        return {"diagnosis_codes": list(self.diagnosis_codes), "service_lines": list(self.service_lines)}


def _weekday(today_weekday: int, offset: int) -> int:
    return (today_weekday + offset) % 7


def _works(member: Member, weekday: int) -> bool:
    return weekday < 5 if member.day_off is None else weekday != member.day_off


def _slots() -> list[int]:
    first = SHIFT_START.hour * 60 + SHIFT_START.minute
    last = SHIFT_END.hour * 60 + SHIFT_END.minute
    return list(range(first, last, VISIT_MINUTES))


def _visit(rng, key, location_id, provider, patient_key, day, minute, outcome) -> Visit:
    kind = rng.choices(list(KINDS), weights=(6, 2, 1))[0]
    codes, lines = rng.choice(KINDS[kind])
    return Visit(key, location_id, provider, patient_key, day, minute, outcome, kind, tuple(codes), tuple(lines))


def build_agenda(practice: Practice, *, visits_per_day: int, today_weekdays: dict[str, int]) -> list[Visit]:
    """Every appointment of the demo, in booking order; `today_weekdays` is today's weekday at each location."""
    rng = random.Random(f"{practice.seed}:agenda")
    visits: list[Visit] = []
    for location in practice.locations:
        loc = location.location_id
        providers = practice.providers_at(loc)
        patients = [p.key for p in practice.patients_at(loc)]
        if not patients:
            continue
        days = [d for d in range(-PAST_DAYS, FUTURE_DAYS + 1) if d != 0]
        for day in days:
            working = [p for p in providers if _works(p, _weekday(today_weekdays[loc], day))]
            pairs = [(p, minute) for p in working for minute in _slots()]
            count = min(visits_per_day, len(pairs), len(patients))
            for (provider, minute), patient in zip(rng.sample(pairs, count), rng.sample(patients, count), strict=True):
                outcome = "booked" if day > 0 else rng.choices(("fulfilled", "noshow", "cancelled"), (92, 5, 3))[0]
                visits.append(_visit(rng, f"demo-{practice.seed}-{loc}-{day}-{minute}-{provider.key}", loc,
                                     provider, patient, day, minute, outcome))  # fmt: skip
        today_patients = rng.sample(patients, min(len(patients), sum(len(row) for row in TODAY)))
        for provider, row in zip(providers, TODAY, strict=False):
            for minute, outcome in row:
                if not today_patients:
                    break
                visits.append(_visit(rng, f"demo-{practice.seed}-{loc}-0-{minute}-{provider.key}", loc, provider,
                                     today_patients.pop(), 0, minute, outcome))  # fmt: skip
    return visits


def waitlist(practice: Practice, agenda: list[Visit], per_location: int = 3) -> list[tuple[str, str, int, int]]:
    """(location, patient key, earliest day offset, latest day offset): patients hoping for an earlier visit.

    Those not booked in the coming days come first; a small practice waitlists booked patients as well.
    """
    rng = random.Random(f"{practice.seed}:waitlist")
    booked = {v.patient_key for v in agenda if v.day_offset >= 0}
    entries = []
    for location in practice.locations:
        patients = sorted(practice.patients_at(location.location_id), key=lambda p: p.key in booked)
        pool = [p.key for p in patients[: per_location * 3]]
        for patient in rng.sample(pool, min(per_location, len(pool))):
            earliest = rng.randrange(1, 4)
            entries.append((location.location_id, patient, earliest, earliest + rng.randrange(5, 12)))
    return entries
