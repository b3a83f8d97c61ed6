"""The combined OpenAPI: every service's routes under /api/v1/<service>, schemas renamed apart."""

import copy

API_PREFIX = "/api/v1"
_INTERNAL = ("/health/",)  # probes for the supervisor, not for integrators
# What the gateway itself may answer for any proxied route, in its own error body.
_GATEWAY_ANSWERS = {
    "400": "A control character in the path or the query: refused before proxying.",
    "429": "Too many requests from this user or address; Retry-After says when to try again.",
    "503": "The service is down or not ready; try again shortly.",
    "504": "The service did not answer in time.",
}
# The gateway refuses a control character in a path with 400 before proxying: the document says so.
_NO_CONTROL_CHARACTERS = r"^[^\u0000-\u001f\u007f]*$"
_GATEWAY_ERROR = {"application/json": {"schema": {"$ref": "#/components/schemas/ErrorOut"}}}


def prefixed(service: str, spec: dict) -> tuple[dict, dict, dict]:
    """A service's (paths, schemas, security schemes) as the gateway exposes them."""
    prefix = service.title()
    renames = {name: f"{prefix}{name}" for name in spec.get("components", {}).get("schemas", {})}

    def rewrite(node):
        if isinstance(node, dict):
            return {k: (_renamed_ref(v, renames) if k == "$ref" else rewrite(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [rewrite(v) for v in node]
        return node

    paths = {}
    for path, operations in spec.get("paths", {}).items():
        if path.startswith(_INTERNAL):
            continue
        operations = rewrite(copy.deepcopy(operations))
        for operation in operations.values():
            if isinstance(operation, dict) and "operationId" in operation:
                operation["operationId"] = f"{service}_{operation['operationId']}"
                operation["tags"] = [f"{service}: {t}" for t in operation.get("tags", [])] or [service]
                for parameter in operation.get("parameters", []):
                    schema = parameter.get("schema", {})
                    if parameter.get("in") == "path" and schema.get("type") == "string" and "pattern" not in schema:
                        schema["pattern"] = _NO_CONTROL_CHARACTERS
                responses = operation.setdefault("responses", {})
                for status, description in _GATEWAY_ANSWERS.items():
                    responses.setdefault(status, {"description": description, "content": _GATEWAY_ERROR})
        paths[f"{API_PREFIX}/{service}{path}"] = operations
    components = spec.get("components", {})
    schemas = {renames[name]: rewrite(schema) for name, schema in components.get("schemas", {}).items()}
    return paths, schemas, components.get("securitySchemes", {})


def _renamed_ref(ref: str, renames: dict[str, str]) -> str:
    head, _, name = ref.rpartition("/")
    return f"{head}/{renames[name]}" if head == "#/components/schemas" and name in renames else ref


def combine(gateway_spec: dict, services: dict[str, dict | None]) -> dict:
    """The gateway's own spec plus each service's; services that did not answer are listed, not guessed."""
    combined = copy.deepcopy(gateway_spec)
    combined["paths"] = {p: ops for p, ops in combined["paths"].items() if not p.startswith(_INTERNAL)}
    combined["info"] = {
        "title": "clinicops API",
        "version": gateway_spec["info"]["version"],
        "description": "Every clinicops service behind the gateway; sign in at "
        f"{API_PREFIX}/auth/sign-in and send the access token as a bearer token.",
    }
    components = combined.setdefault("components", {})
    for service, spec in services.items():
        if spec is None:
            continue
        paths, schemas, security = prefixed(service, spec)
        combined["paths"].update(paths)
        components.setdefault("schemas", {}).update(schemas)
        components.setdefault("securitySchemes", {}).update(security)
    combined["x-unavailable-services"] = sorted(s for s, spec in services.items() if spec is None)
    return combined
