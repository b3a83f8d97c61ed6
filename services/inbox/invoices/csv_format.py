"""A supplier invoice as CSV: one row per billed line, the invoice's own fields repeated on each row.

    vendor,invoice_number,invoice_date,order_number,line,item,item_id,quantity,unit_price,amount,tax,total

Headers are case-insensitive; `order_number`, `line`, `item_id`, `amount`, `tax` and `total` may be left
out (an amount is then quantity x unit price, the total the lines plus tax). The invoice fields must be
the same on every row that gives them.
"""

import csv
import io

from services.inbox.invoices.domain import (
    InvalidInvoice,
    InvoiceDocument,
    InvoiceLine,
    checked,
    day,
    line_amount,
    money,
    quantity,
    text,
)

ALIASES = {
    "invoice_number": ("invoice_number", "invoice", "invoice_no", "number"),
    "invoice_date": ("invoice_date", "date", "issue_date"),
    "order_number": ("order_number", "purchase_order", "purchase_order_id", "po", "po_number"),
    "line": ("line", "order_line", "po_line"),
    "item": ("item", "description", "item_name"),
    "unit_price": ("unit_price", "price"),
}
REQUIRED = ("vendor", "invoice_number", "invoice_date", "item", "quantity", "unit_price")
INVOICE_FIELDS = ("vendor", "invoice_number", "invoice_date", "order_number", "tax", "total", "currency")


def parse_csv(content: bytes) -> InvoiceDocument:
    """Read a CSV invoice; InvalidInvoice names the row and column of the first problem."""
    try:
        decoded = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InvalidInvoice("the CSV is not UTF-8 text", field="content") from None
    try:
        rows = list(csv.reader(io.StringIO(decoded, newline="")))
    except csv.Error as exc:
        raise InvalidInvoice(f"the CSV cannot be read: {exc}", field="content") from None
    rows = [row for row in rows if any(cell.strip() for cell in row)]
    if len(rows) < 2:
        raise InvalidInvoice("the CSV needs a header row and at least one line", field="content")
    columns = _columns(rows[0])
    records = [{name: row[i].strip() if i < len(row) else "" for name, i in columns.items()} for row in rows[1:]]
    header = _invoice_fields(records)
    lines = tuple(_line(record, index) for index, record in enumerate(records))
    tax = money(header.get("tax") or "0", field="tax")
    total_text = header.get("total")
    return checked(
        InvoiceDocument(
            vendor=text(header.get("vendor"), field="vendor"),
            number=text(header.get("invoice_number"), field="number"),
            issued_on=day(header.get("invoice_date"), field="issued_on"),
            order_ref=text(header.get("order_number"), field="order_ref", required=False),
            currency=(text(header.get("currency"), field="currency", required=False) or "USD").upper(),
            lines=lines,
            tax=tax,
            total=money(total_text, field="total") if total_text else sum((li.amount for li in lines), tax),
        )
    )


def _columns(header: list[str]) -> dict[str, int]:
    names = [cell.strip().lower().replace(" ", "_") for cell in header]
    columns = {}
    for index, name in enumerate(names):
        canonical = next((key for key, aliases in ALIASES.items() if name in aliases), name)
        columns.setdefault(canonical, index)
    if missing := [name for name in REQUIRED if name not in columns]:
        raise InvalidInvoice(f"the CSV has no column {', '.join(missing)}", field=f"columns.{missing[0]}")
    return columns


def _invoice_fields(records: list[dict[str, str]]) -> dict[str, str]:
    header: dict[str, str] = {}
    for index, record in enumerate(records):
        for name in INVOICE_FIELDS:
            value = record.get(name, "")
            if value and header.setdefault(name, value) != value:
                raise InvalidInvoice(f"row {index + 2} gives another {name} ({value!r})", field=f"lines.{index}.{name}")
    return header


def _line(record: dict[str, str], index: int) -> InvoiceLine:
    where = f"lines.{index}"
    count = quantity(record.get("quantity"), field=f"{where}.quantity")
    price = money(record.get("unit_price"), field=f"{where}.unit_price")
    amount = record.get("amount")
    order_line = record.get("line")
    return InvoiceLine(
        item=text(record.get("item"), field=f"{where}.item"),
        item_id=text(record.get("item_id"), field=f"{where}.item_id", required=False),
        quantity=count,
        unit_price=price,
        amount=money(amount, field=f"{where}.amount") if amount else line_amount(count, price),
        order_line=quantity(order_line, field=f"{where}.line") if order_line else None,
    )
