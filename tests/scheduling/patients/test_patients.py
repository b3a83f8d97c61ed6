"""Patient maintenance over HTTP: update, search, address; each audited and published."""

import json

import pytest

from tests.support.flow import register_patient
from tests.support.kafka_tools import read_all
from tests.support.suite import token

pytestmark = pytest.mark.integration

ADMIN_AB = token(roles=["practice_admin"], locations=["loc-a", "loc-b"])
FRONT_DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="frontdesk-a")


async def _register(client, family, given, born, phone=None, location_id="loc-a") -> str:
    response = await client.post(
        "/patients",
        json={
            "family_name": family,
            "given_name": given,
            "birth_date": born,
            "sex": "female",
            "phone": phone,
            "location_id": location_id,
        },
    )
    assert response.status_code == 201, response.text
    return response.json()["id"]


def _events(records) -> list[tuple[str, dict]]:
    return [(dict(r.headers)["ce_type"].decode(), json.loads(r.value)) for r in records]


def _fields(response) -> list[str]:
    return [e["field"] for e in response.json()["errors"]]


async def test_update_publishes_the_new_state_and_changes_what_get_returns(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", FRONT_DESK_A) as scheduling:
        patient_id = await register_patient(scheduling)
        response = await scheduling.patch(
            f"/patients/{patient_id}", json={"family_name": "Rivera-Lopez", "phone": None}
        )
        assert response.status_code == 200, response.text
        patient = (await scheduling.get(f"/patients/{patient_id}")).json()
        assert (patient["family_name"], patient["given_name"], patient["phone"]) == ("Rivera-Lopez", "Ana", None)

        for body, field in (
            ({"location_id": "loc-b"}, "body.location_id"),
            ({"family_name": None}, "body.family_name"),
            ({"birth_date": "2999-01-01"}, "body.birth_date"),
            ({"sex": "x"}, "body.sex"),
        ):
            response = await scheduling.patch(f"/patients/{patient_id}", json=body)
            assert response.status_code == 422 and _fields(response) == [field], response.text
        assert (await scheduling.patch("/patients/nobody", json={"given_name": "A"})).status_code == 404

    records = await read_all(suite.bootstrap, suite.topic("scheduling.patient"), expect=2)
    (_, registered), (ce_type, updated) = _events(records)
    assert ce_type == "scheduling.patient.updated" and records[1].key == patient_id.encode()
    assert updated == registered | {"family_name": "Rivera-Lopez", "phone": None}  # contacts travel too (issue 15)
    audits = _events(await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=3))
    assert [e["action"] for _, e in audits] == ["create", "update", "read"]


async def test_search_by_name_birth_date_and_phone_paged_and_location_scoped(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_AB) as admin:
        rivera = await _register(admin, "Rivera", "Ana", "1975-04-12", "+1 (555) 010-2000")
        rivers = await _register(admin, "Rivers", "Bob", "1980-01-01", "555-010-3000")
        smith = await _register(admin, "Smith", "ana", "1975-04-12")
        await _register(admin, "Rivas", "Carla", "1975-04-12", "555 010 2000", location_id="loc-b")

    async def ids(client, **params) -> list[str]:
        response = await client.get("/patients", params=params)
        assert response.status_code == 200, response.text
        return [p["id"] for p in response.json()["items"]]

    async with suite.client("scheduling", FRONT_DESK_A) as desk:
        assert await ids(desk, name="RIV") == [rivera, rivers]
        assert await ids(desk, name="ana") == [rivera, smith]
        assert await ids(desk, name="ana riv") == [rivera]
        assert await ids(desk, name="ri%") == []  # a wildcard is just a character
        assert await ids(desk, birth_date="1975-04-12") == [rivera, smith]
        assert await ids(desk, phone="5550102000") == [rivera]
        assert await ids(desk, phone="(555) 010-3000", name="riv") == [rivers]
        first = (await desk.get("/patients", params={"name": "riv", "limit": 1})).json()
        assert ([p["id"] for p in first["items"]], first["next_offset"]) == ([rivera], 1)
        second = (await desk.get("/patients", params={"name": "riv", "limit": 1, "offset": 1})).json()
        assert ([p["id"] for p in second["items"]], second["next_offset"]) == ([rivers], None)

        for params, field in (
            ({"name": "riv", "limit": 101}, "query.limit"),
            ({"birth_date": "12/04/1975"}, "query.birth_date"),
            ({"phone": "12"}, "query.phone"),
        ):
            response = await desk.get("/patients", params=params)
            assert response.status_code == 422 and _fields(response) == [field], response.text
        response = await desk.get("/patients")  # no criterion: nobody browses the whole list
        assert response.status_code == 422 and response.json()["field"] == "name"

    async with suite.client("scheduling", token(roles=["clinician"], locations=["loc-b"])) as elsewhere:
        assert len(await ids(elsewhere, name="ri")) == 1  # Rivas only
        assert await ids(elsewhere, birth_date="1980-01-01") == []
    async with suite.client("scheduling", token(roles=["office_manager"], locations=["*"])) as group:
        assert len(await ids(group, birth_date="1975-04-12")) == 3
    async with suite.client("scheduling", token(roles=["biller"], locations=["*"])) as biller:
        assert (await biller.get("/patients", params={"name": "riv"})).status_code == 403


async def test_each_patient_a_search_returns_is_audited_as_a_read(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    async with suite.client("scheduling", ADMIN_AB) as admin:
        found = {
            await _register(admin, "Rivera", "Ana", "1975-04-12"),
            await _register(admin, "Rivers", "Bo", "1980-01-01"),
        }
        await _register(admin, "Smith", "Cy", "1990-01-01")
    async with suite.client("scheduling", FRONT_DESK_A) as desk:
        assert len((await desk.get("/patients", params={"name": "riv"})).json()["items"]) == 2

    audits = [e for _, e in _events(await read_all(suite.bootstrap, suite.topic("scheduling.audit"), expect=5))]
    reads = [e for e in audits if e["action"] == "read"]
    assert {e["patient_id"] for e in reads} == found and len(reads) == 2
    assert {(e["actor"], e["resource"], e["location_id"]) for e in reads} == {("frontdesk-a", "Patient", "loc-a")}


async def test_address_travels_to_billing_and_the_emergency_contact_stays_home(make_suite):
    suite = make_suite("sqlite")
    await suite.start("scheduling")
    address = {"line1": "12 Elm St", "line2": None, "city": "Fresno", "state": "CA", "postal_code": "93701"}
    async with suite.client("scheduling", FRONT_DESK_A) as scheduling:
        bad = await scheduling.post(
            "/patients",
            json={
                "family_name": "Ruiz",
                "given_name": "Eva",
                "birth_date": "1990-01-02",
                "sex": "female",
                "location_id": "loc-a",
                "address": address | {"postal_code": "9370"},
            },
        )
        assert _fields(bad) == ["body.address.postal_code"]
        created = await scheduling.post(
            "/patients",
            json={
                "family_name": "Ruiz",
                "given_name": "Eva",
                "birth_date": "1990-01-02",
                "sex": "female",
                "location_id": "loc-a",
                "address": address,
                "emergency_contact": {"name": "Luis Ruiz", "phone": "+1 559 555 0101", "relationship": "spouse"},
            },
        )
        assert created.status_code == 201, created.text
        patient = (await scheduling.get(f"/patients/{created.json()['id']}")).json()
        assert patient["address"] == address and patient["emergency_contact"]["relationship"] == "spouse"
        moved = await scheduling.patch(f"/patients/{patient['id']}", json={"address": address | {"city": "Clovis"}})
        assert moved.json()["address"]["city"] == "Clovis"

    events = _events(await read_all(suite.bootstrap, suite.topic("scheduling.patient"), expect=2))
    assert [e["address"]["city"] for _, e in events] == ["Fresno", "Clovis"]
    assert all("emergency_contact" not in e for _, e in events)  # billing has no use for it
