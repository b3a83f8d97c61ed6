"""Scheduling: patients, appointments and their FHIR life cycle."""
