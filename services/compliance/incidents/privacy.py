"""Privacy incidents: possible breaches of PHI and their 60-day notification deadline."""

import uuid
from datetime import date

from sqlalchemy import select

from services.compliance.alerts import service as alerts
from services.compliance.alerts.domain import AlertKind
from services.compliance.incidents.domain import breach_status, notification_deadline
from services.compliance.incidents.models import PrivacyIncident
from services.compliance.incidents.schemas import NotificationIn, PrivacyIncidentIn, PrivacyIncidentOut
from services.compliance.projections import locations
from shared.auth import Principal
from shared.clock import latest_today, utcnow
from shared.contracts.compliance import PrivacyIncidentNotified, PrivacyIncidentReported
from shared.errors import Conflict, Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork


def _out(incident: PrivacyIncident, today: date) -> PrivacyIncidentOut:
    """The incident with its deadline status on `today` (the date at its location)."""
    status = breach_status(
        deadline=incident.notification_deadline, notified_on=incident.notified_on, closed=incident.closed, today=today
    )
    return PrivacyIncidentOut.model_validate(incident).model_copy(update={"status": status})


async def report(*, uow: UnitOfWork, cmd: PrivacyIncidentIn, actor: Principal) -> PrivacyIncidentOut:
    """Log a possible breach; the notification deadline is 60 days after discovery."""
    actor.ensure_location(cmd.location_id)
    async with uow:
        if cmd.discovered_on > await locations.latest_date_at(uow, cmd.location_id):
            raise Unprocessable("discovery cannot be in the future", field="body.discovered_on")
        incident = PrivacyIncident(
            id=str(uuid.uuid4()),
            location_id=cmd.location_id,
            discovered_on=cmd.discovered_on,
            notification_deadline=notification_deadline(cmd.discovered_on),
            description=cmd.description,
            individuals_affected=cmd.individuals_affected,
            closed=False,
            reported_by=actor.sub,
            created_at=utcnow(),
        )
        uow.session.add(incident)
        reported = PrivacyIncidentReported(
            incident_id=incident.id,
            location_id=incident.location_id,
            discovered_on=incident.discovered_on,
            notification_deadline=incident.notification_deadline,
            notify_by=await locations.end_of_day_at(uow, incident.location_id, incident.notification_deadline),
            individuals_affected=incident.individuals_affected,
        )
        await uow.emit(reported, subject=incident.id, location_id=incident.location_id)
        today = await locations.today_at(uow, cmd.location_id)
    return _out(incident, today)


async def list_incidents(*, uow: UnitOfWork, location_id: str, actor: Principal) -> list[PrivacyIncidentOut]:
    """A location's privacy incidents, nearest deadline first."""
    actor.ensure_location(location_id)
    async with uow:
        rows = (
            await uow.session.scalars(
                select(PrivacyIncident)
                .where(PrivacyIncident.location_id == location_id)
                .order_by(PrivacyIncident.notification_deadline)
            )
        ).all()
        today = await locations.today_at(uow, location_id)
    return [_out(incident, today) for incident in rows]


async def record_notification(
    *, uow: UnitOfWork, incident_id: str, cmd: NotificationIn, actor: Principal
) -> PrivacyIncidentOut:
    """Record that the affected individuals were notified; resolves an overdue alert."""
    async with uow:
        incident = await load_in_scope(
            uow, PrivacyIncident, incident_id, actor, field="incident_id", what="privacy incident", lock=True
        )
        if incident.notified_on is not None:
            raise Conflict("notification already recorded", notified_on=incident.notified_on.isoformat())
        if cmd.notified_on < incident.discovered_on:
            raise Unprocessable("notification cannot precede discovery", field="body.notified_on")
        if cmd.notified_on > await locations.latest_date_at(uow, incident.location_id):
            raise Unprocessable("notification cannot be in the future", field="body.notified_on")
        incident.notified_on = cmd.notified_on
        notified = PrivacyIncidentNotified(
            incident_id=incident.id, location_id=incident.location_id, notified_on=cmd.notified_on
        )
        await uow.emit(notified, subject=incident.id, location_id=incident.location_id)
        await alerts.resolve_matching(
            uow=uow,
            kind=AlertKind.BREACH_NOTIFICATION_OVERDUE,
            subject=incident.id,
            key_prefix="",
            resolution=f"notified on {cmd.notified_on.isoformat()}",
        )
        today = await locations.today_at(uow, incident.location_id)
    return _out(incident, today)


async def flag_overdue(*, uow: UnitOfWork) -> int:
    """Periodic: raise an alert for each incident past its deadline without notification."""
    async with uow:
        # Past the deadline somewhere on Earth first, then at the incident's own location.
        candidates = (
            await uow.session.scalars(
                select(PrivacyIncident).where(
                    PrivacyIncident.notified_on.is_(None),
                    PrivacyIncident.closed.is_(False),
                    PrivacyIncident.notification_deadline < latest_today(),
                )
            )
        ).all()
        late = [i for i in candidates if i.notification_deadline < await locations.today_at(uow, i.location_id)]
        for incident in late:
            await alerts.raise_alert(
                uow=uow,
                kind=AlertKind.BREACH_NOTIFICATION_OVERDUE,
                dedupe_key=f"breach_overdue:{incident.id}",
                subject=incident.id,
                location_id=incident.location_id,
                details={"deadline": incident.notification_deadline.isoformat()},
            )
    return len(late)
