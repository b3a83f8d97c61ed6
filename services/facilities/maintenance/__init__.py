"""Preventive maintenance: meter readings, plans, the tasks they make, overdue notices."""
