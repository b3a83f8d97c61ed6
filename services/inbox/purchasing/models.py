"""The inbox's copy of facilities' purchase orders and receipts: what supplier invoices are matched to."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from services.inbox.db import Base
from shared.db import Money, UTCDateTime


class PurchaseOrder(Base):
    """An order as placed with its vendor (`facilities.purchase_order.placed`)."""

    __tablename__ = "purchase_order"

    purchase_order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    location_id: Mapped[str] = mapped_column(String(64), index=True)
    vendor: Mapped[str] = mapped_column(String(200))
    ordered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    total: Mapped[Decimal] = mapped_column(Money)


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_line"

    purchase_order_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    line_number: Mapped[int] = mapped_column(Integer, primary_key=True)
    item: Mapped[str] = mapped_column(String(200))
    item_id: Mapped[str | None] = mapped_column(String(64))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)


class PurchaseOrderReceipt(Base):
    """One delivery (`facilities.purchase_order.received`); its id makes a redelivered receipt count once."""

    __tablename__ = "purchase_order_receipt"

    receipt_id: Mapped[str] = mapped_column(String(120), primary_key=True)
    purchase_order_id: Mapped[str] = mapped_column(String(64), index=True)
    location_id: Mapped[str] = mapped_column(String(64))
    received_on: Mapped[date] = mapped_column(Date)
    lines: Mapped[list] = mapped_column(JSON)  # [{item_id, item, quantity}]
