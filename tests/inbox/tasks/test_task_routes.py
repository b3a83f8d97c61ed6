"""Tasks over HTTP on a running inbox (PostgreSQL, real broker): delegation, FHIR status moves, notes,
bulk changes, filters, counts, and location and role scope (a front desk at A never sees B's tasks)."""

from datetime import timedelta

import pytest

from shared.clock import utcnow
from tests.support.suite import Suite, token

pytestmark = pytest.mark.integration

MANAGER_A = token(roles=["office_manager"], locations=["loc-a"], sub="om-a")
DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a")
DESK_A2 = token(roles=["front_desk"], locations=["loc-a"], sub="desk-a2")
DESK_B = token(roles=["front_desk"], locations=["loc-b"], sub="desk-b")
BILLER_A = token(roles=["biller"], locations=["loc-a"], sub="biller-a")
ADMIN = token(roles=["practice_admin"], locations=["*"], sub="admin")


def call_patient(**fields) -> dict:
    return {
        "category": "appointment",
        "priority": "routine",
        "location_id": "loc-a",
        "role": "front_desk",
        "title": "Call the patient to rebook",
        "patient_id": "pat-1",
        "focus": {"service": "scheduling", "kind": "appointment", "id": "appt-1"},
    } | fields


@pytest.fixture(scope="module")
async def inbox(var_dir, kafka_bootstrap, pg_base_url, tmp_path_factory):
    suite = Suite(
        backend="postgresql",
        var_dir=var_dir,
        kafka_bootstrap=kafka_bootstrap,
        pg_base_url=pg_base_url,
        tmp_path=tmp_path_factory.mktemp("inbox"),
    )
    try:
        await suite.start("inbox")
        yield suite
    finally:
        await suite.close()


async def _open(suite: Suite, bearer: str, **fields) -> dict:
    async with suite.client("inbox", bearer) as client:
        answer = await client.post("/tasks", json=call_patient(**fields))
    assert answer.status_code == 201, answer.text
    return answer.json()


async def test_scope_another_location_and_another_pool_are_refused_and_audited(inbox):
    task = await _open(inbox, DESK_A)
    async with inbox.client("inbox", DESK_B) as desk_b, inbox.client("inbox", BILLER_A) as biller:
        assert (await desk_b.get(f"/tasks/{task['id']}")).status_code == 403
        assert (await desk_b.post(f"/tasks/{task['id']}/claim")).status_code == 403
        assert task["id"] not in [t["id"] for t in (await desk_b.get("/tasks", params={"view": "all"})).json()["items"]]
        assert (await biller.get(f"/tasks/{task['id']}")).json()["message"] == "the task is for the front_desk pool"
        assert (await biller.get("/tasks/no-such-task")).status_code == 404
        created_b = await desk_b.post("/tasks", json=call_patient())
        assert created_b.status_code == 403 and created_b.json()["field"] == "location_id"
    denied = await inbox.scalar(
        "inbox",
        "SELECT count(*) FROM outbox WHERE headers->>'ce_type' = 'inbox.audit.phi_accessed'"
        " AND convert_from(payload, 'UTF8')::json->>'outcome' = 'denied'"
        " AND convert_from(payload, 'UTF8')::json->>'actor' = 'desk-b'",
    )
    assert denied == 3  # the read, the claim and the task opened for a patient at B
    async with inbox.client("inbox", MANAGER_A) as manager:
        seen = await manager.get(f"/tasks/{task['id']}")
    assert seen.status_code == 200 and seen.json()["history"][0]["action"] == "created"


async def test_claim_reassign_and_move_through_fhir_statuses(inbox):
    task = await _open(inbox, MANAGER_A)
    path = f"/tasks/{task['id']}"
    async with (
        inbox.client("inbox", DESK_A) as desk,
        inbox.client("inbox", DESK_A2) as desk2,
        inbox.client("inbox", MANAGER_A) as manager,
    ):
        claimed = (await desk.post(f"{path}/claim")).json()
        assert (claimed["status"], claimed["owner"]) == ("accepted", "desk-a")
        taken = await desk2.post(f"{path}/claim")
        assert taken.status_code == 409 and "already owned by desk-a" in taken.json()["message"]
        assert (await desk2.post(f"{path}/status", json={"status": "in-progress"})).status_code == 403
        assert (await desk.post(f"{path}/assign", json={"owner": "desk-a2"})).status_code == 403  # managers only
        given = (await manager.post(f"{path}/assign", json={"owner": "desk-a2"})).json()
        assert given["owner"] == "desk-a2"
        illegal = await desk2.post(f"{path}/status", json={"status": "requested"})
        assert illegal.status_code == 200  # back to the pool's request is allowed from accepted
        refused = await desk2.post(f"{path}/status", json={"status": "failed"})
        assert refused.status_code == 409 and "cannot become failed" in refused.json()["message"]
        assert (await desk2.post(f"{path}/status", json={"status": "in-progress"})).json()["status"] == "in-progress"
        assert (
            await desk2.put(f"{path}/business-status", json={"business_status": "left voicemail"})
        ).status_code == 200
        assert (await desk2.post(f"{path}/notes", json={"text": "called twice, no answer"})).status_code == 201
        done = await desk2.post(f"{path}/status", json={"status": "completed"})
        assert done.json()["status"] == "completed" and done.json()["closed_at"]
        again = await desk2.post(f"{path}/status", json={"status": "in-progress"})
        assert again.status_code == 409 and "closed task" in again.json()["message"]
        bad = await desk2.post(f"{path}/status", json={"status": "done"})
        assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.status"
        detail = (await manager.get(path)).json()
    assert [h["action"] for h in detail["history"]] == [
        "created",
        "claimed",
        "assigned",
        "requested",
        "in-progress",
        "business_status",
        "noted",
        "completed",
    ]
    assert detail["business_status"] == "left voicemail" and detail["notes"][0]["author"] == "desk-a2"
    events = await inbox.scalar(
        "inbox",
        "SELECT string_agg(headers->>'ce_type', ',' ORDER BY id) FROM outbox WHERE key = :id",
        id=task["id"],
    )
    assert events.split(",") == [
        "inbox.task.created",
        "inbox.task.assigned",
        "inbox.task.assigned",
        "inbox.task.completed",
    ]


async def test_bulk_assign_and_complete_name_what_they_refuse(inbox):
    mine = [(await _open(inbox, MANAGER_A, patient_id=None))["id"] for _ in range(2)]
    elsewhere = (await _open(inbox, ADMIN, location_id="loc-b", patient_id=None))["id"]
    async with inbox.client("inbox", MANAGER_A) as manager, inbox.client("inbox", DESK_A) as desk:
        given = (
            await manager.post("/tasks/bulk/assign", json={"task_ids": [*mine, elsewhere], "owner": "desk-a"})
        ).json()
        assert given["done"] == mine and list(given["refused"]) == [elsewhere]
        listed = (await desk.get("/tasks", params={"view": "mine"})).json()
        assert set(mine) <= {t["id"] for t in listed["items"]}
        completed = (await desk.post("/tasks/bulk/complete", json={"task_ids": [*mine, "nope"]})).json()
        assert completed["done"] == mine and "not found" in completed["refused"]["nope"]
        assert (await desk.post("/tasks/bulk/assign", json={"task_ids": mine, "owner": "x"})).status_code == 403


async def test_filters_and_counts(inbox):
    late = await _open(
        inbox,
        MANAGER_A,
        category="claim",
        role="biller",
        priority="asap",
        patient_id="pat-9",
        focus={"service": "billing", "kind": "claim", "id": "claim-9"},
        due_at=(utcnow() - timedelta(hours=1)).isoformat(),
    )
    async with inbox.client("inbox", BILLER_A) as biller, inbox.client("inbox", MANAGER_A) as manager:
        queue = (await biller.get("/tasks")).json()["items"]
        assert [t["id"] for t in queue] == [late["id"]] and queue[0]["overdue"] is True
        for params in (
            {"overdue": "true"},
            {"category": "claim"},
            {"priority": "asap"},
            {"patient_id": "pat-9"},
            {"focus_service": "billing", "focus_kind": "claim", "focus_id": "claim-9"},
        ):
            found = (await manager.get("/tasks", params={"view": "all", **params})).json()["items"]
            assert [t["id"] for t in found] == [late["id"]], params
        assert (await manager.get("/tasks", params={"view": "all", "category": "nothing"})).json()["total"] == 0
        assert (await manager.get("/tasks", params={"location_id": "loc-b"})).status_code == 403
        counts = (await manager.get("/tasks/counts")).json()
    biller_row = next(c for c in counts if c["role"] == "biller")
    assert biller_row == {"location_id": "loc-a", "role": "biller", "open": 1, "overdue": 1, "escalated": 0}
    assert all(c["location_id"] == "loc-a" for c in counts)


async def test_a_manager_moves_a_task_to_another_pool_which_clears_its_owner(inbox):
    task = await _open(inbox, DESK_A, patient_id=None)
    path = f"/tasks/{task['id']}"
    async with inbox.client("inbox", DESK_A) as desk, inbox.client("inbox", MANAGER_A) as manager:
        assert (await desk.post(f"{path}/claim")).json()["owner"] == "desk-a"
        moved = (await manager.post(f"{path}/assign", json={"role": "biller"})).json()
        assert (moved["role"], moved["owner"], moved["status"]) == ("biller", None, "requested")
        assert (await desk.get(path)).status_code == 403  # no longer the front desk's
        empty = await manager.post(f"{path}/assign", json={})
        assert empty.status_code == 409 and empty.json()["field"] == "owner"
