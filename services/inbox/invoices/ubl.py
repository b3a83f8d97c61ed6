"""A supplier invoice as UBL 2.1 XML (OASIS `Invoice-2`, as Peppol BIS Billing 3.0 sends it).

Parsed with defusedxml: a DTD, entity declarations or external references are refused before
anything expands (billion laughs, quadratic blowup, XXE), and the size is bounded before parsing.
"""

from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from services.inbox.invoices.domain import (
    InvalidInvoice,
    InvoiceDocument,
    InvoiceLine,
    checked,
    day,
    money,
    quantity,
    text,
)

INVOICE = "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
NS = {
    "cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
    "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2",
}


def parse_ubl(content: bytes) -> InvoiceDocument:
    """Read a UBL 2.1 Invoice; InvalidInvoice names the element of the first problem."""
    try:
        root = fromstring(content, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise InvalidInvoice("the XML declares a DTD or entities, which are refused", field="content") from None
    except ParseError as exc:
        raise InvalidInvoice(f"the XML is not well-formed: {exc}", field="content") from None
    if root.tag != f"{{{INVOICE}}}Invoice":
        raise InvalidInvoice(f"the XML is not a UBL 2.1 Invoice (root {root.tag})", field="content")
    totals = root.find("cac:LegalMonetaryTotal", NS)
    if totals is None:
        raise InvalidInvoice("the invoice has no LegalMonetaryTotal", field="total")
    lines = tuple(_line(element, index) for index, element in enumerate(root.findall("cac:InvoiceLine", NS)))
    charges = _amount(totals, "cbc:ChargeTotalAmount") - _amount(totals, "cbc:AllowanceTotalAmount")
    charges -= _amount(totals, "cbc:PrepaidAmount")
    currency = text(_text(root, "cbc:DocumentCurrencyCode"), field="currency", required=False) or "USD"
    return checked(
        InvoiceDocument(
            vendor=text(_vendor(root), field="vendor"),
            number=text(_text(root, "cbc:ID"), field="number"),
            issued_on=day(_text(root, "cbc:IssueDate"), field="issued_on"),
            order_ref=text(_text(root, "cac:OrderReference/cbc:ID"), field="order_ref", required=False),
            currency=currency,
            lines=lines,
            tax=_tax(root, currency),
            charges=charges + _amount(totals, "cbc:PayableRoundingAmount", negative=True),
            total=money(_text(totals, "cbc:PayableAmount"), field="total"),
        )
    )


def _vendor(root: Element) -> str | None:
    party = "cac:AccountingSupplierParty/cac:Party/"
    return _text(root, party + "cac:PartyName/cbc:Name") or _text(
        root, party + "cac:PartyLegalEntity/cbc:RegistrationName"
    )


def _tax(root: Element, currency: str):
    """The tax in the invoice's currency: a second TaxTotal (EN 16931's tax currency) restates it, not adds to it."""
    for total in root.findall("cac:TaxTotal", NS):
        amount = total.find("cbc:TaxAmount", NS)
        if amount is not None and amount.get("currencyID", currency) == currency:
            return _amount(total, "cbc:TaxAmount")
    return _zero()


def _line(element: Element, index: int) -> InvoiceLine:
    where = f"lines.{index}"
    base = _text(element, "cac:Price/cbc:BaseQuantity")
    if base and quantity(base, field=f"{where}.base_quantity") != 1:
        raise InvalidInvoice("a price per more than one unit is not supported", field=f"{where}.base_quantity")
    order_line = _text(element, "cac:OrderLineReference/cbc:LineID")
    return InvoiceLine(
        item=text(_text(element, "cac:Item/cbc:Name"), field=f"{where}.item"),
        item_id=text(
            _text(element, "cac:Item/cac:BuyersItemIdentification/cbc:ID"), field=f"{where}.item_id", required=False
        ),
        quantity=quantity(_text(element, "cbc:InvoicedQuantity"), field=f"{where}.quantity"),
        unit_price=money(_text(element, "cac:Price/cbc:PriceAmount"), field=f"{where}.unit_price"),
        amount=money(_text(element, "cbc:LineExtensionAmount"), field=f"{where}.amount"),
        order_line=quantity(order_line, field=f"{where}.order_line") if order_line else None,
    )


def _text(element: Element, path: str) -> str | None:
    found = element.find(path, NS)
    return found.text if found is not None else None


def _amount(element: Element, path: str, *, negative: bool = False):
    value = _text(element, path)
    return money(value, field=path.split(":")[-1], allow_negative=negative) if value else _zero()


def _zero():
    return money("0", field="zero")
