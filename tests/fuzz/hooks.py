"""Schemathesis hooks of `make fuzz`: a token of each role in turn, and writes aimed at the seeded location.

Loaded by `st run` through SCHEMATHESIS_HOOKS=tests.fuzz.hooks. Tokens are minted here, one per case, with
the key of the stack under test (GATEWAY_SIGNING_KEY_DIR): a fuzzed sign-out then revokes only its own case's
token. The fuzz test names the location in FUZZ_LOCATION and reads the statuses seen from FUZZ_TALLY.
"""

import atexit
import itertools
import json
import os
from collections import Counter
from datetime import timedelta
from pathlib import Path

import schemathesis
from schemathesis.core.parameters import ParameterLocation
from schemathesis.generation import GenerationMode

from shared.auth import Role, issue_token
from shared.keys import KeyRing

LOCATION = os.environ.get("FUZZ_LOCATION", "")
LOCATION_FIELDS = {"location_id", "home_location_id", "location"}
# Every other case goes as the practice admin, who may do everything at the location, so the domain is
# reached; the cases between take the other roles in turn, so every route meets every role.
_OTHERS = [role.value for role in Role if role is not Role.PRACTICE_ADMIN]
_roles = itertools.cycle([r for other in _OTHERS for r in (Role.PRACTICE_ADMIN.value, other)])
_statuses: Counter[int] = Counter()
_ring: KeyRing | None = None


def _token(role: str) -> str:
    global _ring
    if _ring is None:
        _ring = KeyRing.open(Path(os.environ["GATEWAY_SIGNING_KEY_DIR"]), token_lifetime=timedelta(minutes=15))
    return issue_token(sub=f"fuzz-{role}", roles=[role], locations=[LOCATION], key=_ring.current)


@atexit.register
def _write_tally() -> None:
    if path := os.environ.get("FUZZ_TALLY"):
        Path(path).write_text(json.dumps({str(status): n for status, n in sorted(_statuses.items())}))


@schemathesis.auth(refresh_interval=None)
class EachRoleInTurn:
    """Every case is sent with a fresh token of the next role."""

    def get(self, case, ctx):
        return _token(next(_roles))

    def set(self, case, data, ctx):
        case.headers = {**(case.headers or {}), "Authorization": f"Bearer {data}"}


@schemathesis.hook
def after_call(context, case, response):
    """Count every answer by status, for the run's figures."""
    _statuses[response.status_code] += 1


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
