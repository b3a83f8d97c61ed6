"""Reference data: payers and their contracted rates; each location's fees, billing profile and missed-visit fees."""
