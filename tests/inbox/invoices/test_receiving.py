"""Receiving invoices on PostgreSQL: approved once, or one office-manager task naming the lines and differences."""

import asyncio
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from services.inbox.invoices import rematching, tolerance
from services.inbox.invoices import service as invoices
from services.inbox.invoices.models import SupplierInvoice
from services.inbox.purchasing import service as purchasing
from services.inbox.tasks.models import Task
from tests.inbox.invoices.orders import placed, received
from tests.inbox.invoices.samples import ubl_invoice

pytestmark = pytest.mark.integration


async def deliver(db, *events) -> None:
    """What the consumer does with facilities' events, one transaction each."""
    for event in events:
        async with db.uow() as uow:
            if event.event_type.endswith(".placed"):
                await purchasing.record_order_placed(uow=uow, event=event)
            else:
                await purchasing.record_receipt(uow=uow, event=event)
            await rematching.rematch_order(uow=uow, purchase_order_id=event.purchase_order_id)


async def email(db, content: bytes, *, filename: str = "invoice.xml", location_id: str | None = "loc-a"):
    async with db.uow() as uow:
        return await invoices.receive_invoice_document(
            uow=uow,
            location_id=location_id,
            filename=filename,
            content_type="application/xml",
            content=content,
            message_id="msg-1",
            actor="mail",
        )


async def task_of(db, task_id: str) -> Task:
    async with db.sessions() as session:
        return await session.get(Task, task_id)


async def test_a_full_match_is_approved_and_announced_once(inbox_db):
    await deliver(inbox_db, placed("po-1"), received("po-1", "r-1", gloves=20), received("po-1", "r-1", gloves=20))
    outcome = await email(inbox_db, ubl_invoice(order="po-1", quantity=20, price="7.30"))  # 0.7% over: inside 2%
    assert (outcome.outcome, outcome.task_id, outcome.differences) == ("approved", None, [])
    (event,) = await inbox_db.emitted("inbox.invoice.approved")
    assert event | {"issued_on": None} == {
        "invoice_id": outcome.invoice_id,
        "location_id": "loc-a",
        "vendor": "Medline",
        "invoice_number": "INV-1001",
        "issued_on": None,
        "purchase_order_id": "po-1",
        "category": "supplies",
        "total": "146.00",
        "currency": "USD",
        "accrued": "145.00",  # the receipt booked 20 x the order's 7.25: billing books the 1.00 left
    }
    again = await email(inbox_db, ubl_invoice(order="po-1", quantity=20, price="7.30"))
    assert (again.outcome, again.invoice_id) == ("duplicate", outcome.invoice_id)
    assert len(await inbox_db.emitted("inbox.invoice.approved")) == 1


async def test_a_price_over_the_tolerance_is_a_task_naming_the_line_and_difference(inbox_db):
    await deliver(inbox_db, placed("po-2"), received("po-2", "r-2", gloves=20))
    outcome = await email(inbox_db, ubl_invoice(order="po-2", quantity=20, price="7.50"))
    assert outcome.outcome == "needs_review"
    task = await task_of(inbox_db, outcome.task_id)
    assert (task.role, task.location_id, task.category, task.focus_id) == (
        "office_manager",
        "loc-a",
        "supplier_invoice",
        outcome.invoice_id,
    )
    assert task.title == "Invoice INV-1001 from Medline: 1 difference"
    assert (
        "- order line 1 (Nitrile gloves M): unit price 7.50 differs from the order's 7.25 by +0.25 (+3.45%),"
        " beyond the 2.00% tolerance"
    ) in task.description
    assert await inbox_db.emitted("inbox.invoice.approved") == []


async def test_a_wider_tolerance_set_by_the_practice_takes_the_same_price(inbox_db):
    await deliver(inbox_db, placed("po-3"), received("po-3", "r-3", gloves=20))
    async with inbox_db.uow() as uow:
        await tolerance.set_tolerance(uow=uow, percent=Decimal("5"), actor="om-1")
    outcome = await email(inbox_db, ubl_invoice(order="po-3", quantity=20, price="7.50"))
    assert outcome.outcome == "approved", outcome.differences


async def test_billing_more_than_received_waits_for_the_delivery_then_approves_itself(inbox_db):
    await deliver(inbox_db, placed("po-4"), received("po-4", "r-4a", gloves=10))
    outcome = await email(inbox_db, ubl_invoice(order="po-4", quantity=20))
    assert outcome.differences == ["order line 1 (Nitrile gloves M): billed 20 but only 10 received"]
    task = await task_of(inbox_db, outcome.task_id)
    assert "billed 20 but only 10 received" in task.description and task.status == "requested"

    await deliver(inbox_db, received("po-4", "r-4b", gloves=10))  # the rest arrives: the invoice matches now
    async with inbox_db.sessions() as session:
        invoice = await session.get(SupplierInvoice, outcome.invoice_id)
    assert (invoice.status, invoice.differences) == ("approved", [])
    assert (await task_of(inbox_db, outcome.task_id)).status == "completed"
    assert [e["invoice_id"] for e in await inbox_db.emitted("inbox.invoice.approved")] == [outcome.invoice_id]


async def test_a_second_invoice_cannot_bill_what_the_first_already_billed(inbox_db):
    await deliver(inbox_db, placed("po-5"), received("po-5", "r-5", gloves=20))
    first = await email(inbox_db, ubl_invoice(order="po-5", number="A-1", quantity=15))
    second = await email(inbox_db, ubl_invoice(order="po-5", number="A-2", quantity=10))
    assert first.outcome == "approved"
    assert second.differences == ["order line 1 (Nitrile gloves M): billed 10 (15 billed before) but only 20 received"]


async def test_a_duplicate_number_is_one_task_and_no_second_invoice(inbox_db):
    await deliver(inbox_db, placed("po-6"), received("po-6", "r-6", gloves=20))
    first = await email(inbox_db, ubl_invoice(order="po-6", number="DUP-1", quantity=20))
    # The same vendor spelled otherwise is the same vendor; three copies make one task.
    copy = ubl_invoice(order="po-6", number="DUP-1", quantity=20).replace(b">Medline<", b">MEDLINE <")
    copies = [await email(inbox_db, copy) for _ in range(3)]
    assert {c.outcome for c in copies} == {"duplicate"} and {c.invoice_id for c in copies} == {first.invoice_id}
    assert len({c.task_id for c in copies}) == 1
    task = await task_of(inbox_db, copies[0].task_id)
    assert task.title == "Duplicate invoice DUP-1 from MEDLINE" and "do not pay it twice" in task.description
    async with inbox_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SupplierInvoice)) == 1


async def test_an_invoice_with_no_order_is_a_task_and_matches_once_the_order_is_known(inbox_db):
    outcome = await email(inbox_db, ubl_invoice(order="po-7", quantity=5))
    assert outcome.outcome == "needs_review"
    task = await task_of(inbox_db, outcome.task_id)
    assert task.title == "Invoice INV-1001 from Medline: no purchase order"
    assert "no purchase order found for the invoice (order po-7)" in task.description
    assert "billed line 'Nitrile gloves M': no purchase order to match it to" in task.description

    await deliver(inbox_db, placed("po-7"), received("po-7", "r-7", gloves=5))
    assert (await task_of(inbox_db, outcome.task_id)).status == "completed"


async def test_an_unreadable_attachment_is_a_task_and_without_a_location_a_422(inbox_db):
    outcome = await email(inbox_db, b"<Invoice><oops></Invoice>")
    assert outcome.outcome == "unreadable" and "not well-formed" in outcome.differences[0]
    assert (await task_of(inbox_db, outcome.task_id)).title == "Supplier invoice invoice.xml could not be read"
    with pytest.raises(Exception, match="not well-formed"):
        await email(inbox_db, b"<Invoice><oops></Invoice>", location_id=None)


async def test_racing_copies_of_one_invoice_make_one_invoice(inbox_db):
    """No order to lock on: the unique (vendor, number) constraint alone decides the race."""
    content = ubl_invoice(order="po-none", number="RACE-1", quantity=1)
    outcomes = await asyncio.gather(*(email(inbox_db, content) for _ in range(6)))
    assert sorted(o.outcome for o in outcomes) == ["duplicate"] * 5 + ["needs_review"]
    assert len({o.invoice_id for o in outcomes}) == 1
    async with inbox_db.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(SupplierInvoice)) == 1
