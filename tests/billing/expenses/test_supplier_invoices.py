"""An approved supplier invoice from the inbox is booked once as an expense of its location (Kafka + PostgreSQL)."""

from datetime import timedelta
from decimal import Decimal

import pytest

from shared.contracts.inbox import SupplierInvoiceApproved
from shared.envelope import Envelope
from tests.billing.expenses.test_expenses_and_budgets import FIRST, LAST, wait_for_expenses
from tests.support.dates import month_start
from tests.support.kafka_tools import produce
from tests.support.suite import token

pytestmark = pytest.mark.integration
MANAGER = token(roles=["office_manager"], locations=["loc-a"], sub="om-1")


def approved(invoice_id: str, total: str, category: str = "supplies", accrued: str = "0") -> SupplierInvoiceApproved:
    return SupplierInvoiceApproved(
        invoice_id=invoice_id,
        location_id="loc-a",
        vendor="Medline",
        invoice_number=f"INV-{invoice_id}",
        issued_on=month_start(-1) + timedelta(days=4),
        purchase_order_id="po-1",
        category=category,
        total=Decimal(total),
        accrued=Decimal(accrued),
    )


async def publish(suite, payload: SupplierInvoiceApproved, event_id: str | None = None) -> None:
    extra = {"id": event_id} if event_id else {}
    envelope = Envelope(
        type=payload.event_type,
        source="/clinicops/inbox",
        subject=payload.invoice_id,
        location_id=payload.location_id,
        data=payload.model_dump(mode="json"),
        **extra,
    )
    await produce(
        suite.bootstrap,
        suite.topic(payload.topic()),
        envelope.kafka_value(),
        key=b"loc-a",  # one partition for the test: the last event handled means all before it were
        headers=envelope.kafka_headers(),
    )


async def test_an_approved_invoice_is_one_expense_however_often_it_arrives(make_suite):
    suite = make_suite()
    await suite.start("billing")
    async with suite.client("billing", MANAGER) as manager:
        await publish(suite, approved("inv-1", "145.00"), event_id="evt-1")
        await publish(suite, approved("inv-1", "145.00"), event_id="evt-1")  # redelivered: the same event
        await publish(suite, approved("inv-1", "145.00"))  # emitted again: a new event, the same invoice
        await publish(suite, approved("inv-2", "0.00"))  # nothing spent: nothing booked
        await publish(suite, approved("inv-3", "19.99"))  # last on the partition: every copy before it was handled
        supplies = await wait_for_expenses(manager, 2)
    assert sorted((e["amount"], e["source_ref"], e["vendor"]) for e in supplies) == [
        ("145.00", "supplier_invoice:inv-1", "Medline"),
        ("19.99", "supplier_invoice:inv-3", "Medline"),
    ]
    assert {e["incurred_on"] for e in supplies} == {(month_start(-1) + timedelta(days=4)).isoformat()}
    assert FIRST <= supplies[0]["incurred_on"] <= LAST
    assert await suite.scalar("billing", "SELECT count(*) FROM expense") == 2


async def test_an_invoice_books_only_what_its_receipts_did_not(make_suite):
    """The receipts booked the goods at the order's price: the invoice adds tax and charges, or takes a discount off."""
    suite = make_suite()
    await suite.start("billing")
    async with suite.client("billing", MANAGER) as manager:
        await publish(suite, approved("inv-tax", "156.95", accrued="145.00"))  # 145.00 goods + tax and shipping
        await publish(suite, approved("inv-even", "145.00", accrued="145.00"))  # nothing left: nothing booked
        await publish(suite, approved("inv-discount", "140.65", accrued="145.00"))  # 3% off what was received
        supplies = await wait_for_expenses(manager, 2)
    assert sorted((e["source_ref"], e["amount"], e["description"]) for e in supplies) == [
        ("supplier_invoice:inv-discount", "-4.35", "invoice INV-inv-discount over its receipts (purchase order po-1)"),
        ("supplier_invoice:inv-tax", "11.95", "invoice INV-inv-tax over its receipts (purchase order po-1)"),
    ]
