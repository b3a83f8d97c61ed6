"""Each service's OpenAPI says what its routes answer: the kernel's error statuses with their bodies."""

import pytest

from tests.shared.test_route_security import APPS

ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}
INVALID = {"application/json": {"schema": {"$ref": "#/components/schemas/ValidationErrorOut"}}}


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
            wanted = {"401", "403", "422"} | ({"404"} if "{" in path else set())
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
