"""Supplier invoice routes: typed in, uploaded as CSV or UBL 2.1, read back with their three-way match."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Request, Response

from services.inbox.access import Manager
from services.inbox.invoices import rematching, service, tolerance, views
from services.inbox.invoices.domain import MAX_DOCUMENT_BYTES, InvoiceStatus
from services.inbox.invoices.schemas import (
    InvoiceIn,
    InvoiceOut,
    InvoiceOutcomeOut,
    MatchViewOut,
    ToleranceIn,
    ToleranceOut,
)
from shared.web import MAX_OFFSET, UowDep

router = APIRouter(tags=["supplier invoices"])
DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "description": f"the invoice file itself, at most {MAX_DOCUMENT_BYTES} bytes",
        "content": {
            "text/csv": {"schema": {"type": "string"}},
            "application/xml": {"schema": {"type": "string"}},
        },
    }
}


def _status(response: Response, outcome: InvoiceOutcomeOut) -> InvoiceOutcomeOut:
    # A duplicate creates no invoice: 200 with the first copy, where a new invoice is 201.
    response.status_code = 200 if outcome.outcome == "duplicate" else 201
    return outcome


@router.post("/locations/{location_id}/supplier-invoices", status_code=201, response_model=InvoiceOutcomeOut)
async def submit_invoice(location_id: str, body: InvoiceIn, uow: UowDep, actor: Manager, response: Response):
    """Type in a supplier invoice: it is matched to its order and receipts at once."""
    return _status(response, await service.submit_invoice(uow=uow, location_id=location_id, cmd=body, actor=actor))


@router.post(
    "/locations/{location_id}/supplier-invoices/documents",
    status_code=201,
    response_model=InvoiceOutcomeOut,
    openapi_extra=DOCUMENT_BODY,
)
async def upload_invoice(
    location_id: str,
    request: Request,
    uow: UowDep,
    actor: Manager,
    response: Response,
    content_type: Annotated[str, Header(max_length=100)],
    filename: Annotated[str, Query(min_length=1, max_length=200, pattern=r"^[\w .()-]+$")] = "invoice",
):
    """Upload a CSV or UBL 2.1 XML invoice (by its Content-Type): parsed, then matched like a typed one."""
    outcome = await service.upload_invoice_document(
        uow=uow,
        location_id=location_id,
        filename=filename,
        content_type=content_type,
        content=await request.body(),
        actor=actor,
    )
    return _status(response, outcome)


@router.get("/locations/{location_id}/supplier-invoices", response_model=list[InvoiceOut])
async def list_invoices(
    location_id: str,
    uow: UowDep,
    actor: Manager,
    status: InvoiceStatus | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
):
    """A location's supplier invoices, newest first."""
    return await views.list_invoices(
        uow=uow, location_id=location_id, status=status, limit=limit, offset=offset, actor=actor
    )


@router.get("/supplier-invoices/{invoice_id}", response_model=InvoiceOut)
async def get_invoice(invoice_id: str, uow: UowDep, actor: Manager):
    """One supplier invoice, its lines and the differences its match found."""
    return await views.get_invoice(uow=uow, invoice_id=invoice_id, actor=actor)


@router.get("/supplier-invoices/{invoice_id}/match", response_model=MatchViewOut)
async def match_view(invoice_id: str, uow: UowDep, actor: Manager):
    """The three-way match: per order line, ordered / received / billed and the price difference."""
    return await views.match_view(uow=uow, invoice_id=invoice_id, actor=actor)


@router.post("/supplier-invoices/{invoice_id}/match", response_model=InvoiceOutcomeOut)
async def rematch(invoice_id: str, uow: UowDep, actor: Manager):
    """Match a waiting invoice again (after a new tolerance, or a delivery recorded late); 409 once approved."""
    return await rematching.rematch_invoice(uow=uow, invoice_id=invoice_id, actor=actor)


@router.get("/supplier-invoice-settings", response_model=ToleranceOut)
async def get_settings(uow: UowDep, actor: Manager):
    """The practice's unit price tolerance for matching invoices."""
    return await tolerance.get_tolerance(uow=uow)


@router.put("/supplier-invoice-settings", response_model=ToleranceOut)
async def put_settings(body: ToleranceIn, uow: UowDep, actor: Manager):
    """Set the practice's unit price tolerance (percent of the order's price); later matches use it."""
    return await tolerance.set_tolerance(uow=uow, percent=body.price_tolerance_percent, actor=actor.sub)
