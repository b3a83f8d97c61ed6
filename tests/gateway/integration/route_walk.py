"""Requests for every route of the combined OpenAPI that names a location, aimed at another location."""

import re
from dataclasses import dataclass, field

SAMPLES = {"date": "2026-11-02", "date-time": "2026-12-01T15:00:00Z", "time": "09:00:00",
           "email": "walk@example.org", "uuid": "00000000-0000-4000-8000-000000000000"}
# Values the services' own validators accept, by field name, then candidates tried against a pattern.
BY_NAME = {"cpt": "99213", "npi": "1234567893", "tax_id": "123456789", "state": "CA",
           "phone": "+1 555 010 2000", "month": "2026-11", "start_month": "2026-11", "end_month": "2026-12"}
CANDIDATES = ["2026-11", "1234567893", "123456789", "99213", "E11.9", "CA", "94110-1234", "+1 555 010 2000", "walk-x"]


@dataclass
class Probe:
    method: str
    path: str
    params: dict[str, str] = field(default_factory=dict)
    body: object = None


def location_routes(spec: dict, location_id: str):
    """A probe per operation with a {location_id} path parameter or a location_id query parameter."""
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or method == "parameters":
                continue
            query = [p for p in operation.get("parameters", []) if p.get("in") == "query"]
            if "{location_id}" not in path and not any(p["name"] == "location_id" for p in query):
                continue
            probe = Probe(method.upper(), path)
            for param in operation.get("parameters", []):
                if param.get("in") == "path":
                    value = sample(spec, param.get("schema", {}), location_id, param["name"])
                    probe.path = probe.path.replace(f"{{{param['name']}}}", str(value))
            for param in query:
                if param["name"] == "location_id" or param.get("required"):
                    probe.params[param["name"]] = (location_id if param["name"] == "location_id"
                                                   else str(sample(spec, param.get("schema", {}), location_id,
                                                                   param["name"])))
            body = operation.get("requestBody", {}).get("content", {}).get("application/json")
            if body:
                probe.body = sample(spec, body["schema"], location_id)
            yield probe


def sample(spec: dict, schema: dict, location_id: str, name: str = ""):
    """A small instance that passes validation well enough to reach the handler's scope check."""
    if "$ref" in schema:
        return sample(spec, spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]], location_id, name)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return sample(spec, options[0], location_id, name)
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type", "object")
    if kind == "object":
        return {key: sample(spec, sub, location_id, key) for key, sub in schema.get("properties", {}).items()
                if key in schema.get("required", [])}
    if kind == "array":
        return [sample(spec, schema.get("items", {}), location_id, name)
                for _ in range(max(1, schema.get("minItems", 0)))]
    if kind in ("integer", "number"):
        return max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if name.endswith("location_id"):
        return location_id
    if name in BY_NAME:
        return BY_NAME[name]
    if schema.get("format") == "time":  # a span of a day: the end after the start
        return "17:00:00" if "end" in name else "09:00:00"
    if "pattern" in schema:
        return next((c for c in CANDIDATES if re.search(schema["pattern"], c)), "walk-x")
    return SAMPLES.get(schema.get("format", ""), "walk-" + "x" * max(0, schema.get("minLength", 1) - 5))
