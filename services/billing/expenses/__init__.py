"""A location's expenses (entered or booked from purchase orders) and its monthly budgets."""
