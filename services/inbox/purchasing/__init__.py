"""Facilities purchase orders and their receipts, as the inbox knows them from events."""
