"""The demo practice as data, drawn from one random.Random(seed): the same seed gives the same practice.

Nothing here does I/O. Dates are offsets from "today" at each location, so a run on any day looks alike.
"""

import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from clinicops.demo import names


@dataclass(frozen=True)
class Location:
    location_id: str
    name: str
    timezone: str
    state: str
    city: str
    postal_code: str
    street: str


_GROUP = "North Bay Family Medicine"
LOCATIONS = (
    Location("loc-sj", f"{_GROUP} - San Jose", "America/Los_Angeles", "CA", "San Jose", "95113", "1 Market St"),
    Location("loc-oak", f"{_GROUP} - Oakland", "America/Los_Angeles", "CA", "Oakland", "94612", "400 Broadway"),
    Location("loc-phx", f"{_GROUP} - Phoenix", "America/Phoenix", "AZ", "Phoenix", "85004", "20 Central Ave"),
)
ROOMS = (
    ("exam-1", "exam"),
    ("exam-2", "exam"),
    ("exam-3", "exam"),
    ("exam-4", "exam"),
    ("lab", "lab"),
    ("procedure", "procedure"),
)
PAYERS = (("Blue Horizon Health", "BHH01"), ("Summit Mutual", "SUMMIT02"), ("Evergreen Care", "EVG03"))  # fmt: skip
SHIFT_START, SHIFT_END = time(8, 0), time(17, 0)
VISIT_MINUTES = 20


@dataclass(frozen=True)
class Credential:
    kind: str
    number: str
    issuer: str
    state: str | None
    issued_days_ago: int
    expires_in_days: int  # negative: already expired


@dataclass(frozen=True)
class Member:
    key: str  # the demo's own handle (staff ids are the staff service's)
    given_name: str
    family_name: str
    role: str  # staff role
    user_role: str  # the gateway role of their sign-in
    home_location_id: str
    location_ids: tuple[str, ...]
    npi: str | None
    day_off: int | None  # weekday (0 = Monday) off the roster; None: Monday to Friday only
    room_id: str | None  # a provider's own exam room
    credentials: tuple[Credential, ...] = ()

    @property
    def email(self) -> str:
        return f"{self.given_name}.{self.family_name}@northbay.example.com".lower()

    @property
    def provider(self) -> bool:
        return self.role in ("physician", "nurse_practitioner")


@dataclass(frozen=True)
class Patient:
    key: str
    given_name: str
    family_name: str
    birth_date: date
    sex: str
    phone: str
    location_id: str
    address: dict
    payer_index: int
    member_id: str
    group_number: str
    subscriber: dict | None  # a child is covered under a parent's policy


@dataclass
class Practice:
    seed: int
    locations: tuple[Location, ...]
    staff: list[Member]
    patients: list[Patient]
    passwords: dict[str, str] = field(default_factory=dict)  # email -> password

    def providers_at(self, location_id: str) -> list[Member]:
        return [m for m in self.staff if m.provider and m.home_location_id == location_id]

    def patients_at(self, location_id: str) -> list[Patient]:
        return [p for p in self.patients if p.location_id == location_id]


def npi(rng: random.Random) -> str:
    """A valid NPI: nine digits and the Luhn check digit over the '80840' prefix (the CMS rule)."""
    body = f"1{rng.randrange(10**8):08d}"
    total = 0
    for position, digit in enumerate(int(d) for d in reversed("80840" + body)):
        doubled = digit * 2 if position % 2 == 0 else digit
        total += doubled - 9 if doubled > 9 else doubled
    return body + str((10 - total % 10) % 10)


def _name(rng: random.Random, taken: set[tuple[str, str]]) -> tuple[str, str, str]:
    while True:
        sex = rng.choice(("female", "male"))
        given = rng.choice(names.GIVEN_FEMALE if sex == "female" else names.GIVEN_MALE)
        family = rng.choice(names.FAMILY)
        if (given, family) not in taken:
            taken.add((given, family))
            return given, family, sex


def _provider_credentials(rng: random.Random, state: str, role: str) -> list[Credential]:
    board = "Medical Board" if role == "physician" else "Board of Nursing"
    found = [
        Credential("state_license", f"{state}{rng.randrange(10**5, 10**6)}", f"{state} {board}", state,
                   rng.randrange(900, 4000), rng.randrange(200, 900)),
        Credential("bls", f"BLS-{rng.randrange(10**5, 10**6)}", "American Heart Association", None,
                   rng.randrange(100, 600), rng.randrange(150, 700)),
    ]  # fmt: skip
    if role == "physician":
        found.append(Credential("dea", f"B{rng.choice('ACFM')}{rng.randrange(10**6, 10**7)}", "DEA", state,
                                rng.randrange(300, 1000), rng.randrange(200, 1000)))  # fmt: skip
    return found


def _staff(rng: random.Random) -> list[Member]:
    taken: set[tuple[str, str]] = set()
    every = tuple(loc.location_id for loc in LOCATIONS)
    staff: list[Member] = []

    def hire(role, user_role, location, *, day_off=None, room=None, credentials=(), locations=None):
        given, family, _ = _name(rng, taken)
        provider = role in ("physician", "nurse_practitioner")
        staff.append(
            Member(f"{role}-{len(staff) + 1}", given, family, role, user_role, location.location_id,
                   locations or (location.location_id,), npi(rng) if provider else None, day_off,
                   room, tuple(credentials))
        )  # fmt: skip

    for location in LOCATIONS:
        for index, role in enumerate(("physician", "physician", "nurse_practitioner")):
            creds = _provider_credentials(rng, location.state, role)
            hire(role, "clinician", location, day_off=rng.randrange(7), room=f"{location.location_id}-exam-{index + 1}",
                 credentials=creds)  # fmt: skip
        for _ in range(2):
            bls = Credential("bls", f"BLS-{rng.randrange(10**5, 10**6)}", "American Red Cross", None,
                             rng.randrange(100, 600), rng.randrange(150, 700))  # fmt: skip
            hire("medical_assistant", "clinician", location, day_off=rng.randrange(7), credentials=[bls])
        for _ in range(2):
            hire("receptionist", "front_desk", location, day_off=rng.randrange(7))
    home = LOCATIONS[0]
    hire("office_manager", "office_manager", home, locations=every)
    hire("biller", "biller", home, locations=every)
    hire("compliance_officer", "compliance_officer", home, locations=every)
    hire("facilities_coordinator", "facilities_coordinator", home, locations=every)
    return _with_expiries(rng, staff)


def _with_expiries(rng: random.Random, staff: list[Member]) -> list[Member]:
    """A few credentials expire soon (in 20, 45 and 75 days) and one medical assistant's BLS has expired."""
    providers = [m for m in staff if m.provider]
    chosen = rng.sample(providers, 3)
    soon = {chosen[0].key: ("bls", 20), chosen[1].key: ("state_license", 45), chosen[2].key: ("bls", 75)}
    assistant = rng.choice([m for m in staff if m.role == "medical_assistant"]).key
    soon[assistant] = ("bls", -12)
    changed = []
    for member in staff:
        if member.key in soon:
            kind, days = soon[member.key]
            credentials = tuple(
                Credential(c.kind, c.number, c.issuer, c.state, max(c.issued_days_ago, 400), days)
                if c.kind == kind else c
                for c in member.credentials
            )  # fmt: skip
            member = Member(**{**member.__dict__, "credentials": credentials})
        changed.append(member)
    return changed


def _patients(rng: random.Random, count: int, today: date) -> list[Patient]:
    taken: set[tuple[str, str]] = set()
    patients = []
    for index in range(count):
        given, family, sex = _name(rng, taken)
        location = LOCATIONS[rng.choices(range(len(LOCATIONS)), weights=(4, 3, 3))[0]]
        age_days = rng.randrange(365 * 2, 365 * 90)
        born = today - timedelta(days=age_days)
        child = age_days < 365 * 18
        parent_sex = rng.choice(("female", "male"))
        parent = rng.choice(names.GIVEN_FEMALE if parent_sex == "female" else names.GIVEN_MALE)
        payer = rng.randrange(len(PAYERS))
        patients.append(
            Patient(
                key=f"patient-{index + 1}",
                given_name=given,
                family_name=family,
                birth_date=born,
                sex=sex,
                phone=f"+1 555 {rng.randrange(200, 999)} {rng.randrange(1000, 9999)}",
                location_id=location.location_id,
                address={
                    "line1": f"{rng.randrange(1, 9999)} {rng.choice(names.STREETS)}",
                    "city": location.city,
                    "state": location.state,
                    "postal_code": location.postal_code,
                },
                payer_index=payer,
                member_id=f"{PAYERS[payer][1][:3]}{rng.randrange(10**8, 10**9)}",
                group_number=f"GRP-{rng.randrange(100, 999)}",
                subscriber={"family_name": family, "given_name": parent, "sex": parent_sex} if child else None,
            )
        )
    return patients


def build_practice(seed: int, *, patients: int, today: date) -> Practice:
    """The whole practice group of a seed: 3 locations, 25 staff, `patients` patients with coverage."""
    rng = random.Random(seed)
    staff = _staff(rng)
    practice = Practice(seed=seed, locations=LOCATIONS, staff=staff, patients=_patients(rng, patients, today))
    for member in staff:
        practice.passwords[member.email] = _password(rng)
    practice.passwords[ADMIN_EMAIL] = _password(rng)
    return practice


ADMIN_EMAIL = "admin@northbay.example.com"


def _password(rng: random.Random) -> str:
    return "-".join(rng.sample(names.PASSWORD_WORDS, 3)) + f"-{rng.randrange(100, 999)}"
