"""The hash chain's verification finds the first broken link, whatever was done to the trail."""

from datetime import UTC, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from services.compliance.audits.domain import GENESIS_HASH, ChainVerifier, record_hash
from tests.support.dates import days_ago

T0 = datetime.combine(days_ago(3), time(9), UTC)


def chain(n: int, *, genesis=(0, GENESIS_HASH), t0: datetime = T0) -> list[dict]:
    records, (sequence, previous) = [], genesis
    for i in range(n):
        fields = dict(
            sequence=sequence + i + 1,
            event_id=f"e{i}",
            service="scheduling",
            actor="ana",
            actor_roles=["front_desk"],
            actor_locations=["loc-a"],
            action="read",
            resource="Patient",
            resource_id=f"p{i}",
            patient_id=f"p{i}",
            location_id="loc-a",
            outcome="success",
            occurred_at=t0 + timedelta(minutes=i),
            source_ip="10.0.0.1",
            break_glass=False,
            recorded_at=t0 + timedelta(minutes=i, seconds=1),
            prev_hash=previous,
        )
        fields["hash"] = previous = record_hash(fields)
        records.append(fields)
    return records


def verify(records, *, head=None, genesis=(0, GENESIS_HASH), anchors=None) -> dict:
    verifier = ChainVerifier(*genesis, anchors or {})
    for record in records:
        if not verifier.feed(record):
            break
    last = records[-1] if records else {"sequence": genesis[0], "hash": genesis[1]}
    verifier.finish(*(head or (last["sequence"], last["hash"])))
    return verifier.report()


def test_an_intact_chain_verifies():
    records = chain(5)
    assert verify(records) == {"ok": True, "checked": 5, "first_broken": None}


@pytest.mark.parametrize("zone", ["America/Los_Angeles", "Asia/Kolkata", "Pacific/Kiritimati"])
def test_the_hash_does_not_depend_on_the_timezone_a_time_is_read_in(zone):
    record = chain(1)[0]
    shifted = record | {"occurred_at": record["occurred_at"].astimezone(ZoneInfo(zone))}
    assert shifted["occurred_at"].utcoffset() and record_hash(shifted) == record["hash"]


def test_a_changed_record_is_named():
    records = chain(5)
    records[2] = records[2] | {"actor": "mallory"}
    report = verify(records)
    assert report["ok"] is False and report["checked"] == 2
    assert report["first_broken"]["sequence"] == 3 and "changed" in report["first_broken"]["reason"]


def test_a_removed_record_is_named():
    records = chain(5)
    del records[1]
    assert verify(records, head=(5, chain(5)[-1]["hash"]))["first_broken"]["sequence"] == 2


def test_removing_the_newest_records_shows_against_the_head():
    records = chain(5)
    report = verify(records[:3], head=(5, records[-1]["hash"]))
    assert report["first_broken"]["sequence"] == 4 and "removed" in report["first_broken"]["reason"]


def test_swapped_records_are_named():
    records = chain(5)
    records[1], records[2] = records[2] | {"sequence": 2}, records[1] | {"sequence": 3}
    assert verify(records)["first_broken"]["sequence"] == 2


def test_a_wholesale_rewrite_is_caught_by_an_anchor():
    original = chain(4)
    # The attacker changes record 2 and recomputes every hash after it, head included.
    rewritten = [dict(r) for r in original]
    rewritten[1]["actor"], previous = "mallory", rewritten[0]["hash"]
    for record in rewritten[1:]:
        record["prev_hash"] = previous
        record["hash"] = previous = record_hash(record)
    assert verify(rewritten)["ok"] is True  # internally consistent...
    report = verify(rewritten, anchors={3: original[2]["hash"]})  # ...but not with the published anchor
    assert report["first_broken"]["sequence"] == 3 and "anchored" in report["first_broken"]["reason"]


def test_verification_starts_at_the_genesis_a_purge_left():
    records = chain(6)
    kept = records[3:]
    assert verify(kept, genesis=(3, records[2]["hash"])) == {"ok": True, "checked": 3, "first_broken": None}
    assert verify(kept, genesis=(3, GENESIS_HASH))["first_broken"]["sequence"] == 4


# Computed by the chain before `reason` existed (commit 1ae0dc0's record_hash) for a record at a far,
# fixed time: a golden value, not a date near today. Records chained then must verify unchanged.
GOLDEN_T0 = datetime(2019, 3, 4, 9, 0, tzinfo=UTC)
HASH_BEFORE_REASON = "78320568be324ebac076ddd7ff3f176ef0c7e4fdec4319b3c436466d8ced3cd0"


def test_a_record_without_reason_keeps_the_hash_it_had_before_the_field_existed():
    record = {k: v for k, v in chain(1, t0=GOLDEN_T0)[0].items() if k != "hash"}
    assert record_hash(record) == HASH_BEFORE_REASON
    assert record_hash(record | {"reason": None}) == HASH_BEFORE_REASON


def test_a_break_glass_reason_is_chained_and_a_changed_or_removed_reason_is_named():
    records = chain(3)
    glass = records[1] | {"break_glass": True, "reason": "unconscious in our ER"}
    glass["hash"] = record_hash(glass)
    assert glass["hash"] != records[1]["hash"]
    records[1], records[2] = glass, records[2] | {"prev_hash": glass["hash"]}
    records[2]["hash"] = record_hash(records[2])
    assert verify(records)["ok"] is True
    for forged in ("just curious", None):
        tampered = [dict(r) for r in records]
        tampered[1]["reason"] = forged
        assert verify(tampered)["first_broken"]["sequence"] == 2
