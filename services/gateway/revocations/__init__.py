"""Revocations: an access review's decision or a termination, from the broker, reaching the staff member's user."""
