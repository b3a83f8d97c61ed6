"""Patients' insurance coverage: which payer pays first, with which member id, from when to when."""
