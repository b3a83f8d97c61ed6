"""OSHA recordkeeping: the 300 log, 301 reports, the sharps injury log and the 300A summary."""

import uuid

from sqlalchemy import func, select

from services.compliance.incidents.domain import CaseFigures, Classification, InjuryType, summary_300a
from services.compliance.incidents.models import OshaCase
from services.compliance.incidents.schemas import OshaCaseIn
from services.compliance.projections import locations
from shared.audit import record_phi_access
from shared.auth import Principal
from shared.clock import utcnow
from shared.errors import Unprocessable
from shared.loading import load_in_scope
from shared.uow import UnitOfWork

PRIVACY_CASE_NAME = "Privacy case"  # 29 CFR 1904.29(b)(6): the name stays off the 300 log


async def record_case(*, uow: UnitOfWork, cmd: OshaCaseIn, actor: Principal) -> OshaCase:
    """Enter a recordable injury or illness; it gets the location's next case number of its year."""
    actor.ensure_location(cmd.location_id)
    async with uow:
        if cmd.occurred_on > await locations.latest_date_at(uow, cmd.location_id):
            raise Unprocessable("the injury cannot be in the future", field="body.occurred_on")
        year = cmd.occurred_on.year
        latest = await uow.session.scalar(
            select(func.max(OshaCase.case_number)).where(OshaCase.location_id == cmd.location_id, OshaCase.year == year)
        )
        case = OshaCase(
            id=str(uuid.uuid4()),
            year=year,
            case_number=(latest or 0) + 1,
            recorded_by=actor.sub,
            created_at=utcnow(),
            details_301=cmd.details_301.model_dump(mode="json"),
            sharps=cmd.sharps.model_dump(mode="json") if cmd.sharps else None,
            **cmd.model_dump(exclude={"details_301", "sharps"}),
        )
        # Two entries racing for one number: the unique (location, year, number) decides.
        await uow.add_unique(case, conflict="another case was entered at the same time; retry")
        await record_phi_access(
            uow,
            actor=actor,
            action="create",
            resource="OshaCase",
            resource_id=case.id,
            patient_id=None,
            location_id=case.location_id,
        )
    return case


async def _cases(uow: UnitOfWork, location_id: str, year: int) -> list[OshaCase]:
    return list(
        (
            await uow.session.scalars(
                select(OshaCase)
                .where(OshaCase.location_id == location_id, OshaCase.year == year)
                .order_by(OshaCase.case_number)
            )
        ).all()
    )


async def log_300(*, uow: UnitOfWork, location_id: str, year: int, actor: Principal) -> list[OshaCase]:
    """The OSHA 300 log of a location and year, privacy cases without the employee's name."""
    actor.ensure_location(location_id)
    async with uow:
        cases = await _cases(uow, location_id, year)
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="Osha300Log",
            resource_id=str(year),
            patient_id=None,
            location_id=location_id,
        )
    for case in cases:
        if case.privacy_case:
            case.employee_name = PRIVACY_CASE_NAME  # detached rows: nothing is written back
    return cases


async def report_301(*, uow: UnitOfWork, case_id: str, actor: Principal) -> OshaCase:
    """One case's OSHA 301 incident report."""
    async with uow:
        case = await load_in_scope(uow, OshaCase, case_id, actor, field="case_id", what="OSHA case")
        await record_phi_access(
            uow,
            actor=actor,
            action="read",
            resource="OshaCase",
            resource_id=case.id,
            patient_id=None,
            location_id=case.location_id,
        )
    return case


async def sharps_log(*, uow: UnitOfWork, location_id: str, year: int, actor: Principal) -> list[OshaCase]:
    """The sharps injury log (29 CFR 1910.1030(h)(5)): cases a contaminated sharp caused."""
    actor.ensure_location(location_id)
    async with uow:
        return [c for c in await _cases(uow, location_id, year) if c.sharps]


async def summary(*, uow: UnitOfWork, location_id: str, year: int, actor: Principal) -> dict:
    """The OSHA 300A summary of a location's year."""
    actor.ensure_location(location_id)
    async with uow:
        cases = await _cases(uow, location_id, year)
    figures = [
        CaseFigures(Classification(c.classification), c.days_away, c.days_restricted, InjuryType(c.injury_type))
        for c in cases
    ]
    return {"location_id": location_id, "year": year, **summary_300a(figures)}
