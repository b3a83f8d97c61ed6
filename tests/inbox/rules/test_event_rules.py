"""Each event rule on the real broker and PostgreSQL: the real event (built from its contract) raises exactly
one task for the right role and location, a duplicate delivery or another notice of the same cause raises no
second one, and the resolving event completes it with that event in its history."""

import pytest

from shared.contracts import EventPayload
from shared.contracts.staff import StaffMemberHired
from shared.envelope import Envelope
from tests.inbox.rules.events import CASES, RAISE_ONLY
from tests.support.dates import days_ago
from tests.support.kafka_tools import produce, wait_caught_up
from tests.support.polling import eventually
from tests.support.suite import Suite, token

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="om-a")


@pytest.fixture(scope="module")
async def inbox(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("rules"),
    )
    try:
        await suite.start("inbox")
        hired = StaffMemberHired(
            staff_id="stf-7",
            given_name="Ana",
            family_name="Lee",
            role="physician",
            home_location_id="loc-a",
            location_ids=["loc-a"],
            manager_id="om-a",
            hired_on=days_ago(900),
        )
        await send(suite, envelope_of(hired))
        await eventually(lambda: suite.scalar("inbox", "SELECT manager_id FROM staff_member WHERE staff_id = 'stf-7'"))
        yield suite
    finally:
        await suite.close()


def envelope_of(event: EventPayload) -> Envelope:
    return Envelope(type=event.event_type, source="/tests/upstream", subject="s-7", data=event.model_dump(mode="json"))


async def send(suite: Suite, envelope: Envelope) -> None:
    await produce(
        suite.bootstrap,
        suite.topic(envelope.topic),
        envelope.kafka_value(),
        key=envelope.subject.encode(),
        headers=envelope.kafka_headers(),
    )


async def tasks_of(suite: Suite, cause: str) -> list[dict]:
    rows = await suite.scalar(
        "inbox",
        "SELECT json_agg(json_build_object('id', id, 'status', status, 'role', role, 'location_id', location_id,"
        " 'patient_id', patient_id, 'owner', owner, 'created_by', created_by, 'title', title) ORDER BY created_at)"
        " FROM task WHERE cause = :cause",
        cause=cause,
    )
    return rows or []


async def raised_once(suite: Suite, first: Envelope, expected: dict, *, again: Envelope | None = None) -> dict:
    (task,) = await eventually(lambda: tasks_of(suite, expected["cause"]))
    assert (task["role"], task["location_id"], task["patient_id"]) == (
        expected["role"],
        expected["location"],
        expected["patient"],
    )
    assert task["status"] == "requested" and task["title"]
    if "owner" in expected:
        assert task["owner"] == expected["owner"]
        assigned = await suite.scalar(
            "inbox",
            "SELECT convert_from(payload, 'UTF8')::json->>'owner' FROM outbox"
            " WHERE key = :id AND headers->>'ce_type' = 'inbox.task.assigned'",
            id=task["id"],
        )
        assert assigned == expected["owner"]
    if "due" in expected:  # the deadline the event states, not the category's due rule
        due = await suite.scalar("inbox", "SELECT due_at FROM task WHERE id = :id", id=task["id"])
        assert due == expected["due"]
    await send(suite, first)  # redelivered: the same event id
    if again is not None:
        await send(suite, again)
    await wait_caught_up(suite.bootstrap, suite.topic("inbox-rules"), suite.topic(first.topic))
    assert [t["id"] for t in await tasks_of(suite, expected["cause"])] == [task["id"]]
    return task


@pytest.mark.parametrize("rule", sorted(CASES))
async def test_the_event_raises_one_task_and_its_resolution_completes_it(inbox, rule):
    raising, same_cause, resolving, expected = CASES[rule]
    first = envelope_of(raising)
    await send(inbox, first)
    task = await raised_once(inbox, first, expected, again=envelope_of(same_cause) if same_cause else None)

    resolution = envelope_of(resolving)
    await send(inbox, resolution)

    async def completed():
        (row,) = await tasks_of(inbox, expected["cause"])
        return row["status"] == "completed"

    await eventually(completed)
    async with inbox.client("inbox", token(roles=["practice_admin"], locations=["*"], sub="admin")) as admin:
        detail = (await admin.get(f"/tasks/{task['id']}")).json()
    last = detail["history"][-1]
    assert (last["action"], last["actor"]) == ("completed", "system")
    assert last["details"]["resolved_by"] == f"{resolution.type} {resolution.id}"


@pytest.mark.parametrize("rule", sorted(RAISE_ONLY))
async def test_raise_only_rules_raise_one_task(inbox, rule):
    raising, expected = RAISE_ONLY[rule]
    first = envelope_of(raising)
    await send(inbox, first)
    await raised_once(inbox, first, expected)


async def test_the_office_manager_reads_the_rules(inbox):
    async with inbox.client("inbox", MANAGER) as manager:
        rules = (await manager.get("/rules")).json()
    by_name = {r["name"]: r for r in rules}
    assert {name.split("/")[0] for name in [*CASES, *RAISE_ONLY]} <= set(by_name)
    assert by_name["claim-denied"] | {"description": ""} == {
        "name": "claim-denied",
        "event_type": "billing.claim.denied",
        "role": "biller",
        "category": "claim",
        "priority": "urgent",
        "cause": "claim:{claim_id}:denied",
        "resolved_by": ["billing.claim.appealed", "billing.claim.paid"],
        "due": "the due rule of its category and priority",
        "location": "the event's location",
        "description": "",
    }
    async with inbox.client("inbox", token(roles=["biller"], locations=["loc-a"])) as biller:
        assert (await biller.get("/rules")).status_code == 403
