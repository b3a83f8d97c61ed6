"""Patients: registration, demographics and search, every read and change audited as PHI access."""
