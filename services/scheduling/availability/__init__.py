"""Availability: when a provider can be booked, and the open slots of a location."""
