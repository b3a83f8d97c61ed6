"""The combined OpenAPI and the AsyncAPI document of every topic."""

import re

from services.gateway.documents.domain import combine
from shared.asyncapi import build_asyncapi
from shared.contracts import EVENT_TYPES

GATEWAY = {
    "openapi": "3.1.0",
    "info": {"title": "gw", "version": "1.0"},
    "paths": {"/api/v1/auth/sign-in": {"post": {"operationId": "sign_in"}}},
}
SCHEDULING = {
    "openapi": "3.1.0",
    "info": {"title": "s", "version": "1.0"},
    "paths": {
        "/health/live": {"get": {"operationId": "live"}},
        "/patients/{patient_id}": {
            "get": {
                "operationId": "get_patient",
                "tags": ["patients"],
                "responses": {
                    "200": {"content": {"application/json": {"schema": {"$ref": "#/components/schemas/PatientOut"}}}}
                },
            }
        },
    },
    "components": {
        "schemas": {
            "PatientOut": {"properties": {"address": {"$ref": "#/components/schemas/PostalAddress"}}},
            "PostalAddress": {"type": "object"},
        },
        "securitySchemes": {"HTTPBearer": {"type": "http", "scheme": "bearer"}},
    },
}


def test_service_paths_are_prefixed_and_schemas_renamed_apart():
    doc = combine(GATEWAY, {"scheduling": SCHEDULING, "billing": None})
    assert set(doc["paths"]) == {"/api/v1/auth/sign-in", "/api/v1/scheduling/patients/{patient_id}"}
    operation = doc["paths"]["/api/v1/scheduling/patients/{patient_id}"]["get"]
    assert operation["operationId"] == "scheduling_get_patient"
    assert operation["tags"] == ["scheduling: patients"]
    ref = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert ref == "#/components/schemas/SchedulingPatientOut"
    schemas = doc["components"]["schemas"]
    assert (
        schemas["SchedulingPatientOut"]["properties"]["address"]["$ref"]
        == "#/components/schemas/SchedulingPostalAddress"
    )
    assert "HTTPBearer" in doc["components"]["securitySchemes"]
    assert doc["x-unavailable-services"] == ["billing"]


def test_a_proxied_route_documents_what_the_gateway_itself_answers():
    # found by `make fuzz`: the gateway's 400 (control character), 429, 503 and 504 were in no document
    doc = combine(GATEWAY, {"scheduling": SCHEDULING})
    responses = doc["paths"]["/api/v1/scheduling/patients/{patient_id}"]["get"]["responses"]
    assert {"200", "400", "429", "503", "504"} <= set(responses)
    assert responses["429"]["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/ErrorOut"}


def test_a_proxied_path_parameter_says_it_takes_no_control_character():
    spec = {
        **SCHEDULING,
        "paths": {
            "/patients/{patient_id}": {
                "get": {
                    "operationId": "get_patient",
                    "parameters": [
                        {"name": "patient_id", "in": "path", "required": True, "schema": {"type": "string"}}
                    ],
                }
            }
        },
    }
    operation = combine(GATEWAY, {"scheduling": spec})["paths"]["/api/v1/scheduling/patients/{patient_id}"]["get"]
    pattern = operation["parameters"][0]["schema"]["pattern"]
    assert re.fullmatch(pattern, "p-1") and not re.fullmatch(pattern, "p-1\x00")  # the gateway's 400


def test_asyncapi_has_a_channel_per_topic_and_a_message_per_event_type():
    doc = build_asyncapi(bootstrap_servers="127.0.0.1:9092", topic=lambda t: f"prod.{t}")
    assert doc["asyncapi"] == "3.0.0"
    messages = doc["components"]["messages"]
    assert set(messages) == set(EVENT_TYPES)  # every contract module was loaded
    completed = messages["scheduling.appointment.completed"]
    assert completed["headers"]["properties"]["ce_type"]["const"] == "scheduling.appointment.completed"
    assert {"ce_id", "ce_source", "ce_time", "ce_subject"} <= set(completed["headers"]["required"])
    assert doc["components"]["schemas"]["AppointmentCompleted"]["required"]
    channel = doc["channels"]["scheduling.appointment"]
    assert channel["address"] == "prod.scheduling.appointment"
    assert "scheduling.appointment.completed" in channel["messages"]
    assert messages["scheduling.patient.registered"]["x-contains-phi"] is True
    refs = [m["$ref"] for op in doc["operations"].values() for m in op["messages"]]
    assert all(r.startswith("#/channels/") for r in refs)
