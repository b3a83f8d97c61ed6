"""Inbox: tasks for roles (FHIR Task-shaped), raised by people, events and email, tracked to done."""
