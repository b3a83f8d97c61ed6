"""Requests for every route of the combined OpenAPI, aimed at location B's real records, and what each must answer.

A route is "located" when its request names location B: a location id in the path, query or body, or the
id of one of B's records (made first by the test) anywhere in it, or a body made for B's records (an 835
whose CLP01 is B's claim). A location-A token must get 403 there, or 404 where the route documents 404 for
unknown ids. A route that names no location at all is group-wide:
it must say nothing of B's records to a location-A token.
"""

import re
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from tests.support.dates import days_ago, iso_utc, month_string, next_monday_at
from tests.support.flow import VISIT

START = next_monday_at(9, tz="America/Los_Angeles")
SAMPLES = {
    "date": days_ago(3).isoformat(),
    "date-time": iso_utc(START),
    "time": "09:00:00",
    "email": "walk@example.org",
    "uuid": "00000000-0000-4000-8000-000000000000",
}
# A span's end after its start: a visit's 20 minutes, a series' last day.
ENDS = {"end": iso_utc(START + timedelta(minutes=20)), "until": iso_utc(START + timedelta(weeks=3))}
# Values the services' own validators accept, by field name, then candidates tried against a pattern.
BY_NAME = {
    "cpt": "99213",
    "npi": "1234567893",
    "tax_id": "123456789",
    "state": "CA",
    "year": days_ago(3).year,
    "timezone": "America/Los_Angeles",
    "diagnosis_codes": "E11.9",
    "phone": "+1 555 010 2000",
    "month": month_string(-1),
    "start_month": month_string(-1),
    "end_month": month_string(0),
}
CANDIDATES = [
    month_string(-1),
    "1234567893",
    "123456789",
    "99213",
    "E11.9",
    "CA",
    "94110-1234",
    "+1 555 010 2000",
    "walk-x",
]
# Bodies the sampler cannot guess: rules across fields that validation checks before the handler's scope.
BODIES = {
    "POST /api/v1/scheduling/appointments/{appointment_id}/complete": VISIT,
    "POST /api/v1/compliance/access-reviews/{campaign_id}/items/{item_id}/revoke": {
        "reason": "left the practice",
        "revoke_role": True,
    },
}
# Group-wide searches, asked for location B's records by what they hold.
QUERIES = {"GET /api/v1/scheduling/patients": {"name": "Okafor"}}
# Fields that hold a location's id, in paths, queries and bodies.
LOCATION_FIELDS = frozenset({"location_id", "home_location_id", "to_location_id"})


@dataclass
class Probe:
    method: str
    path: str  # the route's path template, e.g. /api/v1/billing/claims/{claim_id}
    url: str = ""  # with location B's ids put in
    params: dict[str, str] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)
    body: object = None
    located: bool = False  # the request names location B or one of its records
    documents_404: bool = False

    @property
    def route(self) -> str:
        return f"{self.method} {self.path}"


def operations(spec: dict):
    for path, methods in spec["paths"].items():
        for method, operation in methods.items():
            if isinstance(operation, dict) and method != "parameters":
                yield method.upper(), path, operation


def routes(spec: dict) -> list[str]:
    return [f"{method} {path}" for method, path, _ in operations(spec)]


def probe(spec: dict, route: str, ids: "RecordIds") -> Probe:
    """The request of `route` for location B's records, and whether it names B at all."""
    method, path = route.split(" ", 1)
    operation = spec["paths"][path][method.lower()]
    found = Probe(method, path, url=path, documents_404="404" in operation.get("responses", {}))
    for param in operation.get("parameters", []):
        name, where = param["name"], param.get("in")
        if where == "path":
            value = ids.get(path, name)
            if value is None:
                value = sample(spec, param.get("schema", {}), ids, name)
            found.located |= ids.names_b(path, name, value)
            found.url = found.url.replace(f"{{{name}}}", str(value))
        elif where == "query":
            value = ids.get(path, name)
            if value is not None or param.get("required"):
                value = value if value is not None else sample(spec, param.get("schema", {}), ids, name)
                found.params[name] = str(value)
                found.located |= ids.names_b(path, name, value)
        elif where == "header" and name.lower() == "idempotency-key":  # a write refused without one
            found.headers[name] = str(uuid.uuid4())
    found.params |= QUERIES.get(route, {})
    body = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if body:
        found.body = ids.bodies.get(route) or BODIES.get(route) or sample(spec, body["schema"], ids)
        found.located |= route in ids.bodies or ids.mentioned_in(found.body)
    return found


class RecordIds:
    """Location B's records by the name a path, query or body field gives their id."""

    def __init__(
        self,
        location_b: str,
        of_b: dict[str, str],
        *,
        by_path: dict[tuple[str, str], str],
        group_wide: dict[str, str],
        bodies: dict[str, object] | None = None,
    ):
        self.location_b = location_b
        # Whole bodies that name B's records inside a document (an 835 names B's claim only by CLP01), by route.
        self.bodies = bodies or {}
        self.of_b = of_b | {name: location_b for name in LOCATION_FIELDS}
        self.by_path = by_path  # where one name means two things (`item_id`: a supply, a review item)
        self.group_wide = group_wide  # records of no location (payers, courses, policies): fill, never B's
        self.by_name = group_wide | self.of_b

    def get(self, path: str, name: str):
        for (fragment, field_name), value in self.by_path.items():
            if field_name == name and fragment in path:
                return value
        return self.by_name.get(name)

    def names_b(self, path: str, name: str, value) -> bool:
        return value is not None and value in self.values()

    def values(self) -> set[str]:
        """B's ids and B itself, as they would show in an answer that leaks them."""
        return {str(v) for v in [*self.of_b.values(), *self.by_path.values()]}

    def mentioned_in(self, node) -> bool:
        if isinstance(node, dict):
            return any(self.mentioned_in(v) for v in node.values())
        if isinstance(node, list):
            return any(self.mentioned_in(v) for v in node)
        return isinstance(node, str) and node in self.values()


def sample(spec: dict, schema: dict, ids: RecordIds, name: str = ""):
    """A small instance that passes validation well enough to reach the handler's scope check."""
    if "$ref" in schema:
        return sample(spec, spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[1]], ids, name)
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return sample(spec, options[0], ids, name)
    if name and (known := ids.by_name.get(name)) is not None and schema.get("type", "string") == "string":
        return known
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    if "default" in schema and schema["default"] is not None:
        return schema["default"]
    kind = schema.get("type", "object")
    if kind == "object":
        return {
            key: sample(spec, sub, ids, key)
            for key, sub in schema.get("properties", {}).items()
            if key in schema.get("required", []) or key in ids.by_name or key in BY_NAME
        }
    if kind == "array":
        return [sample(spec, schema.get("items", {}), ids, name) for _ in range(max(1, schema.get("minItems", 0)))]
    if kind in ("integer", "number"):
        return BY_NAME.get(name) or max(1, schema.get("minimum", 1))
    if kind == "boolean":
        return False
    if name in BY_NAME:
        return BY_NAME[name]
    if schema.get("format") == "date-time" and name in ENDS:
        return ENDS[name]
    wall_clock = schema.get("format") == "time" or "HH:MM" in schema.get("description", "")
    if wall_clock:  # a span of a day: the end after the start
        return "17:00:00" if "end" in name or "closes" in name else "09:00:00"
    if schema.get("format") in SAMPLES:  # a date's pattern only bounds its year: the format's sample fits it
        return SAMPLES[schema["format"]]
    if "pattern" in schema:
        return next((c for c in CANDIDATES if re.search(schema["pattern"], c)), "walk-x")
    return SAMPLES.get(schema.get("format", ""), "walk-" + "x" * max(0, schema.get("minLength", 1) - 5))
