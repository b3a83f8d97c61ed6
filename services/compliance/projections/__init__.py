"""Compliance's copies of other services' data, kept from their events: locations' timezones, staff."""
