"""Billing's reports: A/R aging, denials, collections and revenue, the cost of missed visits."""
