"""The PHI access trail's pure rules, no I/O: the hash chain, and the access patterns that raise alerts.

Each record's hash is SHA-256 over the canonical JSON of its fields and the previous
record's hash, so changing, removing or reordering any record breaks every link after it.
"""

import hashlib
import json
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

GENESIS_HASH = "0" * 64

# The fields a record's hash covers, in the canonical form; the order here is irrelevant
# (keys are sorted) but every field an auditor relies on must be listed.
CHAINED_FIELDS = (
    "sequence",
    "event_id",
    "service",
    "actor",
    "actor_roles",
    "actor_locations",
    "action",
    "resource",
    "resource_id",
    "patient_id",
    "location_id",
    "outcome",
    "occurred_at",
    "source_ip",
    "break_glass",
    "recorded_at",
    "prev_hash",
)
# Fields added after records were chained: covered only when set, so older hashes stay valid.
OPTIONAL_CHAINED_FIELDS = ("reason",)


def _canonical(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def record_hash(fields: dict) -> str:
    """SHA-256 (hex) of the canonical JSON of the chained fields."""
    canonical = {name: _canonical(fields[name]) for name in CHAINED_FIELDS}
    canonical |= {name: fields[name] for name in OPTIONAL_CHAINED_FIELDS if fields.get(name) is not None}
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


@dataclass
class Broken:
    sequence: int
    reason: str


@dataclass
class ChainVerifier:
    """Fed the records in sequence order, it finds the first broken link."""

    genesis_sequence: int
    genesis_hash: str
    anchors: dict[int, str] = field(default_factory=dict)
    checked: int = 0
    broken: Broken | None = None

    def __post_init__(self):
        self._last_sequence = self.genesis_sequence
        self._last_hash = self.genesis_hash

    def feed(self, record: dict) -> bool:
        """Check one record; False once a link is broken (stop feeding then)."""
        if self.broken:
            return False
        sequence, expected = record["sequence"], self._last_sequence + 1
        if sequence != expected:
            return self._break(expected, f"record {expected} is missing or out of order (found {sequence})")
        if record["prev_hash"] != self._last_hash:
            return self._break(sequence, "previous hash does not match the record before it (removed or reordered)")
        if record_hash(record) != record["hash"]:
            return self._break(sequence, "record content does not match its hash (changed)")
        if sequence in self.anchors and self.anchors[sequence] != record["hash"]:
            return self._break(sequence, "record hash differs from the anchored head (trail rewritten)")
        self.checked += 1
        self._last_sequence, self._last_hash = sequence, record["hash"]
        return True

    def finish(self, head_sequence: int, head_hash: str) -> None:
        """The last record must be the chain head: removing the newest records shows here."""
        if self.broken:
            return
        if self._last_sequence != head_sequence or self._last_hash != head_hash:
            self._break(
                self._last_sequence + 1 if self._last_sequence < head_sequence else head_sequence,
                f"trail ends at {self._last_sequence} but the chain head is {head_sequence} (records removed)",
            )
            return
        for sequence in sorted(self.anchors):
            if sequence > head_sequence:
                self._break(sequence, "an anchored record is no longer in the trail (trail rewritten)")
                return

    def _break(self, sequence: int, reason: str) -> bool:
        self.broken = Broken(sequence, reason)
        return False

    def report(self) -> dict:
        return {
            "ok": self.broken is None,
            "checked": self.checked,
            "first_broken": None
            if self.broken is None
            else {"sequence": self.broken.sequence, "reason": self.broken.reason},
        }


def outside_locations(location_id: str | None, actor_locations: list[str]) -> bool:
    """True when the record's location is outside a known, non-group-wide token scope."""
    if not location_id or not actor_locations or "*" in actor_locations:
        return False
    return location_id not in actor_locations


def busiest_window(accesses: list[tuple[datetime, str]], *, around: datetime, window: timedelta) -> int:
    """Most distinct keys (patients; event ids to count every access) in any window of this length
    that contains `around`.

    Events of one user arrive on several partitions, so out of order: a window merely
    ending at the newest record would miss a burst whose records came in reverse.
    """
    accesses = sorted(accesses)
    seen: dict[str, int] = {}
    best, end = 0, 0
    for start, (opened, _) in enumerate(accesses):
        if opened > around:
            break
        while end < len(accesses) and accesses[end][0] < opened + window:
            seen[accesses[end][1]] = seen.get(accesses[end][1], 0) + 1
            end += 1
        if around < opened + window:
            best = max(best, len(seen))
        patient = accesses[start][1]
        seen[patient] -= 1
        if not seen[patient]:
            del seen[patient]
    return best


def hour_bucket(moment: datetime) -> str:
    """The UTC hour of an instant: the same bucket whatever offset the event's time was written in."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H")
