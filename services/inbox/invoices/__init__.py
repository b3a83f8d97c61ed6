"""Supplier invoices: parsed from CSV or UBL 2.1, matched three ways against orders and receipts."""
