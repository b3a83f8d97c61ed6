"""Staff compliance: who at a location is current, expiring or overdue on credentials and training."""
