"""A NUL in a patient's name is refused with 422 naming the field, and nothing is stored."""

import pytest

from tests.support.suite import token

pytestmark = pytest.mark.integration
FRONT_DESK_A = token(roles=["front_desk"], locations=["loc-a"], sub="frontdesk-a")


@pytest.mark.parametrize("backend", ["postgresql", "sqlite"])
async def test_control_characters_in_a_registration_store_nothing(make_suite, backend):
    suite = make_suite(backend)
    await suite.start("scheduling")
    patient = {
        "family_name": "Ri\u0000vera",
        "given_name": "Ana",
        "birth_date": "1980-04-02",
        "sex": "female",
        "location_id": "loc-a",
    }
    async with suite.client("scheduling", FRONT_DESK_A) as desk:
        refused = await desk.post("/patients", json=patient)
        assert refused.status_code == 422, refused.text
        assert [e["field"] for e in refused.json()["errors"]] == ["body.family_name"]
        searched = await desk.get("/patients", params={"name": "Lee\u0000"})
        assert searched.status_code == 422 and searched.json()["errors"][0]["field"] == "query.name"
        assert (await desk.post("/patients", json=patient | {"family_name": "Rivera"})).status_code == 201
    assert await suite.scalar("scheduling", "SELECT count(*) FROM patient") == 1
