"""Incidents: privacy incidents (possible breaches of PHI) and OSHA recordkeeping."""
