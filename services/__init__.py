"""clinicops services: one package per duty area; none imports another."""
