"""Recurring series: every occurrence booked under the same rules, all or none."""
