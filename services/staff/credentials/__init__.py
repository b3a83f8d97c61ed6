"""Credentials: licences, registrations and certifications, verified, suspended and renewed."""
