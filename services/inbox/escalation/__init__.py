"""Escalation: an overdue task is raised one priority step and shown to the office manager, once."""
