"""clinicops: operations suite for multi-location medical practice groups."""
