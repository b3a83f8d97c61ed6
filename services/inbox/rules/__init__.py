"""Event rules: another service's event raises a task for a role; the event that resolves its cause completes it."""
