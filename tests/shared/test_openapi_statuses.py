"""Each service's OpenAPI says what its routes answer: the kernel's error statuses with their bodies."""

import json

import pytest

from shared.fields import DAY_PATTERN
from tests.shared.test_route_security import APPS

ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
INVALID = {
    "application/json": {
        "schema": {
            "anyOf": [{"$ref": "#/components/schemas/ValidationErrorOut"}, {"$ref": "#/components/schemas/ErrorOut"}]
        }
    }
}


@pytest.mark.parametrize("service", APPS)
def test_every_guarded_operation_documents_its_error_statuses(service):
    document = APPS[service]().openapi()
    assert {"ErrorOut", "ValidationErrorOut"} <= set(document["components"]["schemas"])
    assert "HTTPValidationError" not in document["components"]["schemas"]  # a body the handler never sends
    checked = 0
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            if "security" not in operation:
                continue
            checked += 1
            wanted = {"401", "403", "422"} | ({"404"} if "{" in path else set())  # and where an id is given
            wanted |= {"409", "413"} if method in ("post", "put", "patch", "delete") else set()
            wanted |= {"429"} if service == "gateway" else set()
            responses = operation["responses"]
            assert wanted <= set(responses), (method, path, sorted(responses))
            for status in wanted:
                assert responses[status]["content"] == (INVALID if status == "422" else ERROR), (method, path, status)
    assert checked >= 4  # the gateway guards four operations of its own; each service many more


def test_the_statement_csv_is_documented_as_csv_and_opening_hours_as_wall_clock_times():
    billing = APPS["billing"]().openapi()
    ok = billing["paths"]["/patients/{patient_id}/statement.csv"]["get"]["responses"]["200"]
    assert list(ok["content"]) == ["text/csv"]
    facilities = APPS["facilities"]().openapi()
    opens = facilities["components"]["schemas"]["OpeningHours"]["properties"]["opens"]
    assert "format" not in opens and opens["pattern"].startswith("^([01][0-9]|2[0-3])")


async def test_a_body_that_is_not_utf8_is_a_422_naming_the_body_and_unknown_paths_keep_the_house_body():
    import httpx

    from tests.support.suite import token

    app = APPS["scheduling"]()
    admin = {
        "Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}",
        "content-type": "application/json",
    }
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        garbled = await client.patch("/patients/p-1", content=b"\x80\x81", headers=admin)
        missing = await client.get("/no-such-route", headers=admin)
    assert garbled.status_code == 422 and garbled.json()["errors"] == [
        {"field": "body", "reason": "the body is not valid JSON text (UTF-8)"}
    ]
    assert missing.status_code == 404 and missing.json() == {"error": "NotFound", "message": "Not Found"}


def test_dates_carry_their_years_in_the_openapi():
    scheduling = APPS["scheduling"]().openapi()
    day = next(
        p for p in scheduling["paths"]["/locations/{location_id}/day-sheet"]["get"]["parameters"] if p["name"] == "day"
    )
    assert day["schema"]["pattern"] == DAY_PATTERN and day["schema"]["format"] == "date"


async def test_an_empty_or_too_long_range_is_a_422_naming_its_end_not_a_400():
    import httpx

    from tests.support.suite import token

    admin = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}
    start = "2030-01-02T10:00:00Z"
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=APPS["scheduling"]()), base_url="http://t") as c:
        empty = await c.get(
            "/providers/p-1/bookability", params={"location_id": "loc-a", "start": start, "end": start}, headers=admin
        )
    assert empty.status_code == 422 and empty.json()["field"] == "end", empty.text


def test_an_id_in_the_query_or_body_documents_the_404_it_can_meet():
    scheduling = APPS["scheduling"]().openapi()
    assert "404" in scheduling["paths"]["/slots"]["get"]["responses"]  # location_id in the query
    assert "404" in scheduling["paths"]["/waitlist"]["post"]["responses"]  # patient_id in the body


async def test_a_405_allows_every_method_the_path_has_not_only_the_first_routes():
    import httpx

    from tests.support.suite import token

    app = APPS["scheduling"]()
    admin = {"Authorization": f"Bearer {token(roles=['practice_admin'], locations=['*'])}"}
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
        refused = await client.request("OPTIONS", "/locations/loc-a/appointment-types", headers=admin)
    assert refused.status_code == 405
    assert set(refused.headers["allow"].split(", ")) == {"GET", "POST"}


@pytest.mark.parametrize("service", APPS)
def test_no_time_of_day_claims_rfc3339_which_wants_an_offset(service):
    # found by `make fuzz`: a staffing rule answered "07:00:00" under `format: time`, which RFC 3339 reads
    # as needing an offset; local wall-clock times carry their own HH:MM pattern instead (shared.fields)
    assert '"format": "time"' not in json.dumps(APPS[service]().openapi())


def test_a_create_with_an_idempotency_key_documents_the_200_of_a_replay():
    billing = APPS["billing"]().openapi()
    for path in ("/locations/{location_id}/expenses", "/payments"):
        responses = billing["paths"][path]["post"]["responses"]
        assert responses["200"]["content"] == responses["201"]["content"], path  # the same record, as it is
        assert "Replayed" in responses["200"]["description"]
