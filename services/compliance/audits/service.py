"""The PHI access trail: append, verify, anchor and purge the hash chain."""

import uuid
from datetime import timedelta

from sqlalchemy import delete, select

from services.compliance.audits import access_patterns
from services.compliance.audits.domain import (
    CHAINED_FIELDS,
    GENESIS_HASH,
    OPTIONAL_CHAINED_FIELDS,
    ChainVerifier,
    record_hash,
)
from services.compliance.audits.models import AuditAnchor, AuditRecord, ChainHead
from shared.clock import utcnow
from shared.contracts.audit import PhiAccessed
from shared.contracts.compliance import AuditChainAnchored
from shared.db import insert_on_conflict
from shared.envelope import Envelope
from shared.uow import UnitOfWork

HEAD_ID = 1
_PAGE = 1000


async def _locked_head(uow: UnitOfWork) -> ChainHead:
    """The chain head, locked until commit: every append queues behind it (SQLite: BEGIN IMMEDIATE)."""
    session = uow.session
    # Created on first use; DO NOTHING lets two first appenders race safely.
    await session.execute(
        insert_on_conflict(session, ChainHead)
        .values(
            id=HEAD_ID,
            sequence=0,
            hash=GENESIS_HASH,
            genesis_sequence=0,
            genesis_hash=GENESIS_HASH,
        )
        .on_conflict_do_nothing()
    )
    return (
        await session.scalars(
            select(ChainHead).where(ChainHead.id == HEAD_ID).with_for_update().execution_options(populate_existing=True)
        )
    ).one()


async def append(*, uow: UnitOfWork, event: PhiAccessed, envelope: Envelope, settings) -> AuditRecord:
    """Chain one audit event onto the trail (inside the consumer's transaction), then check the patterns."""
    head = await _locked_head(uow)
    fields = dict(
        sequence=head.sequence + 1,
        event_id=envelope.id,
        service=envelope.type.split(".", 1)[0],
        actor=event.actor,
        actor_roles=list(event.actor_roles),
        actor_locations=list(event.actor_locations),
        action=event.action,
        resource=event.resource,
        resource_id=event.resource_id,
        patient_id=event.patient_id,
        location_id=event.location_id,
        outcome=event.outcome,
        occurred_at=event.occurred_at,
        source_ip=event.source_ip,
        break_glass=event.break_glass,
        reason=event.reason,
        recorded_at=utcnow(),
        prev_hash=head.hash,
    )
    record = AuditRecord(**fields, hash=record_hash(fields))
    uow.session.add(record)
    head.sequence, head.hash = record.sequence, record.hash
    await uow.session.flush()
    await access_patterns.check(uow=uow, record=record, settings=settings)
    return record


def _as_fields(record: AuditRecord) -> dict:
    return {name: getattr(record, name) for name in (*CHAINED_FIELDS, *OPTIONAL_CHAINED_FIELDS, "hash")}


async def verify(*, uow: UnitOfWork, external_anchor: tuple[int, str] | None = None) -> dict:
    """Walk the whole trail from its genesis and report the first broken link."""
    async with uow:
        session = uow.session
        head = await session.get(ChainHead, HEAD_ID)
        if head is None:
            head = ChainHead(sequence=0, hash=GENESIS_HASH, genesis_sequence=0, genesis_hash=GENESIS_HASH)
        anchors = {
            a.sequence: a.head_hash
            for a in await session.scalars(select(AuditAnchor).where(AuditAnchor.sequence > head.genesis_sequence))
        }
        if external_anchor:
            anchors[external_anchor[0]] = external_anchor[1]
        verifier = ChainVerifier(head.genesis_sequence, head.genesis_hash, anchors)
        after = head.genesis_sequence
        while True:  # keyset pages: the trail may be far larger than memory
            page = (
                await session.scalars(
                    select(AuditRecord).where(AuditRecord.sequence > after).order_by(AuditRecord.sequence).limit(_PAGE)
                )
            ).all()
            if not page or not all(verifier.feed(_as_fields(r)) for r in page):
                break
            after = page[-1].sequence
            session.expunge_all()
        verifier.finish(head.sequence, head.hash)
    return verifier.report()


async def anchor(*, uow: UnitOfWork, only_if_moved: bool = False) -> AuditAnchor | None:
    """Record and publish the current chain head; the periodic job skips an unchanged head."""
    async with uow:
        head = await _locked_head(uow)
        last = await uow.session.scalar(select(AuditAnchor.sequence).order_by(AuditAnchor.sequence.desc()).limit(1))
        if only_if_moved and (head.sequence == 0 or last == head.sequence):
            return None
        row = AuditAnchor(id=str(uuid.uuid4()), sequence=head.sequence, head_hash=head.hash, anchored_at=utcnow())
        uow.session.add(row)
        await uow.emit(
            AuditChainAnchored(
                anchor_id=row.id, sequence=row.sequence, head_hash=row.head_hash, anchored_at=row.anchored_at
            ),
            subject="audit-chain",
        )
    return row


async def purge_expired(*, uow: UnitOfWork, retention_days: int) -> int:
    """Drop records older than the retention period; the last one dropped becomes the new genesis."""
    cutoff = utcnow() - timedelta(days=retention_days)
    async with uow:
        session = uow.session
        head = await _locked_head(uow)
        # Only a prefix of the chain may go, or verification would see a hole.
        newest_old = await session.scalar(
            select(AuditRecord.sequence)
            .where(AuditRecord.recorded_at < cutoff)
            .order_by(AuditRecord.sequence.desc())
            .limit(1)
        )
        if newest_old is None:
            return 0
        last_hash = await session.scalar(select(AuditRecord.hash).where(AuditRecord.sequence == newest_old))
        # The genesis moves first: the append-only trigger lets only records up to it go.
        head.genesis_sequence, head.genesis_hash = newest_old, last_hash
        await session.flush()
        result = await session.execute(
            delete(AuditRecord).where(AuditRecord.sequence <= newest_old).execution_options(synchronize_session=False)
        )
    return result.rowcount
