"""What one demo run knows as it goes: the plan, the signed-in users, and the ids the services gave back."""

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from clinicops.demo.agenda import TODAY_SHIFT
from clinicops.demo.client import Account, Gateway, Session
from clinicops.demo.plan import Practice


@dataclass
class Demo:
    practice: Practice
    gateway: Gateway
    now: datetime  # aware UTC, taken once: every "today" and anchor of the run derives from it
    admin: Session | None = None
    sessions: dict[str, Session] = field(default_factory=dict)  # by the demo's own key: "biller", "desk:loc-sj"
    accounts: dict[str, Account] = field(default_factory=dict)  # every gateway user the demo made, by email
    staff_ids: dict[str, str] = field(default_factory=dict)  # member key -> staff id
    patient_ids: dict[str, str] = field(default_factory=dict)  # patient key -> patient id
    type_ids: dict[tuple[str, str], str] = field(default_factory=dict)  # (location, kind) -> appointment type id
    payer_ids: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)  # what the demo could not do, said at the end

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def zone(self, location_id: str) -> ZoneInfo:
        return ZoneInfo(next(loc.timezone for loc in self.practice.locations if loc.location_id == location_id))

    def today(self, location_id: str) -> date:
        return self.now.astimezone(self.zone(location_id)).date()

    def anchor(self, location_id: str) -> datetime:
        """Now at the location on the 20-minute grid, kept where today's shifts fit inside the local day.

        Today's appointments are placed around it: a run late in the evening shows the afternoon just past,
        one before dawn the morning about to start.
        """
        local = self.now.astimezone(self.zone(location_id))
        minutes = local.hour * 60 + local.minute
        earliest, latest = -TODAY_SHIFT[0], 24 * 60 - TODAY_SHIFT[1]
        return self.local(location_id, 0, min(max(minutes - minutes % 20, earliest), latest))

    def today_window(self, location_id: str) -> tuple[datetime, datetime]:
        """Today's shifts around the anchor: from local midnight at the earliest to the next at the latest."""
        anchor = self.anchor(location_id)
        return anchor + timedelta(minutes=TODAY_SHIFT[0]), anchor + timedelta(minutes=TODAY_SHIFT[1])

    def local(self, location_id: str, day_offset: int, minute: int) -> datetime:
        """A wall-clock time `minute` after local midnight, `day_offset` days from today at the location."""
        day = self.today(location_id) + timedelta(days=day_offset)
        midnight = datetime.combine(day, datetime.min.time(), self.zone(location_id))
        wall = midnight.replace(tzinfo=None) + timedelta(minutes=minute)  # the wall clock, not elapsed time
        return wall.replace(tzinfo=self.zone(location_id))

    def session(self, key: str) -> Session:
        return self.sessions.get(key) or self.admin
