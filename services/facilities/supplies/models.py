"""Supplies: stock per location, its movements, purchase orders and their receipts."""

from datetime import date, datetime
from decimal import Decimal

from sqlalchemy import JSON, CheckConstraint, Date, ForeignKey, Index, Integer, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from services.facilities.db import Base
from services.facilities.supplies.domain import OPEN_ORDER_STATUSES
from shared.db import Money, UTCDateTime

OPEN_ORDER_SQL = f"status IN ({', '.join(repr(str(s)) for s in OPEN_ORDER_STATUSES)})"


class StockItem(Base):
    """One supply item as stocked at one location; the same `sku` names it at every location."""

    __tablename__ = "stock_item"
    __table_args__ = (
        UniqueConstraint("location_id", "sku"),
        # Never negative, whatever the application does: consumptions are conditional updates.
        CheckConstraint("on_hand >= 0", name="on_hand_not_negative"),
        CheckConstraint("reorder_point >= 0", name="reorder_point_not_negative"),
        CheckConstraint("reorder_quantity > 0", name="positive_reorder_quantity"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.location_id"), index=True)
    sku: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(200))
    unit: Mapped[str] = mapped_column(String(20))
    on_hand: Mapped[int] = mapped_column(Integer, default=0)
    reorder_point: Mapped[int] = mapped_column(Integer)
    reorder_quantity: Mapped[int] = mapped_column(Integer)
    preferred_vendor: Mapped[str] = mapped_column(String(200))
    unit_cost: Mapped[Decimal] = mapped_column(Money)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class StockMovement(Base):
    """Every change of stock, signed: receive and transfer-in add, consume and transfer-out take."""

    __tablename__ = "stock_movement"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    item_id: Mapped[str] = mapped_column(ForeignKey("stock_item.id"), index=True)
    location_id: Mapped[str] = mapped_column(String(64))
    kind: Mapped[str] = mapped_column(String(16))  # receive | consume | adjust | transfer_in | transfer_out
    quantity: Mapped[int] = mapped_column(Integer)
    on_hand_after: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str | None] = mapped_column(String(500))
    reference: Mapped[str | None] = mapped_column(String(36))  # transfer, purchase order or receipt id
    actor: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UTCDateTime)


class PurchaseOrder(Base):
    __tablename__ = "purchase_order"
    __table_args__ = (
        # One open reorder per stock item: concurrent consumptions crossing the reorder point
        # race to insert, and the database lets exactly one of them win.
        Index(
            "uq_purchase_order_open_reorder",
            "reorder_item_id",
            unique=True,
            postgresql_where=text(OPEN_ORDER_SQL),
            sqlite_where=text(OPEN_ORDER_SQL),
        ),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    location_id: Mapped[str] = mapped_column(ForeignKey("location.location_id"), index=True)
    vendor: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    reorder_item_id: Mapped[str | None] = mapped_column(ForeignKey("stock_item.id"))  # set on automatic reorders
    created_by: Mapped[str] = mapped_column(String(100))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ordered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PurchaseOrderLine(Base):
    __tablename__ = "purchase_order_line"
    __table_args__ = (
        UniqueConstraint("purchase_order_id", "line_number"),
        CheckConstraint("quantity > 0", name="positive_quantity"),
        CheckConstraint("received_quantity >= 0 AND received_quantity <= quantity", name="received_within_ordered"),
    )

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    purchase_order_id: Mapped[str] = mapped_column(ForeignKey("purchase_order.id"), index=True)
    line_number: Mapped[int] = mapped_column(Integer)
    item_id: Mapped[str] = mapped_column(ForeignKey("stock_item.id"))
    item_name: Mapped[str] = mapped_column(String(200))
    quantity: Mapped[int] = mapped_column(Integer)
    unit_price: Mapped[Decimal] = mapped_column(Money)
    received_quantity: Mapped[int] = mapped_column(Integer, default=0)


class PurchaseOrderReceipt(Base):
    """One delivery against an order; each one is announced (and booked by billing) once."""

    __tablename__ = "purchase_order_receipt"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    purchase_order_id: Mapped[str] = mapped_column(ForeignKey("purchase_order.id"), index=True)
    received_on: Mapped[date] = mapped_column(Date)
    lines: Mapped[list] = mapped_column(JSON)  # [{line_number, item_id, quantity}]
    total: Mapped[Decimal] = mapped_column(Money)
    received_by: Mapped[str] = mapped_column(String(100))
    recorded_at: Mapped[datetime] = mapped_column(UTCDateTime)
