"""Staff: people, credentials, training and shifts."""
