"""Every route's OpenAPI lists the error statuses the kernel can answer, each with its error body.

The statuses come from what every route shares: the token check (401, 403), an input naming a
record by its id (404), a write that can meet a constraint (409), a body (413) and validation (422).
"""

from fastapi import FastAPI
from pydantic import BaseModel


class ErrorOut(BaseModel):
    """A refusal: its kind, a message for people, and the field it is about when there is one."""

    error: str
    message: str
    field: str | None = None


class FieldError(BaseModel):
    field: str
    reason: str


class ValidationErrorOut(BaseModel):
    """A 422: each offending field by its path (`body.service_lines.0.cpt`, `query.as_of`)."""

    error: str
    errors: list[FieldError]


_WRITES = {"POST", "PUT", "PATCH", "DELETE"}
_ONE_OF_422 = {
    "anyOf": [{"$ref": "#/components/schemas/ValidationErrorOut"}, {"$ref": "#/components/schemas/ErrorOut"}]
}
_DESCRIPTIONS = {
    401: "No valid token: missing, expired, forged, or revoked (signed out, session ended, access withdrawn).",
    403: "The token's roles or locations do not reach this (refusals of patient data are audited).",
    404: "A record named by the request (in its path, query or body) does not exist.",
    409: "The change conflicts with the current state (a double booking, a duplicate, an idempotency key reused).",
    413: "The body is larger than the limit.",
    422: "A field is invalid; each is named by its path.",
}


def document_errors(app: FastAPI, *, extra: dict[int, str] | None = None) -> None:
    """Patch the app's OpenAPI so each guarded operation lists the error statuses it can answer, with bodies."""
    build = app.openapi

    def openapi() -> dict:
        if app.openapi_schema:
            return app.openapi_schema
        document = build()
        schemas = document.setdefault("components", {}).setdefault("schemas", {})
        for model in (ErrorOut, FieldError, ValidationErrorOut):
            schemas[model.__name__] = model.model_json_schema(ref_template="#/components/schemas/{model}")
        for path, operations in document.get("paths", {}).items():
            if path.startswith("/health"):
                continue
            for method, operation in operations.items():
                for status in _statuses(path, method.upper(), operation, schemas, extra):
                    # A 422 is the validation handler's field list, or a use case's own refusal (Unprocessable).
                    body = _ONE_OF_422 if status == 422 else {"$ref": "#/components/schemas/ErrorOut"}
                    # A route's own description of a status (e.g. a break-glass 403) is kept, with the body added.
                    documented = operation.setdefault("responses", {}).setdefault(str(status), {})
                    documented.setdefault("description", (_DESCRIPTIONS | (extra or {}))[status])
                    documented["content"] = {"application/json": {"schema": body}}
                _document_replay(operation)
        schemas.pop("HTTPValidationError", None)  # FastAPI's own 422 body, which our handler never sends
        schemas.pop("ValidationError", None)
        app.openapi_schema = document
        return document

    app.openapi = openapi


def _document_replay(operation: dict) -> None:
    """A create that takes an Idempotency-Key answers a replay with 200 and the record the key first made."""
    takes_key = any(p.get("name", "").lower() == "idempotency-key" for p in operation.get("parameters", []))
    responses = operation.get("responses", {})
    if takes_key and "201" in responses and "200" not in responses:
        responses["200"] = responses["201"] | {
            "description": "Replayed: the record this Idempotency-Key first made, as it is (nothing is written)."
        }


def _guarded(operation: dict) -> bool:
    return any(p.get("name") == "Authorization" for p in operation.get("parameters", []))


def _names_a_record(path: str, operation: dict, schemas: dict) -> bool:
    """A path parameter, or an `…_id` in the query or the body's top level: a record that may not exist."""
    if "{" in path:
        return True
    if any(p.get("in") == "query" and _is_id(p.get("name", "")) for p in operation.get("parameters", [])):
        return True
    for content in operation.get("requestBody", {}).get("content", {}).values():
        schema = content.get("schema", {})
        if ref := schema.get("$ref"):
            schema = schemas.get(ref.rsplit("/", 1)[-1], {})
        if any(_is_id(name) for name in schema.get("properties", {})):
            return True
    return False


def _is_id(name: str) -> bool:
    return name.endswith("_id") or name.endswith("_ids")


def _statuses(path: str, method: str, operation: dict, schemas: dict, extra: dict[int, str] | None) -> set[int]:
    """What the kernel can answer here: what the route declares, what its guard and its body add, and `extra`."""
    known = _DESCRIPTIONS.keys() | (extra or {}).keys()
    statuses = {int(status) for status in operation.get("responses", {}) if status.isdigit() and int(status) in known}
    statuses |= set(extra or {})
    if "requestBody" in operation:
        statuses |= {413, 422}
    if "security" in operation or _guarded(operation):
        statuses |= {401, 403, 422}
        if _names_a_record(path, operation, schemas):
            statuses.add(404)
        if method in _WRITES:
            statuses |= {409, 413}
    return statuses
