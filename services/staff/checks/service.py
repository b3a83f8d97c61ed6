"""The daily check: credentials expiring or expired, training overdue; each fact announced once.

Once-only is the database's job: a notice row per (credential, expiry date, stage) or per
(member, course, due date) is inserted with ON CONFLICT DO NOTHING, and only the run whose
insert landed emits the event, in the same transaction. Re-runs and concurrent runs publish nothing twice.
"""

import uuid
from datetime import date, timedelta
from functools import cache

from sqlalchemy import Table, select

from services.staff.checks.domain import EXPIRED, EXPIRING_THRESHOLDS, expiry_stage, stages_up_to
from services.staff.checks.models import CredentialNotice, TrainingNotice
from services.staff.checks.schemas import CheckOut
from services.staff.credentials.models import ACTIVE, Credential
from services.staff.members.models import StaffMember
from services.staff.trainings import service as trainings
from shared.clock import utcnow
from shared.contracts.staff import CredentialExpired, CredentialExpiring, TrainingOverdue
from shared.db import dialect_insert
from shared.uow import UnitOfWork


@cache
def _insert_once(table: Table, dialect: str):
    return dialect_insert(dialect)(table).on_conflict_do_nothing()


async def _first_notice(uow: UnitOfWork, table: Table, **values) -> bool:
    """Insert the notice row; True only for the one transaction that inserted it."""
    statement = _insert_once(table, uow.session.bind.dialect.name)
    result = await uow.session.execute(statement, dict(id=str(uuid.uuid4()), noticed_at=utcnow(), **values))
    return result.rowcount == 1


async def run_daily_check(*, uow: UnitOfWork, as_of: date) -> CheckOut:
    """Announce credentials reaching 90/60/30 days before expiry or expired, and overdue training."""
    counts = {"expiring": 0, "expired": 0, "training_overdue": 0}
    async with uow:
        horizon = as_of + timedelta(days=max(EXPIRING_THRESHOLDS))
        due = await uow.session.execute(
            select(Credential, StaffMember.home_location_id)
            .join(StaffMember, StaffMember.id == Credential.staff_id)
            .where(
                Credential.status == ACTIVE,
                Credential.superseded_by.is_(None),
                Credential.expires_on.is_not(None),
                Credential.expires_on <= horizon,
                StaffMember.terminated_on.is_(None),
            )
            .order_by(Credential.expires_on)
            .with_for_update(of=Credential)
        )
        for credential, location_id in due.all():
            if kind := await _announce_stage(uow, credential, location_id, as_of=as_of):
                counts[kind] += 1
        for member, course, due_on in await trainings.overdue(uow=uow, as_of=as_of):
            if await _first_notice(
                uow, TrainingNotice.__table__, staff_id=member.id, course_code=course.code, due_on=due_on
            ):
                await uow.emit(
                    TrainingOverdue(staff_id=member.id, course_code=course.code, due_on=due_on),
                    subject=member.id,
                    location_id=member.home_location_id,
                )
                counts["training_overdue"] += 1
    return CheckOut(as_of=as_of, **counts)


async def _announce_stage(uow: UnitOfWork, credential: Credential, location_id: str, *, as_of: date) -> str | None:
    stage = expiry_stage(credential.expires_on, as_of=as_of)
    if stage is None:
        return None
    if stage == EXPIRED:
        credential.status = EXPIRED
    # Less urgent stages not yet announced are recorded as skipped: a late first look at a
    # credential 20 days from expiry says "30 days", not also "90" and "60" after the fact.
    for earlier in stages_up_to(stage)[:-1]:
        await _first_notice(
            uow,
            CredentialNotice.__table__,
            credential_id=credential.id,
            expires_on=credential.expires_on,
            stage=earlier,
            announced=False,
        )
    if not await _first_notice(
        uow,
        CredentialNotice.__table__,
        credential_id=credential.id,
        expires_on=credential.expires_on,
        stage=stage,
        announced=True,
    ):
        return None
    common = dict(
        credential_id=credential.id, staff_id=credential.staff_id, kind=credential.kind, state=credential.state
    )
    if stage == EXPIRED:
        event = CredentialExpired(**common, expired_on=credential.expires_on)
    else:
        event = CredentialExpiring(**common, expires_on=credential.expires_on, threshold_days=int(stage))
    await uow.emit(event, subject=credential.id, location_id=location_id)
    return "expired" if stage == EXPIRED else "expiring"
