"""Shared kernel pieces: money, UTC times, tokens, location scope and the audit of refused PHI access."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from shared.audit import PhiAccessDenied, audit_denials, ensure_phi_access
from shared.auth import Principal, issue_token, verify_token
from shared.clock import utcnow
from shared.contracts.scheduling import PatientMerged
from shared.db import Money, UTCDateTime, create_engine, new_metadata, session_factory
from shared.errors import Forbidden, NotFound, Unauthorized
from shared.messaging_tables import add_messaging_tables
from shared.uow import UnitOfWork

SECRET = "unit-test-secret-0123456789-0123456789"


def test_money_is_stored_as_exact_cents():
    money = Money()
    assert money.process_bind_param(Decimal("1234.56"), None) == 123456
    assert money.process_result_value(123456, None) == Decimal("1234.56")
    with pytest.raises(ValueError, match="fractions of a cent"):
        money.process_bind_param(Decimal("0.005"), None)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="naive"):
        UTCDateTime().process_bind_param(utcnow().replace(tzinfo=None), None)


def test_token_round_trip_and_location_scope():
    token = issue_token(sub="u1", roles=["front_desk"], locations=["loc-a"], secret=SECRET)
    principal = verify_token(token, secret=SECRET, issuer="clinicops-gateway")
    assert principal.roles == {"front_desk"}
    principal.ensure_location("loc-a")
    with pytest.raises(Forbidden):
        principal.ensure_location("loc-b")
    assert Principal("u2", frozenset(), frozenset({"*"})).may_access("anywhere")


@pytest.mark.parametrize("token", [
    issue_token(sub="u", roles=[], locations=[], secret=SECRET, ttl=timedelta(seconds=-1)),  # expired
    issue_token(sub="u", roles=[], locations=[], secret="another-secret-0123456789-abcdef"),  # forged
    issue_token(sub="u", roles=[], locations=[], secret=SECRET, issuer="someone-else"),
])
def test_bad_tokens_are_refused(token):
    with pytest.raises(Unauthorized):
        verify_token(token, secret=SECRET, issuer="clinicops-gateway")


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
        rows = await uow.session.execute(select(uow.tables.outbox.c.headers, uow.tables.outbox.c.payload)
                                         .order_by(uow.tables.outbox.c.id))
        return [json.loads(payload) | {"type": headers["ce_type"]} for headers, payload in rows]


CLINICIAN_B = Principal("clin-b", frozenset({"clinician"}), frozenset({"loc-b"}), "10.0.0.7")
RECORD = dict(action="read", resource="Patient", resource_id="p1", patient_id="p1", location_id="loc-a")


async def test_a_refused_phi_access_is_audited_as_denied_in_its_own_unit_of_work(new_uow):
    with pytest.raises(Forbidden) as refused:
        async with audit_denials(new_uow), new_uow() as uow:
            await uow.emit(PatientMerged(survivor_id="p1", duplicate_id="p2"), subject="p2")  # rolls back
            ensure_phi_access(CLINICIAN_B, **RECORD)
    assert refused.value.status == 403 and refused.value.to_dict() == {
        "error": "PhiAccessDenied", "message": "no access to location loc-a", "field": "location_id"}
    (denied,) = await _audited(new_uow)
    assert denied | {"occurred_at": None} == {
        "type": "unit.audit.phi_accessed", "actor": "clin-b", "actor_roles": ["clinician"], "action": "read",
        "resource": "Patient", "resource_id": "p1", "patient_id": "p1", "location_id": "loc-a",
        "outcome": "denied", "occurred_at": None, "source_ip": "10.0.0.7", "break_glass": False, "reason": None,
        "actor_locations": ["loc-b"]}


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
