"""The sample invoices under samples/, filled in: their dates are computed from today, never written in."""

from decimal import Decimal
from pathlib import Path

from tests.support.dates import days_ago

SAMPLES = Path(__file__).parent / "samples"


def ubl_invoice(*, order: str, number: str = "INV-1001", quantity: int = 20, price: str = "7.25") -> bytes:
    amount = str((Decimal(price) * quantity).quantize(Decimal("0.01")))
    return (
        (SAMPLES / "medline.xml")
        .read_text()
        .format(
            number=number,
            issued_on=days_ago(3).isoformat(),
            order=order,
            quantity=quantity,
            price=price,
            amount=amount,
            lines_total=amount,
        )
        .encode()
    )


def csv_invoice(*, order: str = "po-1", number: str = "HS-77", total: str = "55.20") -> bytes:
    template = (SAMPLES / "henry_schein.csv").read_text()
    return template.format(number=number, issued_on=days_ago(5).isoformat(), order=order, total=total).encode()
