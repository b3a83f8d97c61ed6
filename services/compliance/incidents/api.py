"""Incident routes: privacy incidents, OSHA 300/301, the sharps injury log and the 300A summary."""

from typing import Annotated

from fastapi import APIRouter, Query

from services.compliance.access import Officer
from services.compliance.incidents import osha, privacy
from services.compliance.incidents.schemas import (
    NotificationIn,
    Osha301Out,
    OshaCaseIn,
    OshaCaseOut,
    PrivacyIncidentIn,
    PrivacyIncidentOut,
    SharpsLogOut,
)
from shared.web import UowDep

router = APIRouter()
LocationQuery = Annotated[str, Query(min_length=1)]
YearQuery = Annotated[int, Query(ge=2000, le=2100)]


@router.post("/privacy-incidents", status_code=201, response_model=PrivacyIncidentOut, tags=["incidents"])
async def report_privacy_incident(body: PrivacyIncidentIn, uow: UowDep, actor: Officer):
    """Log a possible breach of PHI; notification is due 60 days after discovery."""
    return await privacy.report(uow=uow, cmd=body, actor=actor)


@router.get("/privacy-incidents", response_model=list[PrivacyIncidentOut], tags=["incidents"])
async def list_privacy_incidents(location_id: LocationQuery, uow: UowDep, actor: Officer):
    """A location's privacy incidents with their deadline status (open, overdue, notified)."""
    return await privacy.list_incidents(uow=uow, location_id=location_id, actor=actor)


@router.post("/privacy-incidents/{incident_id}/notification", response_model=PrivacyIncidentOut, tags=["incidents"])
async def record_notification(incident_id: str, body: NotificationIn, uow: UowDep, actor: Officer):
    """Record that the affected individuals were notified."""
    return await privacy.record_notification(uow=uow, incident_id=incident_id, cmd=body, actor=actor)


@router.post("/osha/cases", status_code=201, response_model=Osha301Out, tags=["osha"])
async def record_osha_case(body: OshaCaseIn, uow: UowDep, actor: Officer):
    """Enter a recordable work injury or illness (a 300 log row with its 301 report)."""
    return await osha.record_case(uow=uow, cmd=body, actor=actor)


@router.get("/osha/cases/{case_id}", response_model=Osha301Out, tags=["osha"])
async def osha_301(case_id: str, uow: UowDep, actor: Officer):
    """One case's OSHA 301 incident report."""
    return await osha.report_301(uow=uow, case_id=case_id, actor=actor)


@router.get("/osha/log", response_model=list[OshaCaseOut], tags=["osha"])
async def osha_300_log(location_id: LocationQuery, year: YearQuery, uow: UowDep, actor: Officer):
    """The OSHA 300 log of a location and year."""
    return await osha.log_300(uow=uow, location_id=location_id, year=year, actor=actor)


@router.get("/osha/sharps-log", response_model=list[SharpsLogOut], tags=["osha"])
async def sharps_injury_log(location_id: LocationQuery, year: YearQuery, uow: UowDep, actor: Officer):
    """The sharps injury log: device, brand, procedure, body part; no names."""
    return await osha.sharps_log(uow=uow, location_id=location_id, year=year, actor=actor)


@router.get("/osha/summary", tags=["osha"])
async def osha_300a(location_id: LocationQuery, year: YearQuery, uow: UowDep, actor: Officer) -> dict:
    """The OSHA 300A summary: totals per classification and injury type, days away and restricted."""
    return await osha.summary(uow=uow, location_id=location_id, year=year, actor=actor)
