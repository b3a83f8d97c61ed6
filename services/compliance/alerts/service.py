"""Alerts for compliance officers: raised once per condition, resolved by events or by hand."""

import uuid
from collections.abc import Collection

from sqlalchemy import select, update

from services.compliance.alerts.domain import SEVERITY, AlertKind
from services.compliance.alerts.models import Alert
from shared.auth import Principal
from shared.clock import utcnow
from shared.contracts.compliance import AlertRaised, AlertResolved
from shared.db import insert_on_conflict
from shared.errors import Conflict
from shared.loading import load_in_scope
from shared.uow import UnitOfWork

OPEN_STATUSES = ("open", "acknowledged")


async def raise_alert(
    *,
    uow: UnitOfWork,
    kind: AlertKind,
    dedupe_key: str,
    subject: str,
    location_id: str | None,
    details: dict,
    unpublished: Collection[str] = (),
) -> Alert | None:
    """Raise an alert unless this condition already raised one (the unique dedupe key decides).

    `unpublished` details (free text that may hold PHI) are stored for officers but not put on the topic.
    """
    now, alert_id = utcnow(), str(uuid.uuid4())
    statement = (
        insert_on_conflict(uow.session, Alert)
        .values(
            id=alert_id,
            dedupe_key=dedupe_key,
            kind=kind.value,
            severity=SEVERITY[kind],
            location_id=location_id,
            subject=subject,
            details=details,
            status="open",
            raised_at=now,
        )
        .on_conflict_do_nothing()
    )
    if (await uow.session.execute(statement)).rowcount != 1:
        return None
    await uow.emit(
        AlertRaised(
            alert_id=alert_id,
            kind=kind.value,
            severity=SEVERITY[kind],
            location_id=location_id,
            subject=subject,
            raised_at=now,
            details={k: v for k, v in details.items() if k not in unpublished},
        ),
        subject=alert_id,
        location_id=location_id,
    )
    return await uow.session.get(Alert, alert_id)


async def resolve_matching(*, uow: UnitOfWork, kind: AlertKind, subject: str, key_prefix: str, resolution: str) -> int:
    """Resolve every open alert of this kind and subject whose key starts with `key_prefix`."""
    alerts = (
        await uow.session.scalars(
            select(Alert)
            .where(
                Alert.kind == kind.value,
                Alert.subject == subject,
                Alert.status.in_(OPEN_STATUSES),
                Alert.dedupe_key.startswith(key_prefix, autoescape=True),
            )
            .with_for_update()
        )
    ).all()
    for alert in alerts:
        await _resolve(uow, alert, resolution)
    return len(alerts)


async def _resolve(uow: UnitOfWork, alert: Alert, resolution: str) -> None:
    alert.status, alert.resolved_at, alert.resolution = "resolved", utcnow(), resolution
    await uow.emit(
        AlertResolved(
            alert_id=alert.id,
            kind=alert.kind,
            location_id=alert.location_id,
            subject=alert.subject,
            resolved_at=alert.resolved_at,
            resolution=resolution,
        ),
        subject=alert.id,
        location_id=alert.location_id,
    )


async def list_alerts(*, uow: UnitOfWork, location_id: str, status: str | None, actor: Principal) -> list[Alert]:
    """A location's alerts, newest first; `open` includes acknowledged ones not yet resolved."""
    actor.ensure_location(location_id)
    query = select(Alert).where(Alert.location_id == location_id).order_by(Alert.raised_at.desc())
    if status == "open":
        query = query.where(Alert.status.in_(OPEN_STATUSES))
    elif status:
        query = query.where(Alert.status == status)
    async with uow:
        return list((await uow.session.scalars(query)).all())


async def get_alert(*, uow: UnitOfWork, alert_id: str, actor: Principal) -> Alert:
    """One alert with its details."""
    async with uow:
        # An alert without a location (its member not yet known) is group-wide.
        return await load_in_scope(uow, Alert, alert_id, actor, field="alert_id")


async def _load_for_change(uow: UnitOfWork, alert_id: str, actor: Principal) -> Alert:
    alert = await load_in_scope(uow, Alert, alert_id, actor, field="alert_id", lock=True)
    if alert.status == "resolved":
        raise Conflict("the alert is already resolved", status=alert.status)
    return alert


async def acknowledge(*, uow: UnitOfWork, alert_id: str, actor: Principal) -> Alert:
    """Mark an open alert as seen; it stays open until resolved."""
    async with uow:
        alert = await _load_for_change(uow, alert_id, actor)
        alert.status, alert.acknowledged_by, alert.acknowledged_at = "acknowledged", actor.sub, utcnow()
    return alert


async def resolve(*, uow: UnitOfWork, alert_id: str, resolution: str, actor: Principal) -> Alert:
    """Resolve an alert by hand, saying why."""
    async with uow:
        alert = await _load_for_change(uow, alert_id, actor)
        await _resolve(uow, alert, f"{resolution} (by {actor.sub})")
    return alert


async def fill_locations(*, uow: UnitOfWork, subject: str, location_id: str) -> None:
    """Alerts raised before the member's location was known get it now."""
    await uow.session.execute(
        update(Alert).where(Alert.subject == subject, Alert.location_id.is_(None)).values(location_id=location_id)
    )
