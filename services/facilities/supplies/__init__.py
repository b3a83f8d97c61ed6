"""Supplies: stock per location, its movements, reorders, purchase orders and their receipts."""
