"""Compliance: the HIPAA access trail, policies, OSHA records."""
