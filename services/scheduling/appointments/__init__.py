"""Appointments: booking, the FHIR life cycle, rescheduling, and the reads of them."""
