"""Locations of the group: opened by a practice admin, kept up to date by their managers."""
