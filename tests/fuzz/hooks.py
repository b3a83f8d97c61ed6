"""Schemathesis hooks of `make fuzz`: a token of each role in turn, and writes aimed at the seeded location.

Loaded by `st run` through SCHEMATHESIS_HOOKS=tests.fuzz.hooks; the fuzz test passes the tokens and the
location in FUZZ_TOKENS (JSON, role → token) and FUZZ_LOCATION, and reads the statuses seen from the
file named by FUZZ_TALLY.
"""

import atexit
import itertools
import json
import os
from collections import Counter
from pathlib import Path

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode

TOKENS: dict[str, str] = json.loads(os.environ.get("FUZZ_TOKENS", "{}"))
LOCATION = os.environ.get("FUZZ_LOCATION", "")
LOCATION_FIELDS = {"location_id", "home_location_id", "location"}
# Every other case goes as the practice admin, who may do everything at the location, so the domain is
# reached; the cases between take the other roles in turn, so every route meets every role.
_OTHERS = sorted(set(TOKENS) - {"practice_admin"})
_roles = itertools.cycle([r for other in _OTHERS for r in ("practice_admin", other)] or sorted(TOKENS))
_statuses: Counter[int] = Counter()


@atexit.register
def _write_tally() -> None:
    if path := os.environ.get("FUZZ_TALLY"):
        Path(path).write_text(json.dumps({str(status): n for status, n in sorted(_statuses.items())}))


@schemathesis.hook
def after_call(context, case, response):
    """Count every answer by status, for the run's figures."""
    _statuses[response.status_code] += 1


@schemathesis.auth(refresh_interval=None)
class EachRoleInTurn:
    """Every case is sent with the next role's token."""

    def get(self, case, ctx):
        return TOKENS[next(_roles)] if TOKENS else None

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.hook
def map_case(context, case):
    """Valid inputs name the seeded location, so writes get past the location check and into the domain."""
    if not LOCATION:
        return case
    for where, container in (
        (ParameterLocation.PATH, case.path_parameters),
        (ParameterLocation.QUERY, case.query),
        (ParameterLocation.BODY, case.body),
    ):
        component = case.meta.components.get(where) if case.meta else None
        if isinstance(container, dict) and (component is None or component.mode is GenerationMode.POSITIVE):
            for name in LOCATION_FIELDS & container.keys():
                container[name] = LOCATION
    return case
