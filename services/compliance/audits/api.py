"""PHI access trail routes: accounting of access, queries, CSV export, verification, anchors."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response

from services.compliance.access import Officer
from services.compliance.audits import queries as trail_queries
from services.compliance.audits import service as trail
from services.compliance.audits.queries import TrailQuery
from services.compliance.audits.schemas import Action, AnchorOut, AuditRecordOut, Outcome, VerificationOut
from shared.auth import ALL_LOCATIONS, Principal
from shared.errors import Forbidden, Unprocessable
from shared.fields import Timestamp
from shared.web import MAX_OFFSET, NewUowDep, UowDep

router = APIRouter(prefix="/audit", tags=["access trail"])


def _trail_query(
    patient_id: str | None = None,
    actor: str | None = None,
    location_id: str | None = None,
    action: Action | None = None,
    outcome: Outcome | None = None,
    since: Timestamp | None = None,
    until: Timestamp | None = None,
    limit: Annotated[int, Query(ge=1, le=5000)] = 500,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> TrailQuery:
    for name, moment in (("since", since), ("until", until)):
        if moment is not None and moment.tzinfo is None:
            raise Unprocessable("give a timezone offset", field=f"query.{name}")
    return TrailQuery(patient_id, actor, location_id, action, outcome, since, until, limit, offset)


QueryDep = Annotated[TrailQuery, Depends(_trail_query)]


@router.get("/records", response_model=list[AuditRecordOut])
async def search_records(query: QueryDep, uow: UowDep, actor: Officer):
    """Trail records by patient (accounting of access), user, location, action, outcome and time range."""
    return await trail_queries.search(uow=uow, query=query, actor=actor)


@router.get("/records.csv", response_class=Response, responses={200: {"content": {"text/csv": {}}}})
async def export_records(query: QueryDep, uow: UowDep, actor: Officer):
    """The same records as CSV, every page at once (the export is itself audited)."""
    records = await trail_queries.search(uow=uow, query=query, actor=actor, export=True)
    return Response(
        trail_queries.to_csv(records),
        media_type="text/csv",
        headers={"Content-Disposition": 'attachment; filename="access-trail.csv"'},
    )


@router.get("/patients/{patient_id}/accounting", response_model=list[AuditRecordOut])
async def accounting_of_access(
    patient_id: str,
    uow: UowDep,
    new_uow: NewUowDep,
    actor: Officer,
    since: Timestamp | None = None,
    until: Timestamp | None = None,
):
    """Who accessed one patient's record, when, how and with what outcome (403 for another location's patient)."""
    query = _trail_query(patient_id=patient_id, since=since, until=until, limit=5000)
    return await trail_queries.accounting(uow=uow, new_uow=new_uow, query=query, actor=actor)


@router.get("/verify", response_model=VerificationOut)
async def verify_trail(
    uow: UowDep,
    actor: Officer,
    anchor_sequence: Annotated[int | None, Query(ge=1, le=2**62)] = None,
    anchor_hash: Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$")] = None,
):
    """Walk the hash chain; an anchor read from the broker may be given to check a wholesale rewrite."""
    if (anchor_sequence is None) != (anchor_hash is None):
        raise Unprocessable("give anchor_sequence and anchor_hash together", field="query.anchor_hash")
    _require_group_wide(actor)
    external = (anchor_sequence, anchor_hash) if anchor_sequence else None
    return await trail.verify(uow=uow, external_anchor=external)


@router.post("/anchors", response_model=AnchorOut, status_code=201)
async def anchor_now(uow: UowDep, actor: Officer):
    """Record and publish the chain head now (a periodic job does it too)."""
    _require_group_wide(actor)
    return await trail.anchor(uow=uow)


def _require_group_wide(actor: Principal) -> None:
    # The chain spans every location: only a group-wide officer may see its shape.
    if ALL_LOCATIONS not in actor.locations:
        raise Forbidden("the trail spans every location: group-wide access needed", field="location_id")
