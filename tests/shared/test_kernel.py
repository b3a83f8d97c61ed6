"""Shared kernel pieces: money, UTC times, tokens, location scope and the audit of refused PHI access."""

import json
import tempfile
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from sqlalchemy import select

from shared.audit import PhiAccessDenied, audit_denials, ensure_phi_access
from shared.auth import Principal, decode_token, issue_token, principal_of
from shared.clock import utcnow
from shared.contracts.scheduling import PatientMerged
from shared.db import Money, UTCDateTime, create_engine, new_metadata, session_factory
from shared.errors import Forbidden, NotFound, Unauthorized
from shared.keys import KeyRing
from shared.messaging_tables import add_messaging_tables
from shared.public_keys import PublicKeys
from shared.uow import UnitOfWork

RING = KeyRing.open(Path(tempfile.mkdtemp(prefix="kernel-keys-")), token_lifetime=timedelta(minutes=15))
OTHER_RING = KeyRing.open(Path(tempfile.mkdtemp(prefix="kernel-other-keys-")), token_lifetime=timedelta(minutes=15))


async def _ring_jwks() -> dict:
    return RING.jwks()


KEYS = PublicKeys(_ring_jwks)


def test_money_is_stored_as_exact_cents():
    money = Money()
    assert money.process_bind_param(Decimal("1234.56"), None) == 123456
    assert money.process_result_value(123456, None) == Decimal("1234.56")
    with pytest.raises(ValueError, match="fractions of a cent"):
        money.process_bind_param(Decimal("0.005"), None)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(utcnow().replace(tzinfo=None), None)


async def test_token_round_trip_and_location_scope():
    token = issue_token(sub="u1", roles=["front_desk"], locations=["loc-a"], key=RING.current)
    principal = principal_of(await decode_token(token, keys=KEYS, issuer="clinicops-gateway"))
    assert principal.roles == {"front_desk"}
    principal.ensure_location("loc-a")
    with pytest.raises(Forbidden):
        principal.ensure_location("loc-b")
    assert Principal("u2", frozenset(), frozenset({"*"})).may_access("anywhere")


@pytest.mark.parametrize(
    "token",
    [
        issue_token(sub="u", roles=[], locations=[], key=RING.current, ttl=timedelta(seconds=-1)),  # expired
        issue_token(sub="u", roles=[], locations=[], key=OTHER_RING.current),  # forged
        issue_token(sub="u", roles=[], locations=[], key=RING.current, issuer="someone-else"),
    ],
)
async def test_bad_tokens_are_refused(token):
    with pytest.raises(Unauthorized):
        await decode_token(token, keys=KEYS, issuer="clinicops-gateway")


@pytest.fixture
async def new_uow(tmp_path):
    """Fresh units of work on a real SQLite outbox, as ServiceRuntime.uow hands them out."""
    metadata = new_metadata()
    tables = add_messaging_tables(metadata)
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/audit.db")
    async with engine.begin() as conn:
        await conn.run_sync(metadata.create_all)
    sessions = session_factory(engine)
    yield lambda: UnitOfWork(sessions, tables, source="/clinicops/unit", topic=str)
    await engine.dispose()


async def _audited(new_uow) -> list[dict]:
    async with new_uow() as uow:
        rows = await uow.session.execute(
            select(uow.tables.outbox.c.headers, uow.tables.outbox.c.payload).order_by(uow.tables.outbox.c.id)
        )
        return [json.loads(payload) | {"type": headers["ce_type"]} for headers, payload in rows]


CLINICIAN_B = Principal("clin-b", frozenset({"clinician"}), frozenset({"loc-b"}), "10.0.0.7")
RECORD = dict(action="read", resource="Patient", resource_id="p1", patient_id="p1", location_id="loc-a")


async def test_a_refused_phi_access_is_audited_as_denied_in_its_own_unit_of_work(new_uow):
    with pytest.raises(Forbidden) as refused:
        async with audit_denials(new_uow), new_uow() as uow:
            await uow.emit(PatientMerged(survivor_id="p1", duplicate_id="p2"), subject="p2")  # rolls back
            ensure_phi_access(CLINICIAN_B, **RECORD)
    assert refused.value.status == 403 and refused.value.to_dict() == {
        "error": "PhiAccessDenied",
        "message": "no access to location loc-a",
        "field": "location_id",
    }
    (denied,) = await _audited(new_uow)
    assert denied | {"occurred_at": None} == {
        "type": "unit.audit.phi_accessed",
        "actor": "clin-b",
        "actor_roles": ["clinician"],
        "action": "read",
        "resource": "Patient",
        "resource_id": "p1",
        "patient_id": "p1",
        "location_id": "loc-a",
        "outcome": "denied",
        "occurred_at": None,
        "source_ip": "10.0.0.7",
        "break_glass": False,
        "reason": None,
        "actor_locations": ["loc-b"],
    }


async def test_access_in_scope_or_by_broken_glass_passes_and_other_errors_are_not_denials(new_uow):
    assert ensure_phi_access(Principal("a", frozenset({"front_desk"}), frozenset({"loc-a"})), **RECORD) is False
    assert ensure_phi_access(Principal("g", frozenset({"biller"}), frozenset({"*"})), **RECORD) is False
    assert ensure_phi_access(CLINICIAN_B, **RECORD, break_glass="unconscious in the ER") is True
    admin_b = Principal("adm", frozenset({"practice_admin"}), frozenset({"loc-b"}))
    assert ensure_phi_access(admin_b, **RECORD, break_glass="unconscious in the ER") is True
    with pytest.raises(NotFound):
        async with audit_denials(new_uow), new_uow():
            raise NotFound("no such patient", field="patient_id")
    assert await _audited(new_uow) == []
    desk_b = Principal("desk-b", frozenset({"front_desk", "office_manager"}), frozenset({"loc-b"}))
    with pytest.raises(PhiAccessDenied, match="only clinicians and practice admins"):
        async with audit_denials(new_uow):
            ensure_phi_access(desk_b, **RECORD, break_glass="unconscious in the ER")
    (denied,) = await _audited(new_uow)
    assert (denied["outcome"], denied["break_glass"], denied["reason"]) == ("denied", False, "unconscious in the ER")
