"""Merging patient records over HTTP: the duplicate's appointments move, refusals write nothing but the audit."""

import json

import pytest

from tests.support.flow import book_and_check_in, practice, register_patient
from tests.support.kafka_tools import read_all
from tests.support.suite import token
from tests.support.when import span

pytestmark = pytest.mark.integration

ADMIN_AB = token(roles=["practice_admin"], locations=["loc-a", "loc-b"])
FRONT_DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="frontdesk-a")
MANAGER_A = token(roles=["office_manager"], locations=["loc-a"])


def _events(records) -> list[tuple[str, dict]]:
    return [(dict(r.headers)["ce_type"].decode(), json.loads(r.value)) for r in records]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])  # exclusion constraint vs trigger on a re-point
async def test_merge_moves_appointments_and_hides_the_duplicate(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_AB) as admin:
        appointment_id = await book_and_check_in(suite, admin)
        duplicate = (await admin.get(f"/appointments/{appointment_id}")).json()["patient_id"]
        survivor = await register_patient(admin)
        elsewhere = await register_patient(admin, location_id="loc-b")
        await practice(suite, admin, providers=("prov-8",))
        # The same person booked twice at once: one record cannot hold both visits.
        clash = (
            await admin.post(
                "/appointments",
                json={"patient_id": survivor, "provider_id": "prov-8", "location_id": "loc-a", **span(0, "15:10", 20)},
            )
        ).json()["id"]  # overlaps book_and_check_in's 15:00-15:20

    async with suite.client("scheduling", MANAGER_A) as manager:
        response = await manager.post(f"/patients/{survivor}/merge", json={"duplicate_id": duplicate})
        assert response.status_code == 409 and response.json()["field"] == "duplicate_id", response.text
        cancelled = await manager.post(f"/appointments/{clash}/cancel", json={"by": "practice", "reason": "duplicate"})
        assert cancelled.status_code == 200, cancelled.text
        response = await manager.post(f"/patients/{survivor}/merge", json={"duplicate_id": duplicate})
        assert response.status_code == 200, response.text
        assert response.json()["survivor"]["id"] == survivor and response.json()["appointments_moved"] == 1
        assert (await manager.get(f"/appointments/{appointment_id}")).json()["patient_id"] == survivor
        gone = await manager.get(f"/patients/{duplicate}")
        assert gone.status_code == 404 and gone.json()["merged_into"] == survivor
        found = (await manager.get("/patients", params={"name": "rivera"})).json()["items"]
        assert [p["id"] for p in found] == [survivor]
        again = await manager.post(f"/patients/{survivor}/merge", json={"duplicate_id": duplicate})
        assert again.status_code == 404 and again.json()["field"] == "duplicate_id"

    records = await read_all(suite.bootstrap, suite.topic("scheduling.patient"), expect=4)
    merged = [e for t, e in _events(records) if t == "scheduling.patient.merged"]
    assert merged == [{"survivor_id": survivor, "duplicate_id": duplicate}]
    assert await suite.scalar("scheduling", "SELECT merged_into FROM patient WHERE id = :d", d=duplicate) == survivor
    assert (
        await suite.scalar(
            "scheduling", "SELECT count(*) FROM patient WHERE id = :e AND merged_into IS NULL", e=elsewhere
        )
        == 1
    )


async def test_merge_refusals(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_AB) as admin:
        first, second = await register_patient(admin), await register_patient(admin)
        elsewhere = await register_patient(admin, location_id="loc-b")

    async with suite.client("scheduling", MANAGER_A) as manager:
        response = await manager.post(f"/patients/{first}/merge", json={"duplicate_id": first})
        assert response.status_code == 422 and response.json()["field"] == "duplicate_id"
        response = await manager.post(f"/patients/{first}/merge", json={})
        assert response.status_code == 422 and [e["field"] for e in response.json()["errors"]] == ["body.duplicate_id"]
        response = await manager.post(f"/patients/{first}/merge", json={"duplicate_id": elsewhere})
        assert response.status_code == 403 and response.json()["field"] == "location_id"
        assert (await manager.post(f"/patients/{elsewhere}/merge", json={"duplicate_id": first})).status_code == 403
    async with suite.client("scheduling", FRONT_DESK_A) as desk:
        assert (await desk.post(f"/patients/{first}/merge", json={"duplicate_id": second})).status_code == 403
    # Nothing of the refused attempts was written, yet each refusal, by location or by role, is on the trail.
    assert await suite.scalar("scheduling", "SELECT count(*) FROM patient WHERE merged_into IS NOT NULL") == 0
    audits = [e for _, e in _events(await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=6))]
    refused = [e for e in audits if e["outcome"] == "denied"]  # partitions by patient: no order across them
    assert sorted((e["action"], e["patient_id"], e["location_id"] or "") for e in refused) == sorted(
        [("update", elsewhere, "loc-b")] * 2 + [("update", first, "")]  # the desk's, refused before any read
    )
