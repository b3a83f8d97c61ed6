"""Every route's OpenAPI lists the error statuses the kernel can answer, each with its error body.

The statuses come from what every route shares: the token check (401, 403), a path naming a
record (404), a write that can meet a constraint (409), a body (413) and validation (422).
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
    404: "The record named in the path does not exist.",
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
            for method, operation in operations.items():
                if path.startswith("/health"):
                    continue
                if "security" not in operation and not _guarded(operation):
                    # An open route (sign-in) keeps its own statuses; its 422 is still our handler's body.
                    if "422" in operation.get("responses", {}):
                        operation["responses"]["422"]["content"] = {"application/json": {"schema": _ONE_OF_422}}
                    continue
                for status in _statuses(path, method.upper(), extra):
                    # A 422 is the validation handler's field list, or a use case's own refusal (Unprocessable).
                    body = _ONE_OF_422 if status == 422 else {"$ref": "#/components/schemas/ErrorOut"}
                    # A route's own description of a status (e.g. a break-glass 403) is kept, with the body added.
                    documented = operation.setdefault("responses", {}).setdefault(str(status), {})
                    documented.setdefault("description", (_DESCRIPTIONS | (extra or {}))[status])
                    documented["content"] = {"application/json": {"schema": body}}
        schemas.pop("HTTPValidationError", None)  # FastAPI's own 422 body, which our handler never sends
        schemas.pop("ValidationError", None)
        app.openapi_schema = document
        return document

    app.openapi = openapi


def _guarded(operation: dict) -> bool:
    return any(p.get("name") == "Authorization" for p in operation.get("parameters", []))


def _statuses(path: str, method: str, extra: dict[int, str] | None) -> list[int]:
    statuses = [401, 403, 422]
    if "{" in path:
        statuses.append(404)
    if method in _WRITES:
        statuses += [409, 413]
    return sorted({*statuses, *(extra or {})})
