"""The demo's morning mail without a stack: each supplier invoice's attachment is one the inbox reads."""

from datetime import UTC, datetime

from clinicops.demo.context import Demo
from clinicops.demo.inbox import INVOICED, emails, office
from clinicops.demo.plan import build_practice
from services.inbox.invoices.csv_format import parse_csv


def morning() -> tuple[Demo, list]:
    now = datetime.now(UTC)
    demo = Demo(practice=build_practice(7, patients=40, today=now.date()), gateway=None, now=now)
    return demo, emails(demo)


def test_every_location_gets_requests_queries_and_invoices_with_their_subjects_filled_in():
    demo, messages = morning()
    assert {m["To"] for m in messages} == {office(loc.location_id) for loc in demo.practice.locations}
    bodies = [m.get_body(("plain",)).get_content() for m in messages]
    assert not [text for text in [m["Subject"] for m in messages] + bodies if "{" in text]


def test_each_supplier_invoice_carries_a_csv_the_inbox_reads_with_its_vendor_number_date_and_lines():
    demo, messages = morning()
    invoices = [m for m in messages if m["From"] in INVOICED]
    assert len(invoices) == 4
    for message in invoices:
        (sheet,) = list(message.iter_attachments())
        document = parse_csv(sheet.get_content().encode())
        vendor, lines = INVOICED[message["From"]]
        location_id = message["To"].removeprefix("office-").split("@")[0]
        assert (document.vendor, document.issued_on) == (vendor, demo.today(location_id))
        assert document.number in message["Subject"] and sheet.get_filename() == f"invoice-{document.number}.csv"
        assert [(line.item, line.quantity) for line in document.lines] == [(item, n) for item, n, _ in lines]
