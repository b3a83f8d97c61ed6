"""`clinicops demo`: a living demo practice group, built through the gateway's public API and events only."""
