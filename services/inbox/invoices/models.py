"""Supplier invoices, their lines, and the practice's price tolerance."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import Money, UTCDateTime


class SupplierInvoice(Base):
    """One vendor's invoice; its number is unique per vendor, so a second copy is refused by the database."""

    __tablename__ = "supplier_invoice"
    __table_args__ = (
        UniqueConstraint("vendor_key", "number"),
        Index("ix_supplier_invoice_order_ref_status", "order_ref", "status"),  # invoices waiting on an order
        Index("ix_supplier_invoice_location_created", "location_id", "created_at"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64))
    vendor: Mapped[str] = mapped_column(String(200))
    vendor_key: Mapped[str] = mapped_column(String(200))  # case- and spacing-folded: what duplicates compare
    number: Mapped[str] = mapped_column(String(64))
    issued_on: Mapped[date] = mapped_column(Date)
    order_ref: Mapped[str | None] = mapped_column(String(64))  # the order the vendor names
    purchase_order_id: Mapped[str | None] = mapped_column(String(64))  # the order it was matched to, if known
    currency: Mapped[str] = mapped_column(String(3))
    total: Mapped[Decimal] = mapped_column(Money)
    tax: Mapped[Decimal] = mapped_column(Money)
    charges: Mapped[Decimal] = mapped_column(Money)
    category: Mapped[str] = mapped_column(String(16))  # the expense category billing books it under
    status: Mapped[str] = mapped_column(String(16), index=True)
    differences: Mapped[list] = mapped_column(JSON)  # what the last match found, one text per difference
    task_id: Mapped[str | None] = mapped_column(String(36))
    source: Mapped[str] = mapped_column(String(16))  # api | document | email
    message_id: Mapped[str | None] = mapped_column(String(64))
    filename: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    matched_at: Mapped[datetime] = mapped_column(UTCDateTime)
    approved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SupplierInvoiceLine(Base):
    __tablename__ = "supplier_invoice_line"
    __table_args__ = (
        CheckConstraint("quantity > 0", name="positive_quantity"),
        Index("ix_supplier_invoice_line_order_line", "purchase_order_id", "matched_line"),
    )

    invoice_id: Mapped[str] = mapped_column(ForeignKey("supplier_invoice.id"), primary_key=True)
    position: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(String(200))
    item_id: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    amount: Mapped[Decimal] = mapped_column(Money)
    order_line: Mapped[int | None] = mapped_column(Integer)  # as the vendor wrote it
    # The order line the match assigned it to: what "billed before" adds up for later invoices.
    purchase_order_id: Mapped[str | None] = mapped_column(String(64))
    matched_line: Mapped[int | None] = mapped_column(Integer)


class InvoiceSettings(Base):
    """The practice's match settings: one row, `practice`; the tolerance in basis points (200 = 2%)."""

    __tablename__ = "supplier_invoice_settings"
    __table_args__ = (CheckConstraint("price_tolerance_bp BETWEEN 0 AND 10000", name="tolerance_in_range"),)

    id: Mapped[str] = mapped_column(String(16), primary_key=True)
    price_tolerance_bp: Mapped[int] = mapped_column(Integer)
    updated_by: Mapped[str] = mapped_column(String(100))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
