"""What the inbox keeps of facilities locations: timezone and opening hours, for due times."""
