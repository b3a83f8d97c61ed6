"""The clinicops shared kernel: what every service needs and nothing service-specific."""
