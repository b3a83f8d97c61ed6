"""Per-location matrix of who is current, expiring or overdue on credentials and training."""

from sqlalchemy import select

from services.compliance.projections import locations
from services.compliance.projections.models import StaffCredential, StaffMember, StaffTraining
from services.compliance.staff_records.domain import credential_standing, training_standing, worst
from shared.auth import Principal
from shared.clock import utc_today
from shared.uow import UnitOfWork


async def members_at(uow: UnitOfWork, location_id: str) -> list[StaffMember]:
    """Active members working at a location (JSON lists are filtered here: a practice is small)."""
    members = await uow.session.scalars(
        select(StaffMember).where(StaffMember.active.is_(True)).order_by(StaffMember.name, StaffMember.staff_id)
    )
    return [m for m in members if location_id in (m.location_ids or [])]


def _latest_per_kind(credentials: list[StaffCredential]) -> list[StaffCredential]:
    """A renewal supersedes the lapsed credential of its kind and state: only the newest counts."""

    def rank(c: StaffCredential):
        return (c.status in ("active", "expiring"), c.expires_on is None, c.expires_on or utc_today())

    best: dict[tuple, StaffCredential] = {}
    for c in credentials:
        key = (c.kind, c.state)
        if key not in best or rank(c) > rank(best[key]):
            best[key] = c
    return list(best.values())


async def matrix(*, uow: UnitOfWork, location_id: str, warn_days: int, actor: Principal) -> dict:
    """Each member of the location with the standing of every credential and course, and overall."""
    actor.ensure_location(location_id)
    async with uow:
        today = await locations.today_at(uow, location_id)
        members = await members_at(uow, location_id)
        ids = [m.staff_id for m in members]
        credentials = (
            await uow.session.scalars(
                select(StaffCredential).where(StaffCredential.staff_id.in_(ids)).order_by(StaffCredential.kind)
            )
        ).all()
        trainings = (
            await uow.session.scalars(
                select(StaffTraining).where(StaffTraining.staff_id.in_(ids)).order_by(StaffTraining.course_code)
            )
        ).all()
    rows = []
    for member in members:
        creds = [
            {
                "credential_id": c.credential_id,
                "kind": c.kind,
                "state": c.state,
                "expires_on": c.expires_on,
                "standing": credential_standing(
                    status=c.status, expires_on=c.expires_on, today=today, warn_days=warn_days
                ),
            }
            for c in _latest_per_kind([c for c in credentials if c.staff_id == member.staff_id])
        ]
        courses = [
            {
                "course_code": t.course_code,
                "completed_on": t.completed_on,
                "valid_until": t.valid_until,
                "standing": training_standing(
                    valid_until=t.valid_until,
                    overdue_since=t.overdue_since,
                    completed_on=t.completed_on,
                    today=today,
                    warn_days=warn_days,
                ),
            }
            for t in trainings
            if t.staff_id == member.staff_id
        ]
        rows.append(
            {
                "staff_id": member.staff_id,
                "name": member.name,
                "role": member.role,
                "credentials": creds,
                "training": courses,
                "standing": worst([x["standing"] for x in creds + courses]),
            }
        )
    return {"location_id": location_id, "as_of": today, "members": rows}
