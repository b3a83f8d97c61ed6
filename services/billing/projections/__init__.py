"""What billing learns from other services' events: patients, providers, locations' timezones, missed visits."""
