"""CSV and UBL 2.1 invoices read to the cent, and what neither parser accepts, named by field."""

from decimal import Decimal

import pytest

from services.inbox.invoices.documents import parse_document
from services.inbox.invoices.domain import InvalidInvoice
from tests.inbox.invoices.samples import csv_invoice, ubl_invoice
from tests.support.dates import days_ago


def test_a_peppol_ubl_invoice_reads_vendor_number_order_lines_and_total():
    document = parse_document(filename="INV.xml", content_type="application/xml", content=ubl_invoice(order="po-9"))
    assert (document.vendor, document.number, document.order_ref) == ("Medline", "INV-1001", "po-9")
    assert document.issued_on == days_ago(3)
    (line,) = document.lines
    assert (line.item, line.quantity, line.unit_price, line.amount, line.order_line) == (
        "Nitrile gloves M",
        20,
        Decimal("7.25"),
        Decimal("145.00"),
        1,
    )
    assert (document.total, document.tax, document.charges, document.currency) == (
        Decimal("145.00"),
        Decimal("0.00"),
        Decimal("0.00"),
        "USD",
    )


def test_a_csv_invoice_repeats_its_header_fields_and_may_leave_them_blank():
    document = parse_document(filename="hs.csv", content_type="text/csv; charset=utf-8", content=csv_invoice())
    assert (document.vendor, document.number, document.order_ref, document.issued_on) == (
        "Henry Schein",
        "HS-77",
        "po-1",
        days_ago(5),
    )
    assert [(li.order_line, li.item, li.quantity, li.unit_price, li.amount) for li in document.lines] == [
        (1, "Exam table paper", 10, Decimal("4.50"), Decimal("45.00")),
        (2, "Alcohol prep pads", 4, Decimal("2.25"), Decimal("9.00")),
    ]
    assert (document.tax, document.total, document.lines_total) == (
        Decimal("1.20"),
        Decimal("55.20"),
        Decimal("54.00"),
    )


def test_the_file_name_chooses_the_parser_when_the_type_is_generic():
    document = parse_document(filename="hs.CSV", content_type="application/octet-stream", content=csv_invoice())
    assert document.number == "HS-77"
    with pytest.raises(InvalidInvoice) as refused:
        parse_document(filename="scan.pdf", content_type="application/pdf", content=b"%PDF-1.7")
    assert refused.value.field == "content_type"


BOMB = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&lol2;</Invoice>"""
XXE = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2">&secret;</Invoice>"""


@pytest.mark.parametrize("content", [BOMB, XXE], ids=["billion-laughs", "external-entity"])
def test_xml_with_a_dtd_or_entities_is_refused_before_anything_expands(content):
    with pytest.raises(InvalidInvoice, match="DTD or entities") as refused:
        parse_document(filename="i.xml", content_type="text/xml", content=content)
    assert refused.value.field == "content"


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"<Invoice><unclosed></Invoice>", "content"),
        (b'<CreditNote xmlns="urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2"/>', "content"),
        (ubl_invoice(order="po-1").replace(b">20<", b">2.5<"), "lines.0.quantity"),
        (ubl_invoice(order="po-1").replace(b">7.25<", b">7.255<"), "lines.0.unit_price"),
        (ubl_invoice(order="po-1").replace(b"<cbc:ID>INV-1001</cbc:ID>", b""), "number"),
        (ubl_invoice(order="po-1").replace(b">20<", b">0<"), "lines.0.quantity"),
        (ubl_invoice(order="po-1").replace(b">20<", b">99999999999<"), "lines.0.quantity"),
        (ubl_invoice(order="po-1").replace(b"<cbc:IssueDate>", b"<cbc:IssueDate>x"), "issued_on"),
    ],
    ids=["malformed", "credit-note", "fractional-quantity", "fraction-of-cent", "no-number", "zero", "huge", "date"],
)
def test_ubl_problems_name_their_field(content, field):
    with pytest.raises(InvalidInvoice) as refused:
        parse_document(filename="i.xml", content_type="application/xml", content=content)
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b"vendor,invoice_number\nAcme,1\n", "columns.invoice_date"),
        (b"\xff\xfe not utf-8", "content"),
        (b"vendor,invoice_number,invoice_date,item,quantity,unit_price\n", "content"),
        (csv_invoice().replace(b"Henry Schein,HS-77", b"Henry Schein,HS-78", 1), "lines.1.invoice_number"),
        (csv_invoice().replace(b",10,", b",ten,"), "lines.0.quantity"),
        (csv_invoice().replace(b"Exam table paper", b"Exam\x1b[31m paper"), "lines.0.item"),
        (
            b"vendor,invoice_number,invoice_date,item,quantity,unit_price\nA,1,2020-01-01,x,1,-3.00\n",
            "lines.0.unit_price",
        ),
    ],
    ids=["missing-column", "not-utf8", "no-lines", "two-numbers", "quantity-text", "control-chars", "negative"],
)
def test_csv_problems_name_their_field(content, field):
    with pytest.raises(InvalidInvoice) as refused:
        parse_document(filename="i.csv", content_type="text/csv", content=content)
    assert refused.value.field == field


def test_an_oversized_attachment_is_refused_unread():
    with pytest.raises(InvalidInvoice, match="bytes"):
        parse_document(filename="i.csv", content_type="text/csv", content=b"x" * (3 * 1024 * 1024))


def test_a_tax_total_restated_in_another_currency_is_not_added_twice():
    content = ubl_invoice(order="po-1").replace(
        b'<cac:TaxTotal>\n    <cbc:TaxAmount currencyID="USD">0.00</cbc:TaxAmount>\n  </cac:TaxTotal>',
        b'<cac:TaxTotal><cbc:TaxAmount currencyID="USD">11.60</cbc:TaxAmount></cac:TaxTotal>'
        b'<cac:TaxTotal><cbc:TaxAmount currencyID="CAD">15.90</cbc:TaxAmount></cac:TaxTotal>',
    )
    assert b"15.90" in content
    assert parse_document(filename="i.xml", content_type="application/xml", content=content).tax == Decimal("11.60")
