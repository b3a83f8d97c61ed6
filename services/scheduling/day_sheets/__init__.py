"""The day sheet: a location's day by provider, with its worklist and pending waitlist offers."""
