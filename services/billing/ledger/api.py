"""HTTP routes of patient money: payments, refunds, balances, statements."""

from typing import Annotated

from fastapi import APIRouter, Header, Query, Response
from fastapi.responses import PlainTextResponse

from services.billing.access import biller, check_in_desk, ensure_may_post
from services.billing.ledger import payments, statements
from services.billing.ledger import service as ledger
from services.billing.ledger.schemas import BalanceOut, PaymentIn, PaymentOut, RefundIn, RefundOut, StatementOut
from shared.fields import Day
from shared.web import NewUowDep, UowDep

# A patient's data: a refused role is audited too.
Biller = biller("PatientAccount")
CheckInDesk = check_in_desk("PatientAccount")


class CsvResponse(PlainTextResponse):
    media_type = "text/csv"  # documented as such in the OpenAPI, not as text/plain


router = APIRouter(tags=["payments"])
LocationQuery = Annotated[str, Query(min_length=1, max_length=64)]


@router.post("/payments", response_model=PaymentOut, status_code=201)
async def post_payment(
    cmd: PaymentIn,
    uow: UowDep,
    new_uow: NewUowDep,
    actor: CheckInDesk,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
):
    """Post a patient payment (a copay at check-in, or any payment); replaying its key returns it (200)."""
    ensure_may_post(actor, cmd.kind)
    payment, created = await payments.post_payment(
        uow=uow, new_uow=new_uow, cmd=cmd, actor=actor, idempotency_key=idempotency_key
    )
    if not created:
        response.status_code = 200
    return payment


@router.get("/payments/{payment_id}", response_model=PaymentOut)
async def get_payment(payment_id: str, uow: UowDep, new_uow: NewUowDep, actor: Biller):
    """One payment and how much of it was refunded."""
    return await payments.get_payment(uow=uow, new_uow=new_uow, payment_id=payment_id, actor=actor)


@router.post("/payments/{payment_id}/refunds", response_model=RefundOut, status_code=201)
async def refund_payment(
    payment_id: str,
    cmd: RefundIn,
    uow: UowDep,
    new_uow: NewUowDep,
    actor: Biller,
    response: Response,
    idempotency_key: Annotated[str | None, Header(max_length=200)] = None,
):
    """Refund part or all of a payment; 409 naming the refundable amount when it asks for more."""
    refund, created = await payments.refund_payment(
        uow=uow, new_uow=new_uow, payment_id=payment_id, cmd=cmd, actor=actor, idempotency_key=idempotency_key
    )
    if not created:
        response.status_code = 200
    return refund


@router.get("/patients/{patient_id}/payments", response_model=list[PaymentOut])
async def payments_of_patient(
    patient_id: str, location_id: LocationQuery, uow: UowDep, new_uow: NewUowDep, actor: Biller
):
    """A patient's payments at a location, newest first."""
    return await payments.payments_of_patient(
        uow=uow, new_uow=new_uow, patient_id=patient_id, location_id=location_id, actor=actor
    )


@router.get("/patients/{patient_id}/balance", response_model=BalanceOut)
async def patient_balance(
    patient_id: str, location_id: LocationQuery, uow: UowDep, new_uow: NewUowDep, actor: CheckInDesk
):
    """What the patient owes at a location now (negative: a credit)."""
    return await ledger.current_balance(
        uow=uow, new_uow=new_uow, patient_id=patient_id, location_id=location_id, actor=actor
    )


@router.get("/patients/{patient_id}/statement", response_model=StatementOut)
async def patient_statement(
    patient_id: str, location_id: LocationQuery, start: Day, end: Day, uow: UowDep, new_uow: NewUowDep, actor: Biller
):
    """The patient's ledger lines of a period (local days of the location), from opening to closing balance."""
    return await statements.statement(
        uow=uow, new_uow=new_uow, patient_id=patient_id, location_id=location_id, start=start, end=end, actor=actor
    )


@router.get("/patients/{patient_id}/statement.csv", response_class=CsvResponse)
async def patient_statement_csv(
    patient_id: str, location_id: LocationQuery, start: Day, end: Day, uow: UowDep, new_uow: NewUowDep, actor: Biller
):
    """The same statement as CSV, for printing or mailing."""
    statement = await statements.statement(
        uow=uow, new_uow=new_uow, patient_id=patient_id, location_id=location_id, start=start, end=end, actor=actor
    )
    return CsvResponse(statements.statement_csv(statement))
