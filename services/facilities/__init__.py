"""Facilities: locations, rooms, equipment, supplies."""
