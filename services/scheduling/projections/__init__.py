"""What scheduling learns from staff and facilities events: local tables, the handlers that fill them."""
