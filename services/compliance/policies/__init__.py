"""Versioned policies and the attestations each version requires."""
