"""Rooms and whether each is in service (manual outages, critical equipment down)."""
