"""Alerts for compliance officers: raised once per condition, resolved by events or by hand."""
