"""Charges: a completed visit's priced CPT lines, and missed-visit fees."""
